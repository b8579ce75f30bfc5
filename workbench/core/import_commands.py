"""Adding many interventions at once, for imports.

``AddIntervention`` asks the project for the next number on every call, which is fine
for one drawing but quadratic for an import of 100,000 features. :class:`AddInterventions`
numbers a whole list in one pass and applies the same checks and cleaning.
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


class AddInterventions(Command):
    """Add interventions (and their votes) numbered after the existing ones."""

    def __init__(self, items, text=None):
        super().__init__()
        self.items = list(items)
        self.text = text or N_("Ideeën importeren")

    def build(self, project):
        number = project.next_number()
        stamp = now_iso()
        changes = []
        known_sessions = set(project.state.entities["session"])
        geometries = validate.intervention_geometries(item.geometry for item in self.items)
        theme_checks = {}  # (themes, primary) -> checked; an import names the same few
        no_title, votes_name = _("Geef het idee een titel."), _("Het aantal stemmen")
        for item, geometry in zip(self.items, geometries):
            try:
                title = validate.title(item.title, no_title)
                if geometry is None:  # refused by the check for all: this says why
                    geometry = validate.intervention_geometry(item.geometry)
                key = (tuple(item.theme_uuids or ()), item.primary_theme_uuid)
                if key not in theme_checks:
                    theme_checks[key] = _check_themes(project, *key)
                themes, primary = theme_checks[key]
                if item.session_uuid is not None and item.session_uuid not in known_sessions:
                    _require(project, "session", item.session_uuid, _("Deze bijeenkomst bestaat niet (meer)."))
                # Positional, in the order of the fields: keywords cost twice as much, and
                # an import makes ten thousands of these.
                intervention = Intervention(
                    item.uuid, number, title, geometry, clean_text(item.description),
                    validate.status(item.status or "idee"), validate.horizon(item.horizon or ""), themes, primary,
                    (), _quantities(item.quantities) if item.quantities else (), "", "", item.session_uuid,
                    item.session_uuid, stamp, stamp)
                votes = validate.count(item.votes, votes_name) if item.votes else 0
            except ValidationError as error:
                # Name the idea, so the user can find it in the source file.
                raise ValidationError(_("'{title}': {error}").format(title=str(item.title)[:60], error=error)) from None
            changes.append(Change("intervention", item.uuid, None, intervention))
            if votes:
                if item.session_uuid is None:
                    raise ValidationError(_("Kies eerst een bijeenkomst; stemmen horen bij een bijeenkomst."))
                vote = Vote(new_uuid(), item.uuid, item.session_uuid, votes)
                changes.append(Change("vote", vote.uuid, None, vote))
            number += 1
        return changes
