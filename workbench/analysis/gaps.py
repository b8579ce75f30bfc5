"""The gap view: what the input covers of the visie, and what it leaves open.

Every theme of the set with its number of ideas, zeros included, rolled up to the
pillars; every wijk of the area, zeros included; the goals no idea serves; the ideas not
yet weighed or answered. Zeros are the point: a theme nobody raised is a finding.

Example::

    view = gap_view(project)
    [(p.name, p.count) for p in view.pillars]
"""

from dataclasses import dataclass

from workbench.analysis.wijken import place_interventions, wijken_layer
from workbench.core.model import OVERALL

# The seed's own crosswalk: the kernthema's of the participation that the sub-themes of
# chapter 5 cite (sub-theme, kernthema's, lines in the visie). Only what the seed says.
CROSSWALK = (
    ("Het kind voorop", ("Zorgen van nu, kansen voor de toekomst", "Verkleinen van achterstanden"), "L3941-3981"),
    ("Veiligheid op orde", ("Zorgen van nu, kansen voor de toekomst",), "L4195-4197"),
    ("Gezonde basis", ("Basis op orde: Heerlen als schone en goed onderhouden stad",
                       "Meer voorzieningen voor de jeugd", "Nieuwe verbindingen",
                       "Een groen Heerlen met volop recreatieve mogelijkheden"), "L4691-4822"),
)


def crosswalk_counts(project) -> tuple:
    """(sub-theme, kernthema's, seed lines, ideas) per CROSSWALK row: the ideas tagged with
    one of those kernthema's (a project on the kernthema set), so input in residents' words
    reports in the visie's structure; ideas is None when the project has none of them."""
    by_name = {t.name.casefold(): t.uuid for t in project.themes()}
    rows = []
    for sub, kernthemas, seed in CROSSWALK:
        uuids = {by_name[k.casefold()] for k in kernthemas if k.casefold() in by_name}
        ideas = sum(1 for item in project.interventions() if _tagged(item) & uuids) if uuids else None
        rows.append((sub, kernthemas, seed, ideas))
    return tuple(rows)


@dataclass(frozen=True)
class Count:
    name: str
    count: int
    children: tuple = ()  # Count, ... (the sub-themes of a pillar)


@dataclass(frozen=True)
class GapView:
    pillars: tuple  # Count per top-level theme, with its sub-themes as children
    wijken: tuple  # Count per wijk of the area ("" when the project has no wijken layer)
    unserved_goals: tuple  # goal titles
    not_weighed: tuple  # idea numbers without an overall verdict
    not_answered: tuple  # idea numbers without an answer
    placeless: tuple  # idea numbers without a place on the map


# The fields of an idea the gap view reads (besides its uuid). The Toets dock skips the
# gap view for an edit that changes none of them (a title typed: 0.2 s at 10,000 ideas
# saved per edit), so a field read below and missing here leaves the dock stale;
# tests/test_gap_view_fields.py records what gap_view reads and fails then.
IDEA_FIELDS = ("number", "geometry", "theme_uuids", "primary_theme_uuid", "goal_uuids")


def counts_differently(before, after) -> bool:
    """Whether the gap view may count the edited idea ``after`` differently from ``before``."""
    for name in IDEA_FIELDS:
        old, new = getattr(before, name), getattr(after, name)
        if old is new:
            continue
        if hasattr(old, "equals_exact") and hasattr(new, "equals_exact"):  # a shape: an equal copy is no change
            if not old.equals_exact(new, 0.0):
                return True
        elif old != new:
            return True
    return False


def _tagged(item) -> set:
    return set(item.theme_uuids) | ({item.primary_theme_uuid} if item.primary_theme_uuid else set())


