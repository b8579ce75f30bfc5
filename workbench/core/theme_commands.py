"""Commands on what the vision is about: its themes (a tree) and its goals, which may
name a theme. The other set-up commands are in :mod:`workbench.core.setup_commands`."""

from dataclasses import replace

from workbench.core import validate
from workbench.core.commands import _check_fields, _edit, _require, _tombstone_change
from workbench.core.model import Goal, Theme, new_uuid, now_iso
from workbench.core.project import Change
from workbench.core.text import clean_text
from workbench.core.undo import Command
from workbench.errors import ValidationError
from workbench.i18n import N_, _


# -- themes ------------------------------------------------------------------------

class AddTheme(Command):
    def __init__(self, name, color="#777777", description="", parent_uuid=None, uuid=None):
        super().__init__()
        self.args = (name, color, description, parent_uuid)
        self.uuid = uuid or new_uuid()
        self.text = N_("Thema toevoegen")

    def build(self, project):
        name, color, description, parent = self.args
        name = validate.title(name, _("Geef het thema een naam."))
        if project.theme_by_name(name):
            raise ValidationError(_("Er is al een thema '{name}'.").format(name=name))
        if parent is not None:
            _require(project, "theme", parent, _("Dit thema bestaat niet (meer)."))
        order = max((t.sort_order for t in project.all("theme")), default=0) + 1
        theme = Theme(self.uuid, name, validate.color(color), clean_text(description), parent, order)
        return [Change("theme", self.uuid, None, theme)]


class EditTheme(Command):
    def __init__(self, uuid, **fields):
        super().__init__()
        self.uuid, self.fields = uuid, fields
        self.text = N_("Thema bewerken")

    def build(self, project):
        old = _require(project, "theme", self.uuid, _("Dit thema bestaat niet (meer)."))
        _check_fields(Theme, self.fields)
        values = dict(self.fields)
        if "parent_uuid" in values:
            values["parent_uuid"] = values["parent_uuid"] or None
            _check_parent(project, self.uuid, values["parent_uuid"])
        if "sort_order" in values:
            values["sort_order"] = validate.whole_number(values["sort_order"], _("De volgorde"))
        if "name" in values:
            values["name"] = validate.title(values["name"], _("Geef het thema een naam."))
            other = project.theme_by_name(values["name"])
            if other and other.uuid != self.uuid:
                raise ValidationError(_("Er is al een thema '{name}'.").format(name=values["name"]))
        if "color" in values:
            values["color"] = validate.color(values["color"])
        if "description" in values:
            values["description"] = clean_text(values["description"])
        new = replace(old, **values)
        return _edit("theme", old, new)


def _check_parent(project, uuid, parent) -> None:
    """A theme's parent must exist and must not be the theme itself or one of its
    sub-themes: the tree would become a loop."""
    seen = set()
    while parent is not None and parent not in seen:
        if parent == uuid:
            raise ValidationError(_("Een thema kan niet onder zichzelf of een eigen subthema vallen."))
        seen.add(parent)
        parent = _require(project, "theme", parent, _("Dit thema bestaat niet (meer).")).parent_uuid


class DeleteTheme(Command):
    """Remove a theme. Interventions lose the tag (their primary theme becomes their
    next theme, or none); goals lose the link; sub-themes move up one level."""

    def __init__(self, uuid):
        super().__init__()
        self.uuid = uuid
        self.text = N_("Thema verwijderen")

    def build(self, project):
        old = _require(project, "theme", self.uuid, _("Dit thema bestaat niet (meer)."))
        changes = []
        for item in project.all("intervention"):
            if self.uuid in item.theme_uuids:
                themes = tuple(t for t in item.theme_uuids if t != self.uuid)
                primary = item.primary_theme_uuid
                if primary == self.uuid:
                    primary = themes[0] if themes else None
                changes.append(Change("intervention", item.uuid, item,
                                      replace(item, theme_uuids=themes, primary_theme_uuid=primary)))
        for goal in project.all("goal"):
            if goal.theme_uuid == self.uuid:
                changes.append(Change("goal", goal.uuid, goal, replace(goal, theme_uuid=None)))
        for quote in project.all("quote"):
            if quote.theme_uuid == self.uuid:
                changes.append(Change("quote", quote.uuid, quote, replace(quote, theme_uuid=None)))
        for child in project.all("theme"):
            if child.parent_uuid == self.uuid:
                changes.append(Change("theme", child.uuid, child, replace(child, parent_uuid=old.parent_uuid)))
        changes.append(Change("theme", self.uuid, old, None))
        changes.append(_tombstone_change(project, "theme", self.uuid, now_iso()))
        return changes


def interventions_tagged(project, theme_uuid) -> list:
    """What a theme deletion would touch, for the confirmation the UI shows."""
    return [i for i in project.interventions() if theme_uuid in i.theme_uuids]


# -- goals -------------------------------------------------------------------------

def _number_or_none(value, what):
    if value is None or value == "":
        return None
    return validate.quantity(value, what)


def _goal_values(project, values):
    values = dict(values)
    if "title" in values:
        values["title"] = validate.title(values["title"], _("Geef het doel een titel."))
    for name in ("description", "indicator"):
        if name in values:
            values[name] = clean_text(values[name], multiline=name == "description")
    if "unit" in values:
        values["unit"] = clean_text(values["unit"], multiline=False)
    if "target" in values:
        values["target"] = _number_or_none(values["target"], _("De streefwaarde"))
    if "quantity_key" in values:
        values["quantity_key"] = clean_text(values["quantity_key"], multiline=False) or None
    if "theme_uuid" in values:
        values["theme_uuid"] = values["theme_uuid"] or None  # "" is no theme, not a link to ""
    if values.get("theme_uuid"):
        _require(project, "theme", values["theme_uuid"], _("Dit thema bestaat niet (meer)."))
    return values


class AddGoal(Command):
    def __init__(self, title, uuid=None, **fields):
        super().__init__()
        self.uuid = uuid or new_uuid()
        self.values = dict(fields, title=title)
        self.text = N_("Doel toevoegen")

    def build(self, project):
        _check_fields(Goal, self.values)
        goal = Goal(self.uuid, **_goal_values(project, self.values))
        return [Change("goal", self.uuid, None, goal)]


class EditGoal(Command):
    def __init__(self, uuid, **fields):
        super().__init__()
        self.uuid, self.fields = uuid, fields
        self.text = N_("Doel bewerken")

    def build(self, project):
        old = _require(project, "goal", self.uuid, _("Dit doel bestaat niet (meer)."))
        _check_fields(Goal, self.fields)
        new = replace(old, **_goal_values(project, self.fields))
        return _edit("goal", old, new)


class DeleteGoal(Command):
    def __init__(self, uuid):
        super().__init__()
        self.uuid = uuid
        self.text = N_("Doel verwijderen")

    def build(self, project):
        old = _require(project, "goal", self.uuid, _("Dit doel bestaat niet (meer)."))
        changes = [Change("intervention", i.uuid, i, replace(i, goal_uuids=tuple(g for g in i.goal_uuids if g != self.uuid)))
                   for i in project.all("intervention") if self.uuid in i.goal_uuids]
        changes.append(Change("goal", self.uuid, old, None))
        changes.append(_tombstone_change(project, "goal", self.uuid, now_iso()))
        return changes
