"""Hints for weighing one idea against the visie: computed, never decided.

What the idea touches (pillars and sub-themes, goals, wijken), its size, the reference
layers the user marked as a constraint (a risk contour, a Natura 2000 area, a beekdal)
that it overlaps, and the criteria its themes make relevant. The verdict stays the user's.

Example::

    hints = idea_hints(project, item, constraint_layers={layer.uuid})
    hints.constraints  # (("Risicocontour", ("LPG-station Passart",)), ...)
"""

import json
from dataclasses import dataclass

from workbench.analysis.wijken import _valid, place_interventions
from workbench.core.criteria import criteria_for
from workbench.geo.measure import describe

CONSTRAINT_SETTING = "toets.constraint_layers"  # JSON list of reference-layer UUIDs


@dataclass(frozen=True)
class Hints:
    pillars: tuple  # names of the top-level themes the idea falls under
    sub_themes: tuple  # names of the tagged themes below a pillar
    goals: tuple  # titles
    wijken: tuple  # names, main wijk first
    size: str  # "Oppervlakte 1,2 ha", "Lengte 340 m", "Punt", or "Zonder plek"
    constraints: tuple  # (layer name, (feature labels, ...)), ...
    relevant_criteria: tuple  # criterion keys its themes point at


def constraint_layers(project) -> set:
    reader = getattr(project.repository, "setting", None)
    try:
        return set(json.loads(reader(CONSTRAINT_SETTING) or "[]")) if reader else set()
    except (TypeError, ValueError):
        return set()


def set_constraint_layers(project, uuids) -> None:
    project.repository.set_setting(CONSTRAINT_SETTING, json.dumps(sorted(uuids)))


def idea_hints(project, item, constraints=None, placements=None) -> Hints:
    themes = {t.uuid: t for t in project.themes()}
    tagged = [themes[u] for u in dict.fromkeys((item.primary_theme_uuid, *item.theme_uuids)) if u in themes]

    def pillar(theme):
        seen = set()
        while theme.parent_uuid in themes and theme.uuid not in seen:
            seen.add(theme.uuid)
            theme = themes[theme.parent_uuid]
        return theme

    pillars = tuple(dict.fromkeys(pillar(t).name for t in tagged))
    subs = tuple(t.name for t in tagged if t.parent_uuid is not None)
    goals = tuple(g.title for g in (project.get("goal", u) for u in item.goal_uuids) if g is not None)
    placement = (placements or place_interventions(project)).get(item.uuid)
    wijken = placement.touched if placement else ()
    constraints = constraint_layers(project) if constraints is None else constraints
    geometry = _valid(item.geometry)
    overlaps = []
    for layer in project.reference_layers():
        if layer.uuid not in constraints or geometry is None:
            continue
        hit = tuple(dict.fromkeys(f.label or layer.name for f in layer.features
                                  if f.geometry is not None and geometry.intersects(f.geometry)))
        if hit:
            overlaps.append((layer.name, hit))
    names = {t.name for t in tagged}
    relevant = tuple(c.key for c in criteria_for(project.info.theme_set) if set(c.themes) & names)
    return Hints(pillars, subs, goals, wijken, describe(item.geometry), tuple(overlaps), relevant)
