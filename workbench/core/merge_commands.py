"""Commands a merge of project files is made of.

A merge brings in entities as they are in another file, with their own UUIDs and
timestamps, so that merging the same file again finds them equal and changes nothing.
The ordinary commands would give new UUIDs and fresh timestamps; these keep them.
"""

from dataclasses import replace

from workbench.core import validate
from workbench.core.model import ENTITY_KINDS
from workbench.core.project import Change
from workbench.core.undo import Command
from workbench.errors import ValidationError
from workbench.i18n import N_, _


class PutEntity(Command):
    """Add ``entity`` or replace the entity with its UUID, exactly as given."""

    def __init__(self, kind, entity, version=None):
        super().__init__()
        if kind not in ENTITY_KINDS:
            raise ValidationError(_("Onbekend veld: {name}.").format(name=kind))
        self.kind, self.entity, self.version = kind, entity, version
        self.text = N_("Samenvoegen")

    def build(self, project):
        entity = self.entity
        if self.kind == "intervention":
            if entity.geometry is not None:  # None: an idea without a place
                validate.intervention_geometry(entity.geometry)
            missing = [t for t in entity.theme_uuids if project.get("theme", t) is None]
            if missing:
                raise ValidationError(_("Dit thema bestaat niet (meer)."))
            for session in (entity.created_session_uuid, entity.changed_session_uuid):
                if session is not None and project.get("session", session) is None:
                    entity = replace(entity, **{
                        name: None for name in ("created_session_uuid", "changed_session_uuid")
                        if getattr(entity, name) == session})
        before = project.get(self.kind, entity.uuid)
        if before == entity and self.version is None:
            return []
        # With a version, an equal row still changes: its version takes in the other's.
        changes = [Change(self.kind, entity.uuid, before, entity, self.version)]
        tombstone = project.get("tombstone", entity.uuid)
        if tombstone is not None and self.kind != "tombstone":
            # Brought back from the dead: an edit elsewhere outweighs a deletion here.
            changes.append(Change("tombstone", entity.uuid, tombstone, None))
        return changes


class PutInfo(Command):
    """Set the project's metadata exactly as given (``version``: as for :class:`PutEntity`)."""

    def __init__(self, info, version=None):
        super().__init__()
        self.info, self.version = info, version
        self.text = N_("Samenvoegen")

    def build(self, project):
        if project.info == self.info and self.version is None:
            return []
        return [Change("info", "info", project.info, self.info, self.version)]


class RemoveEntity(Command):
    """Delete an intervention or quote as another file deleted it, keeping that file's
    tombstone; an intervention's votes go and its quotes stay, unlinked."""

    def __init__(self, kind, uuid, tombstone, version=None, linked_versions=None):
        super().__init__()
        self.kind, self.uuid, self.tombstone, self.version = kind, uuid, tombstone, version
        # The other file's versions of the votes that went with the idea there.
        self.linked_versions = linked_versions or {}
        self.text = N_("Samenvoegen")

    def build(self, project):
        old = project.get(self.kind, self.uuid)
        changes = []
        if old is not None and self.kind in _DELETE_COMMANDS:
            # As deleting it here would: links to it go, its tombstone is the other file's.
            command = _delete_command(self.kind, self.uuid)
            for change in command.build(project):
                if change.kind == self.kind and change.uuid == self.uuid:
                    changes.append(Change(self.kind, self.uuid, old, None, self.version))
                elif change.kind != "tombstone":
                    changes.append(change)
        elif old is not None:
            if self.kind == "intervention":
                changes += [Change("vote", v.uuid, v, None, self.linked_versions.get(v.uuid))
                            for v in project.all("vote") if v.intervention_uuid == self.uuid]
                changes += [Change("quote", q.uuid, q, replace(q, intervention_uuid=None))
                            for q in project.all("quote") if q.intervention_uuid == self.uuid]
            changes.append(Change(self.kind, self.uuid, old, None, self.version))
        elif self.version is not None:
            # Never here: only its deletion's version is kept, so that it travels on.
            changes.append(Change(self.kind, self.uuid, None, None, self.version))
        before = project.get("tombstone", self.uuid)
        if self.tombstone is not None and before != self.tombstone:
            changes.append(Change("tombstone", self.uuid, before, self.tombstone))
        return changes


_DELETE_COMMANDS = ("theme", "goal", "session")


def _delete_command(kind, uuid):
    from workbench.core.setup_commands import DeleteSession
    from workbench.core.theme_commands import DeleteGoal, DeleteTheme

    return {"theme": DeleteTheme, "goal": DeleteGoal, "session": DeleteSession}[kind](uuid)
