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


def make_evening(path, interventions=400, sessions=7, seed=14):
    """Like a real series of drawing evenings: ``sessions`` sessions, six themes, ideas
    crowded around a few hot spots (mostly sketched lines), many with the title copied
    into the description."""
    rng = random.Random(seed)
    project = new_project(path, "Grote avond", "heerlen-2050")
    session_uuids = [project.execute(AddSession(f"Avond {n + 1} in de wijk", date=f"2026-0{n % 9 + 1}-1{n % 9}",
                                                place=f"Buurthuis {n + 1}")).uuid for n in range(sessions)]
    themes = [t.uuid for t in project.themes() if t.parent_uuid][:6]
    spots = [(rng.uniform(192500, 197500), rng.uniform(320500, 326500), rng.uniform(150, 900)) for _ in range(9)]
    commands = []
    for n in range(interventions):
        cx, cy, spread = rng.choice(spots)
        x, y = rng.gauss(cx, spread), rng.gauss(cy, spread)
        kind = rng.random()
        if kind < 0.2:
            geometry = Point(x, y)
        elif kind < 0.85:
            geometry = LineString([(x + i * 35, y + rng.uniform(-40, 40)) for i in range(rng.randint(2, 7))])
        else:
            geometry = Polygon([(x, y), (x + 60, y), (x + 70, y + 50), (x + 5, y + 55)])
        title = f"{rng.choice(('Veilige', 'Groene', 'Brede', 'Rustige'))} route {n + 1} naar " \
                f"{rng.choice(('school', 'het park', 'de markt', 'het station'))}"
        description = title if n % 2 else f"Een toelichting bij idee {n + 1}."
        theme = rng.choice(themes)
        command = AddIntervention(title, geometry, [theme], primary_theme_uuid=theme, description=description,
                                  session_uuid=session_uuids[n % sessions])
        commands += [command, SetVotes(command.uuid, rng.randint(0, 9), session_uuid=session_uuids[n % sessions])]
    project.execute(Batch("evening", commands))
    project.undo_stack.clear()
    return project
