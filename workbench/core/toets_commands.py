"""Commands of the visie-toets (a verdict per idea and criterion) and the terugkoppeling
(an answer per idea). Each is one change, so one undo step.

Example::

    project.execute(WeighIdea(idea.uuid, "water-en-bodem", "mits", condition="Wadi in het ontwerp"))
    project.execute(AnswerIdea(idea.uuid, "doorgezet", "We nemen uw idee mee in het omgevingsplan.",
                               instrument="omgevingsplan"))
"""

from dataclasses import replace
from datetime import date

from workbench.core.criteria import criteria_for, instruments_for
from workbench.core.model import (
    DISPOSITIONS, OVERALL, VERDICTS, Answer, Verdict, answer_uuid, now_iso, verdict_uuid)
from workbench.core.project import Change
from workbench.core.text import clean_text
from workbench.core.undo import Command
from workbench.errors import ValidationError
from workbench.i18n import N_, _


def _idea(project, uuid):
    idea = project.get("intervention", uuid)
    if idea is None:
        raise ValidationError(_("Dit idee bestaat niet (meer)."))
    return idea


def _set(kind, old, new) -> list:
    if old is not None and replace(old, changed_at="") == replace(new, changed_at=""):
        return []  # nothing changed: no undo step
    return [Change(kind, new.uuid, old, new)]


class WeighIdea(Command):
    """Set (or with ``verdict=None`` clear) the verdict on one criterion of an idea."""

    def __init__(self, intervention_uuid, criterion, verdict, reason="", condition=""):
        super().__init__()
        self.args = (intervention_uuid, criterion, verdict, reason, condition)
        self.text = N_("Idee toetsen")

    def build(self, project):
        intervention_uuid, criterion, verdict, reason, condition = self.args
        _idea(project, intervention_uuid)
        keys = [c.key for c in criteria_for(project.info.theme_set)] + [OVERALL]
        if criterion not in keys:
            raise ValidationError(_("Onbekend criterium '{key}'. Kies uit: {keys}.").format(
                key=criterion, keys=", ".join(keys)))
        uuid = verdict_uuid(intervention_uuid, criterion)
        old = project.get("verdict", uuid)
        if verdict is None:
            return [] if old is None else [Change("verdict", uuid, old, None)]
        if verdict not in VERDICTS:
            raise ValidationError(_("Onbekend oordeel '{value}'. Kies uit: {values}.").format(
                value=verdict, values=", ".join(VERDICTS)))
        condition = clean_text(condition or "")
        if verdict == "mits" and not condition:
            condition = clean_text(reason or "")  # "ja, mits <voorwaarde>": the reason names it
        if verdict == "mits" and not condition:
            raise ValidationError(_("Bij 'ja, mits' hoort een voorwaarde: zeg onder welke voorwaarde het idee past."))
        new = Verdict(uuid, intervention_uuid, criterion, verdict, condition if verdict == "mits" else "",
                      clean_text(reason or ""), now_iso())
        return _set("verdict", old, new)


class AnswerIdea(Command):
    """Record what happens with an idea and the answer to the resident."""

    def __init__(self, intervention_uuid, disposition, text, instrument="", referred_to="",
                 answered_on=None, answered_by=""):
        super().__init__()
        self.args = dict(disposition=disposition, text=text, instrument=instrument, referred_to=referred_to,
                         answered_on=answered_on, answered_by=answered_by)
        self.intervention_uuid = intervention_uuid
        self.text = N_("Idee beantwoorden")

    def build(self, project):
        a = self.args
        _idea(project, self.intervention_uuid)
        if a["disposition"] not in DISPOSITIONS:
            raise ValidationError(_("Onbekende afhandeling '{value}'. Kies uit: {values}.").format(
                value=a["disposition"], values=", ".join(DISPOSITIONS)))
        text = clean_text(a["text"] or "")
        if not text:
            raise ValidationError(_("Schrijf het antwoord aan de inwoner: wat gebeurt er met het idee, en waarom?"))
        instrument = clean_text(a["instrument"] or "", multiline=False)
        keys = [i.key for i in instruments_for(project.info.theme_set)]
        if a["disposition"] == "doorgezet" and instrument not in keys:
            raise ValidationError(_("Zeg waarnaar het idee is doorgezet: kies een instrument uit {keys}.").format(
                keys=", ".join(keys)))
        if a["disposition"] != "doorgezet":
            instrument = ""
        answered_on = a["answered_on"] if a["answered_on"] is not None else date.today().isoformat()
        try:
            answered_on = date.fromisoformat(answered_on).isoformat() if answered_on else ""
        except ValueError:
            raise ValidationError(_("Datum '{value}' is geen geldige datum (jjjj-mm-dd).").format(
                value=answered_on)) from None
        uuid = answer_uuid(self.intervention_uuid)
        new = Answer(uuid, self.intervention_uuid, a["disposition"], text, instrument,
                     clean_text(a["referred_to"] or "", multiline=False), answered_on,
                     clean_text(a["answered_by"] or "", multiline=False), now_iso())
        return _set("answer", project.get("answer", uuid), new)


class ClearAnswer(Command):
    def __init__(self, intervention_uuid):
        super().__init__()
        self.intervention_uuid = intervention_uuid
        self.text = N_("Antwoord wissen")

    def build(self, project):
        old = project.get("answer", answer_uuid(self.intervention_uuid))
        return [] if old is None else [Change("answer", old.uuid, old, None)]
