"""Merging the visie-toets and the answers of two project files, by row versions.

A verdict is one per idea and criterion and an answer one per idea, with UUIDs derived
from them, so two laptops that weighed different ideas (or different criteria of one
idea) simply add up. Which side changed a verdict is told from its version vector
(core/versions.py), never from a clock: the newer version is taken, also when it clears
the verdict. When both weighed the same pair differently without seeing each other's
verdict, the target's stays and the source's is named in the conflict list (with
``--newest-wins``: the later ``changed_at``): a verdict is a judgement, and two of them on
one question cannot both stand. Rows from files older than versions (neither side has
a version) keep the old rule: the newest is kept.
"""

from dataclasses import replace

from workbench.core import versions as vv
from workbench.core.merge_commands import PutEntity, RemoveEntity
from workbench.i18n import _
from workbench.io.merge_summary import Conflict
from workbench.io.merge_versioned import NEWEST_WINS

KINDS = ("verdict", "answer")


def merge_toets(plan) -> None:
    """Bring the source's verdicts and answers into ``plan.target``."""
    for kind in KINDS:
        for theirs in plan.source.all(kind):
            idea = plan.target.get("intervention", theirs.intervention_uuid)
            if idea is not None:  # else its idea is deleted here (or never came in)
                _merge_one(plan, kind, idea, plan.target.get(kind, theirs.uuid), theirs)
    _cleared(plan)


def _merge_one(plan, kind, idea, mine, theirs) -> None:
    relation = plan.relation(theirs.uuid)
    if relation is None:  # both files from before versions: the clock decides, as it did
        _by_clock(plan, kind, idea, mine, theirs)
        return
    if relation in (vv.SAME, vv.OLDER):
        return
    if mine is None:
        # Not here: new, cleared here before the source's edit (NEWER), or cleared here
        # while the source weighed again without seeing that (CONCURRENT: the judgement stays).
        plan.run(PutEntity(kind, theirs, plan.sv.get(theirs.uuid) if relation == vv.NEWER else plan.joined(theirs.uuid)))
        if relation == vv.CONCURRENT and theirs.uuid in plan.tv:
            plan.report(Conflict(kind, _title(kind, theirs, idea), plan.label,
                                 _("is in het doelproject gewist en in de bron gewijzigd."),
                                 _("De gewijzigde versie is teruggezet.")), theirs.uuid, repr(theirs))
        else:
            plan.summary.count_added(kind)
        return
    if relation == vv.NEWER:
        plan.run(PutEntity(kind, theirs, plan.sv.get(theirs.uuid)))
        plan.summary.updated.append(_("{title} bijgewerkt uit {source}.").format(
            title=_title(kind, theirs, idea), source=plan.label))
        return
    if _same(mine, theirs):
        plan.run(PutEntity(kind, mine, plan.joined(mine.uuid)))  # versions joined, nothing to list
        return
    source_wins = plan.rule == NEWEST_WINS and theirs.changed_at > mine.changed_at
    plan.run(PutEntity(kind, theirs if source_wins else mine, plan.joined(mine.uuid)))
    if source_wins:
        resolution = _("De nieuwste versie (uit de bron) is gebruikt.")
    elif plan.rule == NEWEST_WINS:
        resolution = _("De nieuwste versie (uit het doelproject) is behouden.")
    else:
        resolution = _("De versie van het doelproject is behouden; die uit de bron was: {value}.").format(
            value=_value(kind, theirs))
    plan.report(Conflict(kind, _title(kind, mine, idea), plan.label, _("is in beide bestanden anders."), resolution),
                theirs.uuid, repr(mine), repr(theirs))


def _cleared(plan) -> None:
    """Verdicts and answers the source no longer has: cleared there by a user, or gone with
    their idea. A clear made after seeing the target's version travels; one the target
    never saw loses against the target's new judgement (listed). One that went with its
    idea, while the idea lives on here (an edit kept against its deletion), stays."""
    for uuid, kind, mine, relation in plan.settle_source_deletions(KINDS):
        idea = plan.target.get("intervention", mine.intervention_uuid)
        # Deleted there (a database snapshot holds only the rows this side has not seen,
        # so an idea missing from it is not a deleted one).
        there = plan.source_rows.get(mine.intervention_uuid)
        if plan.source.get("tombstone", mine.intervention_uuid) is not None or (there is not None and not there[2]):
            if idea is not None:  # gone with an idea that lives on here: a version newer than both
                plan.run(PutEntity(kind, mine, plan.fresh(uuid, plan.sv.get(uuid))))
            continue
        if relation == vv.NEWER:
            plan.run(RemoveEntity(kind, uuid, None, plan.sv.get(uuid)))
            plan.summary.deleted.append(_("{title} gewist, zoals in {source}.").format(
                title=_title(kind, mine, idea), source=plan.label))
            continue
        plan.run(PutEntity(kind, mine, plan.joined(uuid)))
        plan.report(Conflict(kind, _title(kind, mine, idea), plan.label,
                             _("is in de bron gewist en in het doelproject gewijzigd."),
                             _("De gewijzigde versie is behouden.")), uuid, repr(mine))


def _by_clock(plan, kind, idea, mine, theirs) -> None:
    if mine is None:
        plan.run(PutEntity(kind, theirs))
        plan.summary.count_added(kind)
        return
    if _same(mine, theirs):
        return
    if theirs.changed_at > mine.changed_at:
        plan.run(PutEntity(kind, theirs))
    plan.report(Conflict(kind, _title(kind, mine, idea), plan.label, _("is in beide bestanden anders."),
                         _("De nieuwste versie is behouden.")), theirs.uuid, mine.changed_at, theirs.changed_at)


def _title(kind, entity, idea) -> str:
    if kind == "verdict":
        return _("Toets '{criterion}' van idee {number}").format(criterion=entity.criterion, number=idea.number)
    return _("Antwoord op idee {number}").format(number=idea.number)


def _value(kind, entity) -> str:
    return f"'{entity.verdict}'" if kind == "verdict" else f"'{entity.disposition}: {entity.text[:60]}'"


def _same(a, b) -> bool:
    return replace(a, changed_at="") == replace(b, changed_at="")
