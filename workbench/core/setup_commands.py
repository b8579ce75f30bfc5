"""Commands on what frames the workshop: sessions, metadata, area, quantities, layers, and
:class:`Batch` (several commands as one undo step). Themes and goals:
:mod:`workbench.core.theme_commands`."""

from dataclasses import fields as dc_fields
from dataclasses import replace

from workbench.core import validate
from workbench.core.commands import _check_fields, _edit, _require, _tombstone_change
from workbench.core.model import Area, ProjectInfo, QuantityKind, Session, new_uuid, now_iso
from workbench.core.project import Change
from workbench.core.text import clean_text
from workbench.core.undo import Command
from workbench.errors import ValidationError
from workbench.i18n import N_, _


class Batch(Command):
    """Several commands as one undo step (an import, the wizard's first set-up)."""

    def __init__(self, text, commands):
        super().__init__()
        self.text = text
        self.commands = list(commands)

    def build(self, project):
        # Each part is built against the state the earlier parts leave, in a scratch
        # copy that writes nothing; then all changes are committed together, so the
        # batch is all-or-nothing in the file.
        scratch = project.scratch_copy()
        for position, command in enumerate(self.commands):
            if position == len(self.commands) - 1:  # no part builds on the last one's changes
                command.changes = list(command.build(scratch))
            else:
                command.do(scratch)
        changes = [change for command in self.commands for change in command.changes]
        # Undo and redo use the changes alone; the parts (an import's ten thousand
        # NewIntervention inputs) need not live on in the undo history.
        self.commands = []
        return changes


# -- sessions ----------------------------------------------------------------------

def _session_values(values):
    values = dict(values)
    if "title" in values:
        values["title"] = validate.title(values["title"], _("Geef de bijeenkomst een titel."))
    for name in ("place", "facilitator", "target_group"):
        if name in values:
            values[name] = clean_text(values[name], multiline=False)
    if "part" in values:  # wijk names; kept in the order given, each once
        names = [clean_text(n, multiline=False) for n in str(values["part"] or "").replace(",", ";").split(";")]
        values["part"] = "; ".join(dict.fromkeys(n for n in names if n))
    if "method" in values:
        from workbench.core.model import SESSION_METHODS

        values["method"] = clean_text(values["method"] or "", multiline=False)
        if values["method"] and values["method"] not in SESSION_METHODS:
            raise ValidationError(_("Onbekende werkvorm '{value}'. Kies uit: {values}.").format(
                value=values["method"], values=", ".join(SESSION_METHODS)))
    if "date" in values:
        values["date"] = _iso_date(values["date"])
    if "participants" in values:
        values["participants"] = validate.count(values["participants"] or 0, _("Het aantal deelnemers"))
    return values


def _iso_date(value) -> str:
    from datetime import date

    text = clean_text(value, multiline=False)
    if not text:
        return ""
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValidationError(_("Datum '{value}' is geen geldige datum (jjjj-mm-dd).").format(value=text)) from None


class AddSession(Command):
    def __init__(self, title, uuid=None, **fields):
        super().__init__()
        self.uuid = uuid or new_uuid()
        self.values = dict(fields, title=title)
        self.text = N_("Bijeenkomst toevoegen")

    def build(self, project):
        _check_fields(Session, self.values)
        session = Session(self.uuid, **_session_values(self.values))
        return [Change("session", self.uuid, None, session)]


class EditSession(Command):
    def __init__(self, uuid, **fields):
        super().__init__()
        self.uuid, self.fields = uuid, fields
        self.text = N_("Bijeenkomst bewerken")

    def build(self, project):
        old = _require(project, "session", self.uuid, _("Deze bijeenkomst bestaat niet (meer)."))
        _check_fields(Session, self.fields)
        new = replace(old, **_session_values(self.fields))
        return _edit("session", old, new)


