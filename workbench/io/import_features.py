"""Importing features into a project, as interventions or as a reference layer.

One import is one :class:`~workbench.core.setup_commands.Batch`: one undo step, one
transaction. Either everything that could be used is in the file, or nothing is.

Example::

    summary = import_file(project, "ideeen.geojson", map_items=["title=naam"])
    print("\\n".join(summary.lines()))
"""

from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.import_commands import AddInterventions, NewInterventions
from workbench.core.model import HORIZONS, STATUSES, ReferenceFeature, ReferenceLayer, new_uuid, new_uuids
from workbench.core.setup_commands import AddReferenceLayer, AddSession, Batch
from workbench.core.theme_commands import AddTheme
from workbench.core.text import clean_text
from workbench.core.validate import MAX_QUANTITY
from workbench.errors import ValidationError
from workbench.i18n import _
from workbench.io import mapping as mapping_mod
from workbench.io.mapping import join_known, name_parts, normalise, normalise_name, split_names, text_value
from workbench.io.source import paused_gc

# Colours for themes an import creates (Tableau 10, readable on the map).
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac")
MAX_LISTED = 50  # per-feature lines shown; the rest is counted


@dataclass
class ImportSummary:
    source: str
    as_reference: bool = False
    total: int = 0
    imported: int = 0
    repaired: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    created_themes: list = field(default_factory=list)
    created_sessions: list = field(default_factory=list)
    layer_name: str = ""

    def lines(self) -> list:
        """The summary a user reads, in Dutch."""
        if self.as_reference:
            head = _("{count} van {total} objecten uit {source} geïmporteerd als referentielaag '{layer}'.")
        else:
            head = _("{count} van {total} objecten uit {source} geïmporteerd als ideeën.")
        lines = [head.format(count=self.imported, total=self.total, source=self.source, layer=self.layer_name)]
        if self.repaired:
            lines.append(_("Hersteld: {count}.").format(count=len(self.repaired)))
        if self.skipped:
            lines.append(_("Overgeslagen: {count}.").format(count=len(self.skipped)))
        if self.created_themes:
            lines.append(_("Nieuwe thema's: {names}.").format(names=", ".join(self.created_themes)))
        if self.created_sessions:
            lines.append(_("Nieuwe bijeenkomsten: {names}.").format(names=", ".join(self.created_sessions)))
        details = self.notes + self.repaired + self.skipped
        lines += ["- " + line for line in details[:MAX_LISTED]]
        if len(details) > MAX_LISTED:
            lines.append(_("... en nog {count} meldingen.").format(count=len(details) - MAX_LISTED))
        return lines


class _Names:
    """Finds themes or sessions by name, creating missing ones when asked."""

    def __init__(self, existing, create, make):
        self.by_name = {normalise_name(name): uuid for name, uuid in existing}
        # names holding a separator themselves ("Wonen; werken"): read back whole
        self.with_separator = {parts: name for name, _uuid in existing if len(parts := name_parts(name)) > 1}
        self.create, self.make = create, make
        self.missing = {}   # display name -> number of features that named it
        self.created = []   # display names
        self.commands = []
        self._seen = {}     # (property text, first only) -> (uuids, missing names)

    def _find(self, name):
        """(uuid or None, the display name when it is missing)."""
        # Cleaned first: a name of control characters only is no name (AddTheme would
        # refuse the whole import), and "Gr\x07oen" is the existing "Groen".
        name = clean_text(name, multiline=False)
        key = normalise_name(name)
        if not key:
            return None, None
        if key in self.by_name:
            return self.by_name[key], None
        if self.create:
            uuid = new_uuid()
            self.commands.append(self.make(name, uuid, len(self.created)))
            self.created.append(name)
            self.by_name[key] = uuid
            return uuid, None
        return None, name

    def find_all(self, value, first=False) -> list:
        """The UUIDs of the names in a property value (only its first name when ``first``).

        Thousands of features name the same few themes: a text seen before is not split,
        cleaned and looked up again, but its missing names are still counted per feature."""
        cacheable = type(value) is str
        if cacheable and (value, first) in self._seen:
            uuids, missing = self._seen[value, first]
        else:
            names = split_names(value)
            if self.with_separator and isinstance(value, str):
                names = join_known(names, self.with_separator)
            uuids, missing = [], []
            for name in names[:1] if first else names:
                uuid, absent = self._find(name)
                if uuid:
                    uuids.append(uuid)
                if absent:
                    missing.append(absent)
            if cacheable:
                self._seen[value, first] = (uuids, missing)
        for name in missing:
            self.missing[name] = self.missing.get(name, 0) + 1
        return uuids


def _number(value):
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, (int, float)):
        return float(value)
    return float(str(value).strip().replace(",", "."))


def _quantity_fields(project, fields) -> dict:
    """{source field: quantity key} for fields named like a quantity of the project."""
    kinds = {}
    for kind in project.quantity_kinds():
        kinds[normalise(kind.key)] = kind.key
        kinds[normalise(kind.label)] = kind.key
    return {f: kinds[normalise(f)] for f in fields if normalise(f) in kinds}


