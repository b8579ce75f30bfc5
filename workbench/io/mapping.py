"""Which property of an imported feature becomes which field of an intervention.

Defaults are guessed from common Dutch and English names; the user can override each
(``--map title=NAAM``). Names are compared without case, accents and punctuation.
"""

import unicodedata
from functools import lru_cache

from workbench.errors import ValidationError
from workbench.i18n import _

KEYS = ("title", "description", "theme", "primary_theme", "session", "votes", "status", "horizon")

# Most specific first: "thema" should win over "categorie" when both exist.
GUESSES = {
    "title": ("titel", "title", "naam", "name", "label", "onderwerp", "idee", "statnaam"),
    "description": ("omschrijving", "beschrijving", "description", "toelichting", "opmerking", "opmerkingen",
                    "desc", "tekst", "text"),
    "theme": ("themas", "thema", "themes", "theme", "categorie", "category", "categorieen"),
    "primary_theme": ("hoofdthema", "primarytheme", "primair"),
    "session": ("bijeenkomst", "bijeenkomsten", "sessie", "session", "sessions", "sessies"),
    "votes": ("stemmen", "votes", "aantalstemmen", "stickers", "stemaantal"),
    "status": ("status",),
    "horizon": ("horizon", "termijn"),
}


def normalise(text) -> str:
    """Lower case, no accents, letters and digits only: "Thema's" -> "themas"."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=4096)  # imports repeat the same few theme names many times
def normalise_name(text) -> str:
    """For matching names of themes and sessions: case, accents and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def guess(fields) -> dict:
    """{key: field or None} for the fields of a file."""
    by_name = {}
    for name in fields:
        by_name.setdefault(normalise(name), name)
    mapping = {}
    used = set()
    for key in KEYS:
        found = next((by_name[n] for n in GUESSES[key] if n in by_name and by_name[n] not in used), None)
        mapping[key] = found
        if found:
            used.add(found)
    return mapping


def parse(items, fields) -> dict:
    """Overrides from ``key=FIELD`` strings; an empty FIELD means "do not use"."""
    overrides = {}
    for item in items or ():
        key, sep, field = str(item).partition("=")
        key = key.strip().lower()
        if not sep or key not in KEYS:
            raise ValidationError(_("Ongeldige koppeling '{item}'; gebruik SLEUTEL=VELD met als sleutel een van: "
                                    "{keys}.").format(item=item, keys=", ".join(KEYS)))
        field = field.strip()
        if field and field not in fields:
            matches = [f for f in fields if normalise(f) == normalise(field)]
            if not matches:
                raise ValidationError(_("Het veld '{field}' staat niet in het bestand. Velden: {fields}.")
                                      .format(field=field, fields=", ".join(fields) or _("(geen)")))
            field = matches[0]
        overrides[key] = field or None
    return overrides


def resolve(fields, items=()) -> dict:
    """The guessed mapping with the user's overrides applied."""
    mapping = guess(fields)
    mapping.update(parse(items, fields))
    return mapping


def text_value(value) -> str:
    """A property value as text: lists joined with "; ", numbers without ".0".

    Lone surrogates (JSON allows "\\ud800") become "?": SQLite stores only UTF-8.
    """
    if value is None:
        return ""
    if type(value) is str and value.isascii():  # most values: nothing to convert
        return value
    if isinstance(value, (list, tuple)):
        return "; ".join(text_value(v) for v in value if v is not None)
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    elif isinstance(value, dict):
        import json

        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return text.encode("utf-8", "replace").decode("utf-8")


def split_names(value) -> list:
    """Theme or session names from a list, or text separated by ";" or "|"."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [text_value(v).strip() for v in value if text_value(v).strip()]
    text = text_value(value)
    for separator in ("|",):
        text = text.replace(separator, ";")
    return [part.strip() for part in text.split(";") if part.strip()]


def name_parts(name) -> tuple:
    """A name as the matching keys of the pieces :func:`split_names` cuts it into."""
    return tuple(normalise_name(part) for part in split_names(name))


def join_known(names: list, known: dict) -> list:
    """``names`` (cut by :func:`split_names`) with each run that makes up one ``known``
    name (``name_parts`` -> name) joined again, the longest run first: exports list a
    session "Avond 12 maart; noord" as it is, and reading it back must not make two."""
    joined, start = [], 0
    while start < len(names):
        for end in range(len(names), start + 1, -1):
            name = known.get(tuple(normalise_name(part) for part in names[start:end]))
            if name is not None:
                joined.append(name)
                start = end
                break
        else:
            joined.append(names[start])
            start += 1
    return joined
