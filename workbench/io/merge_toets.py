"""Merging the visie-toets and the answers of two project files.

A verdict is one per idea and criterion and an answer one per idea, with UUIDs derived
from them, so two laptops that weighed different ideas (or different criteria of one
idea) simply add up. When both weighed the same pair differently, the newest version is
kept and the other is named in the conflict list: a verdict is a judgement, and two of
them on one question cannot both stand.
"""

from workbench.core.merge_commands import PutEntity
from workbench.i18n import _
from workbench.io.merge_summary import Conflict


def merge_toets(plan) -> None:
    """Bring the source's verdicts and answers into ``plan.target``."""
    for kind in ("verdict", "answer"):
        for theirs in plan.source.all(kind):
            idea = plan.target.get("intervention", theirs.intervention_uuid)
            if idea is None:
                continue  # its idea is deleted here (or never came in)
            mine = plan.target.get(kind, theirs.uuid)
            if mine is None:
                plan.run(PutEntity(kind, theirs))
                plan.summary.count_added(kind)
                continue
            if _same(mine, theirs):
                continue
            newest = max(mine, theirs, key=lambda entity: entity.changed_at)
            if newest is theirs:
                plan.run(PutEntity(kind, theirs))
            what = (_("Toets '{criterion}' van idee {number}").format(criterion=mine.criterion, number=idea.number)
                    if kind == "verdict" else _("Antwoord op idee {number}").format(number=idea.number))
            plan.report(Conflict(kind, what, plan.label, _("is in beide bestanden anders."),
                                 _("De nieuwste versie is behouden.")), theirs.uuid, mine.changed_at, theirs.changed_at)


def _same(a, b) -> bool:
    from dataclasses import replace

    return replace(a, changed_at="") == replace(b, changed_at="")