class DeleteSession(Command):
    """Remove a session and its votes; interventions and quotes stay, unlinked."""

    def __init__(self, uuid):
        super().__init__()
        self.uuid = uuid
        self.text = N_("Bijeenkomst verwijderen")

    def build(self, project):
        old = _require(project, "session", self.uuid, _("Deze bijeenkomst bestaat niet (meer)."))
        changes = [Change("vote", v.uuid, v, None) for v in project.all("vote") if v.session_uuid == self.uuid]
        for quote in project.all("quote"):
            if quote.session_uuid == self.uuid:
                changes.append(Change("quote", quote.uuid, quote, replace(quote, session_uuid=None)))
        for item in project.all("intervention"):
            if self.uuid in (item.created_session_uuid, item.changed_session_uuid):
                new = replace(item,
                              created_session_uuid=None if item.created_session_uuid == self.uuid else item.created_session_uuid,
                              changed_session_uuid=None if item.changed_session_uuid == self.uuid else item.changed_session_uuid)
                changes.append(Change("intervention", item.uuid, item, new))
        changes.append(Change("session", self.uuid, old, None))
        changes.append(_tombstone_change(project, "session", self.uuid, now_iso()))
        return changes


# -- project metadata, area, quantities, reference layers -----------------------------

class EditInfo(Command):
    """Change project metadata (name, description, "wat gebeurt er nu?", ...)."""

    def __init__(self, **fields):
        super().__init__()
        known = {f.name for f in dc_fields(ProjectInfo)}
        unknown = set(fields) - known
        if unknown:
            raise ValidationError(_("Onbekend veld: {name}.").format(name=", ".join(sorted(unknown))))
        self.fields = fields
        self.text = N_("Projectgegevens bewerken")

    def build(self, project):
        values = {k: clean_text(v, multiline=k in ("description", "next_steps", "contact", "credits", "disclaimer"))
                  for k, v in self.fields.items()}
        if "name" in values and not values["name"]:
            raise ValidationError(_("Geef het project een naam."))
        new = replace(project.info, **values)
        return [] if new == project.info else [Change("info", "info", project.info, new)]


class SetArea(Command):
    def __init__(self, geometry, name=None):
        super().__init__()
        self.geometry, self.name = geometry, name
        self.text = N_("Gebied wijzigen")

    def build(self, project):
        geometry = validate.area_geometry(self.geometry)
        old = project.area
        name = clean_text(self.name, multiline=False) if self.name is not None else (old.name if old else "")
        new = Area(old.uuid if old else new_uuid(), name or project.info.name, geometry)
        return [Change("area", new.uuid, old, new)]


class AddQuantityKind(Command):
    """A user-defined quantity with its unit (e.g. "Parkeerplaatsen", "plaatsen")."""

    def __init__(self, label, unit, key=None, uuid=None):
        super().__init__()
        self.label, self.unit, self.key = label, unit, key
        self.uuid = uuid or new_uuid()
        self.text = N_("Hoeveelheid toevoegen")

    def build(self, project):
        label = validate.title(self.label, _("Geef de hoeveelheid een naam."))
        key = clean_text(self.key, multiline=False) or "".join(c if c.isalnum() else "_" for c in label.lower())
        if any(q.key == key for q in project.all("quantity_kind")):
            raise ValidationError(_("Er is al een hoeveelheid '{name}'.").format(name=label))
        order = max((q.sort_order for q in project.all("quantity_kind")), default=0) + 1
        kind = QuantityKind(self.uuid, key, label, clean_text(self.unit, multiline=False), order)
        return [Change("quantity_kind", self.uuid, None, kind)]


class AddReferenceLayer(Command):
    def __init__(self, layer):
        super().__init__()
        self.layer = layer
        self.text = N_("Referentielaag toevoegen")

    def build(self, project):
        layer = replace(self.layer, name=clean_text(self.layer.name, multiline=False),
                        credit=clean_text(self.layer.credit, multiline=False))
        if any(r.name.casefold() == layer.name.casefold() for r in project.reference_layers()):
            raise ValidationError(_("Er is al een referentielaag '{name}'.").format(name=layer.name))
        return [Change("reference_layer", layer.uuid, None, layer)]


class DeleteReferenceLayer(Command):
    def __init__(self, uuid):
        super().__init__()
        self.uuid = uuid
        self.text = N_("Referentielaag verwijderen")

    def build(self, project):
        old = _require(project, "reference_layer", self.uuid, _("Deze laag bestaat niet (meer)."))
        return [Change("reference_layer", self.uuid, old, None)]