def theme_counts(project) -> tuple:
    """Count per pillar (ideas tagged with it or any of its sub-themes, each idea once)."""
    themes = project.themes()
    children, parents = {}, {}
    for theme in themes:
        children.setdefault(theme.parent_uuid, []).append(theme)
        parents[theme.uuid] = theme.parent_uuid
    # one pass over the ideas (not one per theme: 0.1 s at 10,000 ideas): an idea counts
    # for every theme that is one of its tags or above one
    reached_by = {}  # a theme's uuid -> it and the themes above it
    for start in parents:
        above, uuid = [], start
        while uuid in parents and uuid not in above:
            above.append(uuid)
            uuid = parents[uuid]
        reached_by[start] = above
    numbers = {}
    for item in project.all("intervention"):
        reached = set()
        for tag in _tagged(item):
            reached.update(reached_by.get(tag, ()))
        for uuid in reached:
            numbers[uuid] = numbers.get(uuid, 0) + 1

    def count(theme) -> Count:
        return Count(theme.name, numbers.get(theme.uuid, 0),
                     tuple(count(child) for child in children.get(theme.uuid, ())))

    return tuple(count(theme) for theme in children.get(None, ()))


def wijk_counts(project, placements=None) -> tuple:
    """Every wijk of the wijken layer that lies in the area (all of them without an area),
    with the ideas that touch it, zeros included."""
    layer = wijken_layer(project)
    if layer is None:
        return ()
    placements = placements if placements is not None else place_interventions(project, layer)
    area = project.area
    names = []
    for feature in layer.features:
        geometry = feature.geometry
        if area is None or geometry.intersection(area.geometry).area > 0.01 * max(geometry.area, 1.0):
            if feature.label not in names:
                names.append(feature.label)
    touched = {}
    for placement in placements.values():
        for name in placement.touched:
            touched[name] = touched.get(name, 0) + 1
    names += [name for name in touched if name not in names]  # an idea that reaches outside the area
    return tuple(Count(name, touched.get(name, 0)) for name in sorted(names))


def gap_view(project, placements=None) -> GapView:
    ideas = sorted(project.interventions(), key=lambda item: item.number)
    served = {goal for item in ideas for goal in item.goal_uuids}
    weighed = {v.intervention_uuid for v in project.all("verdict") if v.criterion == OVERALL}
    answered = {a.intervention_uuid for a in project.all("answer")}
    return GapView(
        pillars=theme_counts(project),
        wijken=wijk_counts(project, placements),
        unserved_goals=tuple(g.title for g in project.goals() if g.uuid not in served),
        not_weighed=tuple(i.number for i in ideas if i.uuid not in weighed),
        not_answered=tuple(i.number for i in ideas if i.uuid not in answered),
        placeless=tuple(i.number for i in ideas if i.geometry is None or i.geometry.is_empty))


def number_ranges(numbers) -> str:
    """Idea numbers as runs: ``1\u20139, 11, 13\u201320`` (an en dash, as in print). At ten
    thousand ideas "not weighed yet" is usually every number: one run, not a page of
    them. Empty for no numbers (the caller says "geen")."""
    ordered = sorted(set(numbers))
    runs, start = [], None
    for index, number in enumerate(ordered):
        if start is None:
            start = number
        if index + 1 == len(ordered) or ordered[index + 1] != number + 1:
            runs.append(str(start) if start == number else
                        f"{start}, {number}" if number == start + 1 else f"{start}\u2013{number}")
            start = None
    return ", ".join(runs)


@dataclass(frozen=True)
class IdeaToets:
    number: int
    title: str
    overall: str  # a verdict, "" when not weighed overall
    verdicts: tuple  # (criterion key, verdict, condition, reason), ...
    disposition: str
    instrument: str
    answer: str


def toets_rows(project, ideas=None) -> list:
    """Per idea (by number): its verdicts and its answer."""
    verdicts, answers = {}, {a.intervention_uuid: a for a in project.all("answer")}
    for verdict in project.all("verdict"):
        verdicts.setdefault(verdict.intervention_uuid, []).append(verdict)
    rows = []
    for item in sorted(ideas if ideas is not None else project.interventions(), key=lambda i: i.number):
        mine = sorted(verdicts.get(item.uuid, ()), key=lambda v: v.criterion)
        overall = next((v.verdict for v in mine if v.criterion == OVERALL), "")
        answer = answers.get(item.uuid)
        rows.append(IdeaToets(
            item.number, item.title, overall,
            tuple((v.criterion, v.verdict, v.condition, v.reason) for v in mine if v.criterion != OVERALL),
            answer.disposition if answer else "", answer.instrument if answer else "", answer.text if answer else ""))
    return rows
