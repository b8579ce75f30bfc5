"""Display names of stored codes (status, horizon, PDF kinds), in the active language.

The codes stay Dutch in the file; only what the user reads is translated.
"""

from workbench.core.model import STANDARD_QUANTITIES
from workbench.i18n import _

# what html.escape(text, quote=False) replaces; the html package itself loads its table
# of 2,000 named entities (~2 ms at every start, issue 14)
_MARKUP = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def escaped(text: str) -> str:
    """Text users typed, made safe for the places Qt reads as rich text (tooltips,
    message boxes): ``<b>`` shows as ``<b>``, and long lines wrap."""
    return "<p>" + str(text).translate(_MARKUP).replace("\n", "<br>") + "</p>"


def status_label(code: str) -> str:
    return {"idee": _("Idee"), "voorstel": _("Voorstel"), "uitgewerkt": _("Uitgewerkt"),
            "besloten": _("Besloten")}.get(code, code)


def horizon_label(code: str) -> str:
    return {"": _("(geen)"), "kort": _("Kort"), "2030": "2030", "2040": "2040", "2050": "2050"}.get(code, code)


_STANDARD_QUANTITIES = {key: (label, unit) for key, label, unit in STANDARD_QUANTITIES}


def quantity_label(kind) -> str:
    """Standard quantities are translated; ones users add keep their own name."""
    standard = _STANDARD_QUANTITIES.get(kind.key)
    return _(standard[0]) if standard else kind.label


def quantity_unit(kind) -> str:
    standard = _STANDARD_QUANTITIES.get(kind.key)
    return _(standard[1]) if standard else kind.unit


def report_kind_label(kind: str) -> str:
    return {"handout": _("Handout voor bewoners"), "report": _("Rapport"), "poster": _("Poster"),
            "terugkoppeling": _("Terugkoppeling: wat doen we met uw idee?")}.get(kind, kind)


def short(text: str, limit: int = 120) -> str:
    """At most ``limit`` characters; a 10,000-character title must not blow up a list row."""
    text = str(text)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def intervention_label(item, limit: int = 120) -> str:
    return short(f"{item.number}. {item.title}", limit)
