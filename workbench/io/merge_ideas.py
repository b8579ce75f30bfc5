"""Merging ideas and the deletions of rows: a mixin of ``io.merge._Plan``.

Rows with a version (core/versions.py) are decided by ``io/merge_versioned.py``. What
remains here are the clock rules for rows neither side has edited since versions came.

How "changed on both sides" is told without a stored common ancestor: the copies of one
project share their history up to the moment they were copied. Every intervention or
tombstone that is identical in both files (same content, same ``changed_at``) is part of
that shared history, and so is the creation of every intervention both files have; the
newest such timestamp, the *divergence point*, bounds it.
A version changed at or before that point is the shared original: that side did not
touch it. A version changed after it was edited on that laptop; so was one made in a
session the other file does not know, whatever the laptop's clock said. So:

- target untouched, source edited -> take the source's version (an update);
- target edited, source untouched -> keep the target's;
- both edited (or deleted on one side, edited on the other) -> a conflict.
"""

from dataclasses import replace

from workbench.core.merge_commands import PutEntity, RemoveEntity
from workbench.core.model import ENTITY_KINDS, now_iso
from workbench.i18n import _
from workbench.io.merge_summary import Conflict
from workbench.io.merge_versioned import NEWEST_WINS, _copy_uuid, content


def divergence_point(target, source, as_target) -> str:
    """The newest timestamp of the history both files share ("" when none): of the ideas
    and tombstones identical in both, and of the creation of the ideas both know (as an
    idea or as a deletion).

    ``as_target(item)`` is the source's intervention with its links in target terms.
    """
    stamps = [""]
    for item in source.all("intervention"):
        mine = target.get("intervention", item.uuid)
        if mine is None:
            # An idea the target deleted was known to both: created before they parted.
            if target.get("tombstone", item.uuid) is not None:
                stamps.append(item.created_at)
            continue
        if mine.created_at == item.created_at:
            # An idea both files have was created before they parted, edited or not;
            # this keeps the bound when every shared idea was edited somewhere.
            stamps.append(item.created_at)
        if mine.changed_at == item.changed_at and content(mine) == content(as_target(item)):
            stamps.append(item.changed_at)
    for stone in source.all("tombstone"):
        mine = target.get("tombstone", stone.uuid)
        if mine is not None and mine.deleted_at == stone.deleted_at:
            stamps.append(stone.deleted_at)
        if mine is None and stone.kind == "intervention":
            alive = target.get("intervention", stone.uuid)
            if alive is not None:
                stamps.append(alive.created_at)
    return max(stamps)


