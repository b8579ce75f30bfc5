"""Commands on interventions, votes and quotes.

Each command validates its input in :meth:`build` and returns the changes; nothing
touches the project before every check has passed.

Example::

    cmd = project.execute(AddIntervention("Groene speelplek", Point(195000, 325800)))
    project.undo_stack.undo()
"""

from dataclasses import replace

from workbench.core import validate
from workbench.core.model import Intervention, Quote, Tombstone, Vote, new_uuid, now_iso
from workbench.core.project import Change
from workbench.core.text import clean_text
from workbench.core.undo import Command
from workbench.errors import ValidationError
from workbench.i18n import N_, _


def _require(project, kind, uuid, message):
    entity = project.get(kind, uuid)
    if entity is None:
        raise ValidationError(message)
    return entity


def _edit(kind, old, new) -> list:
    """The change that replaces ``old`` by ``new``; none when nothing changed, so an
    edit that changes nothing adds no undo step."""
    return [] if new == old else [Change(kind, old.uuid, old, new)]


def _check_fields(cls, fields) -> None:
    """Refuse fields the entity does not have (or its uuid), in Dutch, before ``replace``."""
    from dataclasses import fields as dc_fields

    unknown = sorted(set(fields) - {f.name for f in dc_fields(cls)} | ({"uuid"} & set(fields)))
    if unknown:
        raise ValidationError(_("Onbekend veld: {name}.").format(name=", ".join(unknown)))


def _check_themes(project, theme_uuids, primary):
    theme_uuids = tuple(dict.fromkeys(theme_uuids or ()))
    for theme_uuid in theme_uuids:
        _require(project, "theme", theme_uuid, _("Dit thema bestaat niet (meer)."))
    if primary is None and theme_uuids:
        primary = theme_uuids[0]
    if primary is not None and primary not in theme_uuids:
        theme_uuids = (primary,) + theme_uuids
        _require(project, "theme", primary, _("Dit thema bestaat niet (meer)."))
    return theme_uuids, primary


def _quantities(values) -> tuple:
    result = {}
    for key, value in dict(values or {}).items():
        if value is None or value == "":
            continue
        number = validate.quantity(value, _("Hoeveelheid '{key}'").format(key=key))
        result[clean_text(key, multiline=False)] = number
    return tuple(sorted(result.items()))


class AddIntervention(Command):
    """Create an intervention, numbered and linked to the current session."""

    def __init__(self, title, geometry, theme_uuids=(), primary_theme_uuid=None, description="",
                 session_uuid="current", uuid=None, **fields):
        super().__init__()
        self.text = N_("Idee toevoegen")
        self.args = dict(title=title, geometry=geometry, theme_uuids=theme_uuids,
                         primary_theme_uuid=primary_theme_uuid, description=description)
        self.session_uuid = session_uuid
        self.uuid = uuid or new_uuid()
        self.fields = fields

    def build(self, project):
        title = validate.title(self.args["title"], _("Geef het idee een titel."))
        geometry = validate.intervention_geometry(self.args["geometry"]) if self.args["geometry"] is not None \
            else None  # an idea without a place: for the whole area or the whole city
        themes, primary = _check_themes(project, self.args["theme_uuids"], self.args["primary_theme_uuid"])
        session = project.current_session_uuid if self.session_uuid == "current" else self.session_uuid
        if session is not None:
            _require(project, "session", session, _("Deze bijeenkomst bestaat niet (meer)."))
        stamp = now_iso()
        intervention = Intervention(
            uuid=self.uuid, number=project.next_number(), title=title, geometry=geometry,
            description=clean_text(self.args["description"]), theme_uuids=themes,
            primary_theme_uuid=primary, created_session_uuid=session,
            changed_session_uuid=session, created_at=stamp, changed_at=stamp)
        if self.fields:
            intervention = _edited(project, intervention, self.fields)
        return [Change("intervention", self.uuid, None, intervention)]


