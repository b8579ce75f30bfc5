"""Synthetic projects of a given size, for the benchmarks."""

import random

from shapely.geometry import LineString, Point, Polygon

from workbench.core.commands import AddIntervention, SetVotes
from workbench.core.setup_commands import AddSession, Batch
from workbench.io.projects import new_project


def make_project(path, interventions=1000, seed=28992):
    """A Heerlen project with ``interventions`` points, lines and polygons, themed and voted."""
    rng = random.Random(seed)
    project = new_project(path, "Benchmark", "heerlen-2050")
    session = project.execute(AddSession("Bench-avond", date="2026-01-01")).uuid
    project.set_current_session(session)
    themes = [t.uuid for t in project.themes() if t.parent_uuid]
    commands = []
    for n in range(interventions):
        x, y = rng.uniform(192000, 198000), rng.uniform(320000, 327000)
        kind = n % 3
        if kind == 0:
            geometry = Point(x, y)
        elif kind == 1:
            geometry = LineString([(x + i * 40, y + rng.uniform(-30, 30)) for i in range(6)])
        else:
            geometry = Polygon([(x, y), (x + 80, y), (x + 90, y + 60), (x + 10, y + 70)])
        command = AddIntervention(f"Idee nummer {n + 1} met een titel", geometry,
                                  rng.sample(themes, 2), description="Een korte omschrijving. " * 3)
        commands.append(command)
        commands.append(SetVotes(command.uuid, rng.randint(0, 12)))
    project.execute(Batch("bench", commands))
    project.undo_stack.clear()
    return project
