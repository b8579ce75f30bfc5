"""The criteria of the visie-toets and the instruments an idea can be passed on to.

Both are data in the theme set (``resources/theme_sets/*.json``, keys ``criteria`` and
``instruments``), each with the lines of the Omgevingsvisie Heerlen 2050 it comes from
(``seed``: "L8203-8205"). A theme set without criteria (the empty set) uses those of the
default set: the criteria are the visie's, not the themes'.

Example::

    >>> [c.key for c in criteria_for("heerlen-2050")][:2]
    ['voorzorg', 'preventief-handelen']
"""

from dataclasses import dataclass

from workbench.core import theme_sets
from workbench.i18n import N_, _

# What residents and planners read for each verdict and disposition (Dutch source text).
VERDICT_LABELS = {"voldoet": N_("voldoet"), "mits": N_("ja, mits"), "strijdig": N_("strijdig"),
                  "onderzoek": N_("nader onderzoek"), "nvt": N_("n.v.t.")}
DISPOSITION_LABELS = {"opgenomen": N_("Opgenomen in de gebiedsvisie"), "doorgezet": N_("Doorgezet"),
                      "in-uitvoering": N_("Wordt al uitgevoerd"), "doorgegeven": N_("Doorgegeven"),
                      "niet-overgenomen": N_("Niet overgenomen")}


@dataclass(frozen=True)
class Criterion:
    key: str  # a slug, used on the command line: "water-en-bodem"
    label: str
    question: str
    seed: str  # line references in the visie: "L1863-1869, L5196-5210"
    group: str = ""  # beginsel (Omgevingswet), principe (NOVI) or thema
    applies_to: str = ""  # "openbare ruimte", "wonen", "energie"; "" for every idea
    themes: tuple = ()  # theme names that make the criterion relevant (a hint, never a verdict)


@dataclass(frozen=True)
class Instrument:
    key: str
    label: str
    seed: str


def _data(key: str) -> dict:
    try:
        data = theme_sets.load(key or theme_sets.DEFAULT)
    except Exception:  # an unknown or missing set: the visie's own criteria still hold
        data = {}
    if not data.get("criteria"):
        data = theme_sets.load(theme_sets.DEFAULT)
    return data


def criteria_for(theme_set: str) -> list:
    return [Criterion(c["key"], c["label"], c["question"], c["seed"], c.get("group", ""),
                      c.get("applies_to", ""), tuple(c.get("themes", ())))
            for c in _data(theme_set)["criteria"]]


def instruments_for(theme_set: str) -> list:
    return [Instrument(i["key"], i["label"], i["seed"]) for i in _data(theme_set).get("instruments", ())]


def verdict_label(verdict: str) -> str:
    return _(VERDICT_LABELS[verdict]) if verdict in VERDICT_LABELS else verdict


def disposition_label(answer, theme_set: str = "") -> str:
    """"Doorgezet naar het omgevingsplan", "Doorgegeven aan de wijkagent", ..."""
    if answer is None:
        return _("Nog niet beantwoord")
    if answer.disposition == "doorgezet":
        labels = {i.key: i.label for i in instruments_for(theme_set)}
        return _("Doorgezet naar {instrument}").format(instrument=labels.get(answer.instrument, answer.instrument))
    if answer.disposition == "doorgegeven" and answer.referred_to:
        return _("Buiten de gebiedsvisie; doorgegeven aan {whom}").format(whom=answer.referred_to)
    if answer.disposition == "doorgegeven":
        return _("Buiten de gebiedsvisie; doorgegeven")
    label = DISPOSITION_LABELS.get(answer.disposition)
    return _(label) if label else answer.disposition