def _edited(project, old: Intervention, fields: dict) -> Intervention:
    """The intervention with ``fields`` applied, validated and cleaned."""
    values = {}
    for name, value in fields.items():
        if name == "title":
            values[name] = validate.title(value, _("Geef het idee een titel."))
        elif name in ("description", "notes"):
            values[name] = clean_text(value)
        elif name == "actor":
            values[name] = clean_text(value, multiline=False)
        elif name == "status":
            values[name] = validate.status(value)
        elif name == "horizon":
            values[name] = validate.horizon(value)
        elif name == "geometry":
            values[name] = validate.intervention_geometry(value) if value is not None else None
        elif name == "goal_uuids":
            value = tuple(value or ())
            for goal in value:
                _require(project, "goal", goal, _("Dit doel bestaat niet (meer)."))
            values[name] = tuple(dict.fromkeys(value))
        elif name == "quantities":
            values[name] = _quantities(value)
        elif name not in ("theme_uuids", "primary_theme_uuid"):
            raise ValidationError(_("Onbekend veld: {name}.").format(name=name))
    if "theme_uuids" in fields or "primary_theme_uuid" in fields:
        themes = tuple(fields.get("theme_uuids", old.theme_uuids) or ())
        if "primary_theme_uuid" in fields:
            primary = fields["primary_theme_uuid"]
        else:  # keep the primary theme while it is still ticked, else take the first
            primary = old.primary_theme_uuid if old.primary_theme_uuid in themes else None
        values["theme_uuids"], values["primary_theme_uuid"] = _check_themes(project, themes, primary)
    return replace(old, **values)


EDIT_NAMES = {"title": N_("Titel wijzigen"), "description": N_("Beschrijving wijzigen"),
              "theme_uuids": N_("Thema's wijzigen"), "primary_theme_uuid": N_("Thema's wijzigen"),
              "status": N_("Status wijzigen"), "horizon": N_("Tijdshorizon wijzigen"), "geometry": N_("Vorm wijzigen"),
              "goal_uuids": N_("Doelen wijzigen"), "quantities": N_("Hoeveelheden wijzigen"),
              "actor": N_("Trekker wijzigen"), "notes": N_("Notities wijzigen")}


class EditIntervention(Command):
    """Change fields of an intervention (title, themes, status, geometry, ...)."""

    def __init__(self, uuid, text=None, **fields):
        super().__init__()
        self.uuid = uuid
        self.fields = fields
        # the undo menu says what it undoes ("Ongedaan maken: Titel wijzigen")
        named = {EDIT_NAMES[name] for name in fields if name in EDIT_NAMES}
        self.text = text or (named.pop() if len(named) == 1 else N_("Idee bewerken"))

    def build(self, project):
        old = _require(project, "intervention", self.uuid, _("Dit idee bestaat niet (meer)."))
        new = _edited(project, old, self.fields)
        if new == old:
            return []
        new = replace(new, changed_at=now_iso(),
                      changed_session_uuid=project.current_session_uuid or old.changed_session_uuid)
        return [Change("intervention", self.uuid, old, new)]


class MoveInterventions(Command):
    """Move interventions by (dx, dy) metres: one drag, one undo step."""

    def __init__(self, uuids, dx: float, dy: float):
        super().__init__()
        self.uuids, self.dx, self.dy = list(dict.fromkeys(uuids)), dx, dy
        self.text = N_("Idee verplaatsen")

    def build(self, project):
        import math

        from shapely import affinity

        try:
            finite = math.isfinite(float(self.dx)) and math.isfinite(float(self.dy))
        except (TypeError, ValueError, OverflowError):
            finite = False
        if not finite:
            raise ValidationError(_("Verplaatsen kan alleen over een eindig aantal meters."))
        changes = []
        stamp = now_iso()
        for uuid in self.uuids:
            old = _require(project, "intervention", uuid, _("Dit idee bestaat niet (meer)."))
            if old.geometry is None:
                continue  # no place to move
            moved = affinity.translate(old.geometry, self.dx, self.dy)
            new = replace(old, geometry=moved, changed_at=stamp,
                          changed_session_uuid=project.current_session_uuid or old.changed_session_uuid)
            changes.append(Change("intervention", uuid, old, new))
        return changes


class DeleteInterventions(Command):
    """Delete interventions, their votes and quote links; leave tombstones."""

    def __init__(self, uuids):
        super().__init__()
        self.uuids = list(dict.fromkeys(uuids))  # one idea twice would be deleted twice
        self.text = N_("Idee verwijderen")

    def build(self, project):
        changes = []
        stamp = now_iso()
        for uuid in self.uuids:
            old = _require(project, "intervention", uuid, _("Dit idee bestaat niet (meer)."))
            for vote in project.all("vote"):
                if vote.intervention_uuid == uuid:
                    changes.append(Change("vote", vote.uuid, vote, None))
            for quote in project.all("quote"):
                if quote.intervention_uuid == uuid:
                    changes.append(Change("quote", quote.uuid, quote, replace(quote, intervention_uuid=None)))
            for kind in ("verdict", "answer"):  # the toets and the answer go with the idea
                changes += [Change(kind, e.uuid, e, None) for e in project.all(kind) if e.intervention_uuid == uuid]
            changes.append(Change("intervention", uuid, old, None))
            changes.append(_tombstone_change(project, "intervention", uuid, stamp))
        return changes


