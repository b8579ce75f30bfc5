"""``workbench weigh``, ``workbench answer`` and ``workbench toets``: the visie-toets
and the terugkoppeling without a screen."""

import json
from dataclasses import asdict

from workbench.core.model import DISPOSITIONS, VERDICTS
from workbench.errors import ValidationError
from workbench.i18n import _


def add_parser(sub) -> None:
    """The commands of the visie-toets (called by cli.build_parser)."""
    p = sub.add_parser("weigh", help=_("een idee toetsen aan een criterium van de visie"))
    p.add_argument("path")
    p.add_argument("number", type=int)
    p.add_argument("--criterion", required=True, help=_("sleutel van het criterium, of 'eindoordeel'"))
    p.add_argument("--verdict", required=True, choices=list(VERDICTS) + ["wissen"])
    p.add_argument("--reason", default="")
    p.add_argument("--condition", default="", help=_("de voorwaarde bij 'mits'"))
    p.set_defaults(run=cmd_weigh)

    p = sub.add_parser("answer", help=_("vastleggen wat er met een idee gebeurt"))
    p.add_argument("path")
    p.add_argument("number", type=int)
    p.add_argument("--disposition", required=True, choices=list(DISPOSITIONS))
    p.add_argument("--text", required=True, help=_("het antwoord aan de inwoner"))
    p.add_argument("--instrument", default="")
    p.add_argument("--referred-to", default="", help=_("aan wie het idee is doorgegeven"))
    p.add_argument("--by", default="", help=_("wie antwoordt"))
    p.add_argument("--date", default=None, help=_("datum van het antwoord (jjjj-mm-dd), standaard vandaag"))
    p.set_defaults(run=cmd_answer)

    p = sub.add_parser("toets", help=_("hiaten en de toetsing van alle ideeën tonen"))
    p.add_argument("path")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_toets)


def _idea(project, number):
    item = project.intervention_by_number(number)
    if item is None:
        raise ValidationError(_("Er is geen idee met nummer {number}.").format(number=number))
    return item


def _edit(path, build):
    from workbench.store import open_project

    project = open_project(path)
    try:
        project.execute(build(project))
    finally:
        project.close()


def cmd_weigh(args):
    from workbench.core.toets_commands import WeighIdea

    verdict = None if args.verdict == "wissen" else args.verdict
    _edit(args.path, lambda project: WeighIdea(_idea(project, args.number).uuid, args.criterion, verdict,
                                               reason=args.reason, condition=args.condition))
    print(_("Idee {number} getoetst op '{criterion}': {verdict}.").format(
        number=args.number, criterion=args.criterion, verdict=args.verdict))
    return 0


def cmd_answer(args):
    from workbench.core.toets_commands import AnswerIdea

    _edit(args.path, lambda project: AnswerIdea(
        _idea(project, args.number).uuid, args.disposition, args.text, instrument=args.instrument,
        referred_to=args.referred_to, answered_on=args.date, answered_by=args.by))
    print(_("Antwoord op idee {number} vastgelegd: {disposition}.").format(
        number=args.number, disposition=args.disposition))
    return 0


def toets_report(project) -> dict:
    """The gap view and the toets per idea, as ``workbench toets --json`` prints them."""
    from workbench.analysis.gaps import crosswalk_counts, gap_view, toets_rows
    from workbench.core.criteria import criteria_for

    view = gap_view(project)
    return {
        "themes": [asdict(pillar) for pillar in view.pillars],
        "wijken": [asdict(wijk) for wijk in view.wijken],
        "unserved_goals": list(view.unserved_goals),
        "not_weighed": list(view.not_weighed),
        "not_answered": list(view.not_answered),
        "placeless": list(view.placeless),
        "ideas": [asdict(row) for row in toets_rows(project)],
        "criteria": [{"key": c.key, "label": c.label, "seed": c.seed} for c in criteria_for(project.info.theme_set)],
        "crosswalk": [{"sub_theme": sub, "kernthemas": list(kern), "seed": seed, "ideas": ideas}
                      for sub, kern, seed, ideas in crosswalk_counts(project)],
    }


def _numbers(numbers) -> str:
    from workbench.analysis.gaps import number_ranges

    return number_ranges(numbers) or _("geen")


def cmd_toets(args):
    from workbench.store import open_project

    project = open_project(args.path, read_only=True)
    try:
        report = toets_report(project)
    finally:
        project.close()
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(_("Thema's (aantal ideeën, ook nul):"))
    for pillar in report["themes"]:
        print(f"  {pillar['name']}: {pillar['count']}")
        for child in pillar["children"]:
            print(f"    {child['name']}: {child['count']}")
    print(_("Wijken (aantal ideeën, ook nul):"))
    for wijk in report["wijken"] or [{"name": _("(geen wijkenlaag)"), "count": "-"}]:
        print(f"  {wijk['name']}: {wijk['count']}")
    print(_("Doelen zonder idee: {goals}").format(goals="; ".join(report["unserved_goals"]) or _("geen")))
    print(_("Nog niet getoetst (eindoordeel): {numbers}").format(numbers=_numbers(report["not_weighed"])))
    print(_("Nog niet beantwoord: {numbers}").format(numbers=_numbers(report["not_answered"])))
    print(_("Zonder plek op de kaart: {numbers}").format(numbers=_numbers(report["placeless"])))
    print(_("Toetsing per idee:"))
    for row in report["ideas"]:
        parts = [f"{key}: {verdict}" + (f" ({condition})" if condition else "")
                 for key, verdict, condition, _reason in row["verdicts"]]
        print(f"  {row['number']}. {row['title']} | {_('eindoordeel')}: {row['overall'] or '-'}"
              f" | {'; '.join(parts) or '-'} | {_('afhandeling')}: {row['disposition'] or '-'}"
              + (f" ({row['instrument']})" if row["instrument"] else ""))
    print(_("Kernthema's in de subthema's van hoofdstuk 5 (zoals de visie ze noemt):"))
    for row in report["crosswalk"]:
        ideas = "" if row["ideas"] is None else " " + _("({count} ideeën)").format(count=row["ideas"])
        print(f"  {row['sub_theme']} ({row['seed']}): {'; '.join(row['kernthemas'])}{ideas}")
    return 0
