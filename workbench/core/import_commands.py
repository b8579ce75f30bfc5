"""Adding many interventions at once, for imports.

``AddIntervention`` asks the project for the next number on every call, which is fine
for one drawing but quadratic for an import of 100,000 features. :class:`AddInterventions`
numbers a whole list in one pass and applies the same checks and cleaning.

An import hands over columns (:class:`NewInterventions`: one list per field), not one
object per idea: ten thousand input objects cost more than the checks they carry.
"""

from dataclasses import dataclass, field

from workbench.core import validate
from workbench.core.commands import _check_themes, _quantities, _require
from workbench.core.model import Intervention, Vote, new_uuid, now_iso
from workbench.core.project import Change
from workbench.core.text import clean_text
from workbench.core.undo import Command
from workbench.errors import ValidationError
from workbench.i18n import N_, _


@dataclass
class NewIntervention:
    """What an import knows of one intervention; ``votes`` count in ``session_uuid``."""

    title: str
    geometry: object
    description: str = ""
    theme_uuids: tuple = ()
    primary_theme_uuid: str | None = None
    session_uuid: str | None = None
    status: str = "idee"
    horizon: str = ""
    quantities: dict = field(default_factory=dict)
    votes: int = 0
    uuid: str = field(default_factory=new_uuid)


@dataclass
class NewInterventions:
    """What an import knows of many interventions, one list per field (all the same
    length; the meaning of each as in :class:`NewIntervention`). ``quantities`` holds a
    dict or None per idea."""

    titles: list
    geometries: list
    descriptions: list
    theme_uuids: list          # a tuple per idea
    primary_theme_uuids: list
    session_uuids: list
    statuses: list
    horizons: list
    quantities: list
    votes: list
    uuids: list

    @classmethod
    def of(cls, items) -> "NewInterventions":
        items = list(items)
        return cls(*([getattr(item, name) for item in items] for name in (
            "title", "geometry", "description", "theme_uuids", "primary_theme_uuid", "session_uuid", "status",
            "horizon", "quantities", "votes", "uuid")))

    def __len__(self) -> int:
        return len(self.uuids)


_new = object.__new__


def _added(uuid, number, title, geometry, description, status, horizon, themes, primary, quantities, session,
           stamp) -> Change:
    """``Change("intervention", uuid, None, Intervention(...))`` of a new idea, at a third
    of the cost: a frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__``, and an import makes ten thousands of these. The fields go
    one by one into the instance's own ``__dict__`` (in field order: the instances share
    their keys, 40% less memory than a dict literal assigned to ``__dict__``). Equal to
    what the constructors make (a field added to either class without being added here
    fails tests/test_import_bulk.py)."""
    intervention = _new(Intervention)
    fields = intervention.__dict__
    fields["uuid"] = uuid
    fields["number"] = number
    fields["title"] = title
    fields["geometry"] = geometry
    fields["description"] = description
    fields["status"] = status
    fields["horizon"] = horizon
    fields["theme_uuids"] = themes
    fields["primary_theme_uuid"] = primary
    fields["goal_uuids"] = ()
    fields["quantities"] = quantities
    fields["actor"] = ""
    fields["notes"] = ""
    fields["created_session_uuid"] = session
    fields["changed_session_uuid"] = session
    fields["created_at"] = stamp
    fields["changed_at"] = stamp
    change = _new(Change)
    fields = change.__dict__
    fields["kind"] = "intervention"
    fields["uuid"] = uuid
    fields["before"] = None
    fields["after"] = intervention
    fields["version"] = None
    return change


class AddInterventions(Command):
    """Add interventions (and their votes) numbered after the existing ones.

    ``items``: :class:`NewIntervention` objects, or one :class:`NewInterventions`."""

    def __init__(self, items, text=None):
        super().__init__()
        self.columns = items if isinstance(items, NewInterventions) else NewInterventions.of(items)
        self.text = text or N_("Ideeën importeren")

    def build(self, project):
        columns = self.columns
        number = project.next_number()
        stamp = now_iso()
        changes = []
        known_sessions = set(project.state.entities["session"])
        geometries = validate.intervention_geometries(columns.geometries)
        # An import names the same few themes, statuses and horizons: each distinct
        # combination is checked once.
        theme_checks, state_checks = {}, {}
        no_title, votes_name = _("Geef het idee een titel."), _("Het aantal stemmen")
        for (uuid, raw_title, raw_geometry, geometry, raw_description, theme_uuids, primary, session, status,
             horizon, quantities, votes) in zip(
                columns.uuids, columns.titles, columns.geometries, geometries, columns.descriptions,
                columns.theme_uuids, columns.primary_theme_uuids, columns.session_uuids, columns.statuses,
                columns.horizons, columns.quantities, columns.votes):
            try:
                title = validate.title(raw_title, no_title)
                description = clean_text(raw_description)
                if geometry is None and raw_geometry is not None:  # refused by the check for all: this says why
                    geometry = validate.intervention_geometry(raw_geometry)
                key = (tuple(theme_uuids or ()), primary)
                if key not in theme_checks:
                    theme_checks[key] = _check_themes(project, *key)
                themes, primary = theme_checks[key]
                if (status, horizon) not in state_checks:
                    state_checks[status, horizon] = (validate.status(status or "idee"),
                                                     validate.horizon(horizon or ""))
                status, horizon = state_checks[status, horizon]
                if session is not None and session not in known_sessions:
                    _require(project, "session", session, _("Deze bijeenkomst bestaat niet (meer)."))
                change = _added(uuid, number, title, geometry, description, status, horizon, themes,
                                primary, _quantities(quantities) if quantities else (), session, stamp)
                votes = validate.count(votes, votes_name) if votes else 0
            except ValidationError as error:
                # Name the idea, so the user can find it in the source file.
                raise ValidationError(_("'{title}': {error}").format(title=str(raw_title)[:60], error=error)) from None
            changes.append(change)
            if votes:
                if session is None:
                    raise ValidationError(_("Kies eerst een bijeenkomst; stemmen horen bij een bijeenkomst."))
                vote = Vote(new_uuid(), uuid, session, votes)
                changes.append(Change("vote", vote.uuid, None, vote))
            number += 1
        return changes