def _tombstone_change(project, kind, uuid, stamp) -> Change:
    before = project.get("tombstone", uuid)
    return Change("tombstone", uuid, before, Tombstone(uuid, kind, stamp, project.current_session_uuid))


class SetVotes(Command):
    """Set the number of dot votes for an intervention in a session."""

    def __init__(self, intervention_uuid, count, session_uuid="current"):
        super().__init__()
        self.intervention_uuid, self.count, self.session_uuid = intervention_uuid, count, session_uuid
        self.text = N_("Stemmen wijzigen")

    def build(self, project):
        count = validate.count(self.count, _("Het aantal stemmen"))
        _require(project, "intervention", self.intervention_uuid, _("Dit idee bestaat niet (meer)."))
        session = project.current_session_uuid if self.session_uuid == "current" else self.session_uuid
        if session is None:
            raise ValidationError(_("Kies eerst een bijeenkomst; stemmen horen bij een bijeenkomst."))
        _require(project, "session", session, _("Deze bijeenkomst bestaat niet (meer)."))
        old = project.vote_for(self.intervention_uuid, session)
        if old is None:
            if count == 0:
                return []
            return [Change("vote", (new := Vote(new_uuid(), self.intervention_uuid, session, count)).uuid, None, new)]
        if old.count == count:
            return []
        return [Change("vote", old.uuid, old, replace(old, count=count))]


class AddVotes(SetVotes):
    """Add (or with a negative delta remove) dot votes; never below zero."""

    def __init__(self, intervention_uuid, delta=1, session_uuid="current"):
        super().__init__(intervention_uuid, 0, session_uuid)
        self.delta = delta

    def build(self, project):
        delta = validate.whole_number(self.delta, _("Het aantal stemmen"))
        session = project.current_session_uuid if self.session_uuid == "current" else self.session_uuid
        current = project.votes(self.intervention_uuid, session) if session else 0
        self.count = max(0, current + delta)
        return super().build(project)


class AddQuote(Command):
    def __init__(self, text, speaker="", intervention_uuid=None, session_uuid="current", uuid=None, theme_uuid=None):
        super().__init__()
        self.args = (text, speaker, intervention_uuid, session_uuid)
        self.theme_uuid = theme_uuid
        self.uuid = uuid or new_uuid()
        self.text = N_("Citaat toevoegen")

    def build(self, project):
        text, speaker, intervention, session = self.args
        text = clean_text(text)
        if not text:
            raise ValidationError(_("Het citaat is leeg."))
        if intervention is not None:
            _require(project, "intervention", intervention, _("Dit idee bestaat niet (meer)."))
        session = project.current_session_uuid if session == "current" else session
        if session is not None:
            _require(project, "session", session, _("Deze bijeenkomst bestaat niet (meer)."))
        if self.theme_uuid is not None:
            _require(project, "theme", self.theme_uuid, _("Dit thema bestaat niet (meer)."))
        quote = Quote(self.uuid, text, clean_text(speaker, multiline=False), intervention, session, self.theme_uuid)
        return [Change("quote", self.uuid, None, quote)]


class EditQuote(Command):
    def __init__(self, uuid, **fields):
        super().__init__()
        self.uuid, self.fields = uuid, fields
        self.text = N_("Citaat bewerken")

    def build(self, project):
        old = _require(project, "quote", self.uuid, _("Dit citaat bestaat niet (meer)."))
        _check_fields(Quote, self.fields)
        values = dict(self.fields)
        for name in ("intervention_uuid", "session_uuid", "theme_uuid"):
            if name in values and not values[name]:
                values[name] = None  # "" (an empty combo box) is no link, not a link to ""
        if values.get("session_uuid"):
            _require(project, "session", values["session_uuid"], _("Deze bijeenkomst bestaat niet (meer)."))
        if values.get("theme_uuid"):
            _require(project, "theme", values["theme_uuid"], _("Dit thema bestaat niet (meer)."))
        if "text" in values:
            values["text"] = clean_text(values["text"])
            if not values["text"]:
                raise ValidationError(_("Het citaat is leeg."))
        if "speaker" in values:
            values["speaker"] = clean_text(values["speaker"], multiline=False)
        if values.get("intervention_uuid"):
            _require(project, "intervention", values["intervention_uuid"], _("Dit idee bestaat niet (meer)."))
        new = replace(old, **values)
        return _edit("quote", old, new)


class DeleteQuote(Command):
    def __init__(self, uuid):
        super().__init__()
        self.uuid = uuid
        self.text = N_("Citaat verwijderen")

    def build(self, project):
        old = _require(project, "quote", self.uuid, _("Dit citaat bestaat niet (meer)."))
        return [Change("quote", self.uuid, old, None), _tombstone_change(project, "quote", self.uuid, now_iso())]