class _Problems(dict):
    """Unusable values, counted per field, for one line each in the summary."""

    def add(self, name):
        self[name] = self.get(name, 0) + 1


def _status_and_horizon(status, horizon, problems, names) -> tuple:
    """(status, horizon) to store: what the value says, else the defaults (reported)."""
    status = normalise(text_value(status))
    if status not in STATUSES:
        if status:
            problems.add(names["status"])
        status = "idee"
    horizon = text_value(horizon).strip().lower()
    if horizon not in HORIZONS:
        if horizon:
            problems.add(names["horizon"])
        horizon = ""
    return status, horizon


def _quantities_of(props, quantity_fields, problems) -> dict:
    quantities = {}
    for name, key in quantity_fields.items():
        try:
            number = _number(props.get(name))
        except (TypeError, ValueError):
            problems.add(name)
            continue
        if number is None:
            continue
        if number == number and abs(number) <= MAX_QUANTITY:
            quantities[key] = number
        else:  # reported with the unreadable values; one absurd cell does not refuse the file
            problems.add(name)
    return quantities


def _votes_and_session(votes, session, current_session, problems, names) -> tuple:
    """(votes, session) to store; votes need a session, the current one when none is mapped."""
    if votes is None or votes == "":
        return 0, session
    if type(votes) is int and 0 <= votes <= 1_000_000:  # most files: a plain count, nothing to convert
        count = votes
    else:
        count = _count(votes, problems, names)
    if count and session is None:
        session = current_session  # votes belong to a session
        if session is None:
            count = 0
            problems.add(names["votes_without_session"])
    return count, session


def _count(votes, problems, names) -> int:
    """The vote count a property value says, 0 (reported) when it is no count."""
    count = 0
    try:
        number = _number(votes)
        # Dot votes of one evening; beyond a million it is a mistake (and beyond 2**63
        # SQLite cannot even store it).
        if number is None or number < 0 or not float(number).is_integer() or number > 1_000_000:
            raise ValueError
        count = int(number)
    except (TypeError, ValueError, OverflowError):
        problems.add(names["votes"])
    return count


def _interventions(project, source, mapping, create, summary):
    themes = _Names([(t.name, t.uuid) for t in project.all("theme")], create,
                    lambda name, uuid, i: AddTheme(name, PALETTE[i % len(PALETTE)], uuid=uuid))
    sessions = _Names([(s.title, s.uuid) for s in project.all("session")], create,
                      lambda name, uuid, i: AddSession(name, uuid=uuid))
    quantity_fields = _quantity_fields(project, source.fields)
    # The source field of each item field (None when not mapped), looked up once.
    (title_field, description_field, theme_field, primary_field, session_field, status_field, horizon_field,
     votes_field) = (mapping.get(key) for key in ("title", "description", "theme", "primary_theme", "session",
                                                 "status", "horizon", "votes"))
    current_session = project.current_session_uuid
    untitled, problems = 0, _Problems()
    # Translated once, not per feature: names of the fields whose values were unusable.
    names = {"status": _("status"), "horizon": _("horizon"), "votes": _("stemmen"),
             "votes_without_session": _("stemmen zonder bijeenkomst")}
    total = len(source)
    # One list per field (core.import_commands.NewInterventions), no object per idea.
    titles, descriptions, theme_column, primary_column, session_column = [], [], [], [], []
    statuses, horizons = ["idee"] * total, [""] * total
    quantity_column, vote_column = [None] * total, [0] * total
    for position, (number, props) in enumerate(zip(source.numbers, source.properties)):
        title = clean_text(text_value(props.get(title_field) if title_field else None), multiline=False)
        if not title:
            untitled += 1
            title = _("Object {number}").format(number=number)
        titles.append(title)
        # not cleaned here: AddInterventions cleans every description (and title) itself
        descriptions.append(text_value(props.get(description_field)) if description_field else "")
        theme_column.append(themes.find_all(props.get(theme_field)) if theme_field else ())
        primary = themes.find_all(props.get(primary_field), first=True) if primary_field else None
        primary_column.append(primary[0] if primary else None)
        session = sessions.find_all(props.get(session_field), first=True) if session_field else None
        session = session[0] if session else None
        if status_field or horizon_field:
            statuses[position], horizons[position] = _status_and_horizon(
                props.get(status_field) if status_field else None,
                props.get(horizon_field) if horizon_field else None, problems, names)
        if quantity_fields:
            quantity_column[position] = _quantities_of(props, quantity_fields, problems)
        if votes_field:
            vote_column[position], session = _votes_and_session(props.get(votes_field), session, current_session,
                                                                problems, names)
        session_column.append(session)
    unplaced = sum(1 for geometry in source.geometries if geometry is None)
    if unplaced:
        summary.notes.append(_("{count} objecten hebben geen geometrie; ze zijn ideeën zonder plek op de kaart.")
                             .format(count=unplaced))
    if untitled:
        summary.notes.append(_("{count} objecten hadden geen titel; ze heten nu 'Object <nummer>'.")
                             .format(count=untitled))
    for name, count in themes.missing.items():
        summary.notes.append(_("Thema '{name}' bestaat niet in het project ({count}x); niet gekoppeld. "
                               "Kies 'thema's aanmaken' om het toe te voegen.").format(name=name, count=count))
    for name, count in sessions.missing.items():
        summary.notes.append(_("Bijeenkomst '{name}' bestaat niet in het project ({count}x); niet gekoppeld.")
                             .format(name=name, count=count))
    for name, count in problems.items():
        summary.notes.append(_("{count} waarden van '{name}' waren onbruikbaar en zijn weggelaten.")
                             .format(name=name, count=count))
    summary.created_themes, summary.created_sessions = themes.created, sessions.created
    # Random UUIDs as always, handed out in ascending order: the unique indexes on them
    # (the ideas', the links' and the versions') then grow at their end instead of at ten
    # thousand random places (7 ms of SQLite for 10,000 ideas; the sort costs 2).
    columns = NewInterventions(titles, source.geometries, descriptions, theme_column, primary_column, session_column,
                               statuses, horizons, quantity_column, vote_column, sorted(new_uuids(total)))
    return themes.commands + sessions.commands + [AddInterventions(columns)]