class IdeaDecisions:
    """Needs from the plan: target, source, tv, sv, rule, summary, label, run, report,
    relation, provenance, target_sessions, and the versioned decisions."""

    def _mapped(self, item, theme_map, number=None):
        themes = tuple(dict.fromkeys(theme_map[t] for t in item.theme_uuids if t in theme_map))
        primary = theme_map.get(item.primary_theme_uuid)
        if primary not in themes:
            primary = themes[0] if themes else None
        goals = tuple(g for g in item.goal_uuids if self.target.get("goal", g) is not None)
        if number is None:  # its own number; a clash is settled once all is in (merge_numbers.py)
            number = item.number
        return replace(item, theme_uuids=themes, primary_theme_uuid=primary, goal_uuids=goals, number=number)

    def _conflict(self, item, what, resolution, *versions):
        self.report(Conflict("intervention", _("Idee '{title}'").format(title=item.title), self.label, what,
                             resolution), item.uuid, *versions)

    def _session_title(self, item):
        session = self.source.get("session", item.created_session_uuid) if item.created_session_uuid else None
        return session.title if session else ""

    def edited_here(self, item, point) -> bool:
        """Did the target change ``item`` after the copies diverged?

        Besides the timestamp (laptop clocks can disagree), a version made in a session
        the source has never heard of was made on this side, whatever its clock said.
        """
        session = item.changed_session_uuid
        return item.changed_at > point or (session is not None and self.source.get("session", session) is None)

    def edited_there(self, item, point) -> bool:
        """Did the source change ``item`` after the copies diverged? (See ``edited_here``.)"""
        session = item.changed_session_uuid
        return item.changed_at > point or (session is not None and session not in self.target_sessions)

    def kept_as_copy(self, item) -> bool:
        """Was this very source version kept as a second idea by an earlier merge (the
        copy is here, or the user deleted it)?

        The divergence point only grows: rows a merge brought in are identical in both
        files afterwards, also those the source made after its other edits. A later merge
        may then call the target's version "untouched" where an earlier one saw both sides
        edited and kept both; taking the source's version over the original would undo
        that decision and show the source's text twice (docs/io.md)."""
        copy_uuid = _copy_uuid(item)
        return self.target.get("intervention", copy_uuid) is not None or \
            self.target.get("tombstone", copy_uuid) is not None

    def interventions(self, theme_map, point):
        newest = self.rule == NEWEST_WINS
        for item in sorted(self.source.all("intervention"), key=lambda i: i.number):
            mine = self.target.get("intervention", item.uuid)
            stone = self.target.get("tombstone", item.uuid)
            if mine is None and stone is None:
                copy = self.target.get("intervention", _copy_uuid(item))
                if copy is None and self.target.get("tombstone", _copy_uuid(item)) is None:
                    mapped = self._mapped(item, theme_map)
                    self.run(PutEntity("intervention", mapped,
                                       self.as_brought_in(item, mapped, self.sv.get(item.uuid), theme_map)))
                    self.provenance[item.uuid] = [self.label, self._session_title(item)]
                    self.summary.count_added("intervention")
                continue
            relation = self.relation(item.uuid)
            if relation is not None:
                self._versioned_intervention(mine, stone, item, relation, theme_map)
                continue
            if mine is None:  # deleted in the target
                if not self.edited_there(item, point):
                    continue  # untouched in the source: stays deleted
                if self.kept_as_copy(item):
                    continue  # this very version was kept as a second version before
                what = _("is in het doelproject verwijderd en in de bron gewijzigd.")
                if newest and stone.deleted_at >= item.changed_at:
                    self._conflict(item, what, _("De verwijdering is het nieuwst en blijft."), stone.deleted_at,
                                   item.changed_at)
                else:
                    # Stamped as newer than the deletion, so that merging the file that
                    # deleted it again does not delete it after all.
                    restored = replace(self._mapped(item, theme_map),
                                       changed_at=max(item.changed_at, now_iso(), stone.deleted_at))
                    self.run(PutEntity("intervention", restored))
                    # (deletion, edit) in this order in both directions: one conflict, one key
                    self._conflict(item, what, _("Het gewijzigde idee is teruggezet."), stone.deleted_at,
                                   restored.changed_at)
                continue
            if content(mine) == content(self._mapped(item, theme_map, number=mine.number)):
                if item.changed_at > mine.changed_at:
                    # The same edit made on both sides: the later-stamped version comes in as
                    # it is, so the target holds this very version. Left as it was, a later
                    # source replacing it (in this merge or the next) made the next merge see
                    # this version "edited on both sides" and keep it as one more idea.
                    self.run(PutEntity("intervention", self._mapped(item, theme_map, number=mine.number)))
                continue
            if self.kept_as_copy(item):
                continue  # an earlier merge kept this very version as a second idea: that decision stands
            source_edited, target_edited = self.edited_there(item, point), self.edited_here(mine, point)
            if not source_edited:
                continue  # the target's own edit stands
            if not target_edited:
                self.run(PutEntity("intervention", self._mapped(item, theme_map, number=mine.number)))
                self.summary.updated.append(_("Idee {number} '{title}' bijgewerkt uit {source}.")
                                            .format(number=mine.number, title=item.title, source=self.label))
                continue
            what = _("is in beide bestanden gewijzigd.")
            if newest:
                if item.changed_at > mine.changed_at:
                    self.run(PutEntity("intervention", self._mapped(item, theme_map, number=mine.number)))
                    self._conflict(item, what, _("De nieuwste versie (uit de bron) is gebruikt."), item.changed_at,
                                   mine.changed_at)
                else:
                    self._conflict(item, what, _("De nieuwste versie (uit het doelproject) is behouden."),
                                   item.changed_at, mine.changed_at)
                continue
            self.keep_source_copy(item, mine, what, theme_map)

    def deletions(self, point):
        newest = self.rule == NEWEST_WINS
        for stone in self.source.all("tombstone"):
            mine_stone = self.target.get("tombstone", stone.uuid)
            if mine_stone == stone:
                continue
            kind = stone.kind
            if kind not in ENTITY_KINDS:
                continue  # written by a newer version; not ours to judge
            relation = self.relation(stone.uuid)
            if relation is not None:
                self._versioned_deletion(stone, relation)
                continue
            if kind not in ("intervention", "quote"):
                if mine_stone is None and self.target.get(kind, stone.uuid) is None:
                    self.run(PutEntity("tombstone", stone))  # let the deletion travel on
                continue
            mine = self.target.get(kind, stone.uuid)
            if mine is None:
                if mine_stone is None:
                    self.run(PutEntity("tombstone", stone))
                continue
            if kind == "quote":
                self.run(RemoveEntity("quote", stone.uuid, stone))
                continue
            # A version newer than the deletion cannot have been seen by whoever deleted it.
            if not self.edited_here(mine, point) and mine.changed_at < stone.deleted_at:
                self.run(RemoveEntity("intervention", stone.uuid, stone))
                self.summary.deleted.append(_("Idee {number} '{title}' verwijderd, zoals in {source}.")
                                            .format(number=mine.number, title=mine.title, source=self.label))
                continue
            what = _("is in de bron verwijderd en in het doelproject gewijzigd.")
            if newest and stone.deleted_at > mine.changed_at:
                self.run(RemoveEntity("intervention", stone.uuid, stone))
                self._conflict(mine, what, _("De verwijdering is het nieuwst; het idee is verwijderd."),
                               stone.deleted_at, mine.changed_at)
                continue
            if mine.changed_at < stone.deleted_at:
                # Kept against the deletion: stamp it as newer than the deletion, so a later
                # merge (whose shared history has grown) does not delete it after all.
                kept = replace(mine, changed_at=max(now_iso(), stone.deleted_at))
                self.run(PutEntity("intervention", kept))
                mine = kept
            self._conflict(mine, what, _("Het gewijzigde idee is behouden."), stone.deleted_at, mine.changed_at)