# Identifiers the project file already gives its own tables in gpkg_contents (see
# store/migrations.py); GeoPackage wants them unique, so a layer cannot take them.
RESERVED_LAYER_NAMES = ("Gebied", "Ideeën", "Werkbank: schema", "Project", "Thema's", "Soorten hoeveelheden",
                        "Doelen", "Bijeenkomsten", "Idee-thema", "Idee-doel", "Idee-hoeveelheid", "Stemmen",
                        "Citaten", "Verwijderd", "Referentielagen")


def _unique_layer_name(project, name) -> str:
    taken = {r.name.casefold() for r in project.reference_layers()}
    taken |= {reserved.casefold() for reserved in RESERVED_LAYER_NAMES}
    candidate, number = name, 2
    while candidate.casefold() in taken:
        candidate = f"{name} ({number})"
        number += 1
    return candidate


def _reference(project, source, mapping, layer_name, summary):
    features = []
    for feature in source.features:
        if feature.geometry is None:  # a layer is shapes on the map
            summary.skipped.append(_("Object {number} heeft geen geometrie; overgeslagen.").format(number=feature.number))
            continue
        name = mapping.get("title")
        label = clean_text(text_value(feature.properties.get(name)) if name else "", multiline=False)
        properties = tuple(sorted((text_value(str(k)), clean_text(text_value(v))) for k, v in feature.properties.items()))
        features.append(ReferenceFeature(new_uuid(), label, feature.geometry, properties))
    if not features:
        raise ValidationError(_("Niets geïmporteerd: {name} bevat geen bruikbare objecten.").format(name=source.name))
    summary.layer_name = _unique_layer_name(project, clean_text(layer_name, multiline=False) or source.name)
    return [AddReferenceLayer(ReferenceLayer(new_uuid(), summary.layer_name, "", tuple(features)))]


def apply_source(project, source, as_reference=False, map_items=(), create_missing=False, layer_name=None,
                 mapping=None) -> ImportSummary:
    """Import the checked features of ``source`` as one undo step; see the module docstring."""
    mapping = mapping if mapping is not None else mapping_mod.resolve(source.fields, map_items)
    summary = ImportSummary(source.name, as_reference, source.total, repaired=list(source.repaired),
                            skipped=list(source.skipped), notes=list(source.warnings))
    if not len(source):
        raise ValidationError("\n".join([_("Niets geïmporteerd: {name} bevat geen bruikbare objecten.")
                                         .format(name=source.name)] + (source.warnings + source.skipped)[:10]))
    with paused_gc():
        if as_reference:
            commands = _reference(project, source, mapping, layer_name, summary)
            text = _("Referentielaag importeren")
        else:
            commands = _interventions(project, source, mapping, create_missing, summary)
            text = _("Ideeën importeren")
        project.execute(Batch(text, commands))
    summary.imported = len(source) - (sum(1 for g in source.geometries if g is None) if as_reference else 0)
    return summary


def import_file(project, path, as_reference=False, layer=None, map_items=(), create_missing=False,
                progress=None) -> ImportSummary:
    """Read, check and import ``path``; raises ValidationError (nothing changed) when refused."""
    from workbench.paths import same_file

    if project.path is not None and same_file(path, project.path):
        raise ValidationError(_("{name} is het project zelf; importeren zou elk idee verdubbelen. Kies een ander "
                                "bestand.").format(name=Path(path).name))
    with paused_gc():  # once for both steps: each pause's end costs a collection
        return _read_and_apply(project, path, as_reference, layer, map_items, create_missing, progress)


def _read_and_apply(project, path, as_reference, layer, map_items, create_missing, progress):
    # A function of its own, so the source's features are freed before the collector
    # resumes (its first pass walks every object made while it was paused).
    from workbench.io.readers import read

    source = read(path, layer, progress)
    layer_name = Path(path).stem if layer is None else layer
    return apply_source(project, source, as_reference, map_items, create_missing, layer_name)
