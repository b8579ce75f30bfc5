"""The numbers behind the report: wijk of each idea, goal progress, coverage tables,
and the placement of number discs on the map."""

import math

from shapely.geometry import LineString, Point

from workbench.analysis.coverage import themes_by_session, themes_by_wijk
from workbench.analysis.goals import goal_progress
from workbench.analysis.wijken import place_interventions, wijken_layer
from workbench.core.commands import AddIntervention
from workbench.report.labels import Disc, place_discs
from workbench.report.map_furniture import nice_length


def _wijk(project, name):
    return next(f.geometry for f in wijken_layer(project).features if f.label == name)


def test_an_idea_lies_in_the_wijk_that_holds_it(project):
    heksenberg = _wijk(project, "Heksenberg")
    inside = heksenberg.representative_point()
    command = project.execute(AddIntervention("Bankje", inside))
    placement = place_interventions(project)[command.uuid]
    assert placement.main == "Heksenberg"
    assert placement.touched == ("Heksenberg",)


def test_a_line_across_a_border_belongs_mostly_to_the_longer_side(project):
    passart, heksenberg = _wijk(project, "Heerlerheide-Passart"), _wijk(project, "Heksenberg")
    border = passart.intersection(heksenberg)
    crossing = border.representative_point() if not border.is_empty else passart.centroid
    a, b = passart.representative_point(), heksenberg.representative_point()
    # From deep in Passart to just past the border: most of the line is in Passart.
    end = Point(crossing.x + (b.x - crossing.x) * 0.05, crossing.y + (b.y - crossing.y) * 0.05)
    command = project.execute(AddIntervention("Pad", LineString([(a.x, a.y), (end.x, end.y)])))
    placement = place_interventions(project)[command.uuid]
    assert placement.main == "Heerlerheide-Passart"


def test_outside_every_wijk_is_said_so(project):
    command = project.execute(AddIntervention("Ver weg", Point(100000, 400000)))
    assert place_interventions(project)[command.uuid].main == ""


def test_goal_progress_adds_up_linked_quantities(project):
    rows = {row.goal.title: row for row in goal_progress(project)}
    cycling = rows["Veilig fietsen naar school en werk"]
    expected = sum(item.quantity("cycle_path_m") or 0 for item in project.interventions()
                   if cycling.goal.uuid in item.goal_uuids)
    assert cycling.total == expected == 2950
    assert math.isclose(cycling.fraction, 2950 / 3000)
    no_quantity = rows["Meer mensen bewegen genoeg"]
    assert no_quantity.total is None and no_quantity.fraction is None


def test_coverage_tables_count_each_tag(project):
    by_session = themes_by_session(project)
    tags = sum(len(set(item.theme_uuids) | {item.primary_theme_uuid}) for item in project.interventions())
    assert sum(sum(row) for row in by_session.cells) == tags
    by_wijk = themes_by_wijk(project, place_interventions(project))
    assert sum(sum(row) for row in by_wijk.cells) == tags
    assert "Heksenberg" in by_wijk.column_labels


def test_crowded_discs_do_not_overlap():
    discs = [Disc(str(n), 300 + (n % 3), 300 + (n % 2), "#59a14f") for n in range(1, 41)]
    placed = place_discs(discs, (0, 0, 600, 600), size=10)
    for i, one in enumerate(placed):
        for other in placed[i + 1:]:
            assert math.hypot(one.x - other.x, one.y - other.y) >= one.radius + other.radius
    assert placed[0].moved is False and any(d.moved for d in placed)


def test_discs_stay_inside_the_frame_and_off_the_scale_bar():
    discs = [Disc(str(n), 5, 5, "#1f77b4") for n in range(1, 6)]
    placed = place_discs(discs, (0, 0, 200, 200), size=10, obstacles=[(0, 0, 60, 30)])
    for disc in placed:
        assert disc.radius <= disc.x <= 200 - disc.radius and disc.radius <= disc.y <= 200 - disc.radius
        nearest_x, nearest_y = min(disc.x, 60), min(disc.y, 30)   # nearest point of the scale bar
        assert math.hypot(disc.x - nearest_x, disc.y - nearest_y) >= disc.radius


def test_scale_bar_lengths_are_round():
    assert nice_length(740) == 500
    assert nice_length(1999) == 1000
    assert nice_length(2100) == 2000


def test_placements_follow_a_moved_idea_and_a_renamed_wijk(sample_path):
    """The placements are remembered between calls (the gap view asks after every edit),
    but a moved idea and a renamed or reshaped wijk are placed again."""
    from dataclasses import replace

    from workbench.analysis.wijken import place_interventions, wijken_layer
    from workbench.core.commands import MoveInterventions
    from workbench.store import open_project

    project = open_project(sample_path)
    item = project.intervention_by_number(1)
    before = place_interventions(project)[item.uuid]
    assert before.main
    project.execute(MoveInterventions([item.uuid], 30_000, 0))  # out of every wijk
    assert place_interventions(project)[item.uuid].main == ""
    layer = wijken_layer(project)
    renamed = replace(layer, features=tuple(replace(f, label=f.label + " (nieuw)") for f in layer.features))
    placed = place_interventions(project, renamed)
    assert all(p.main == "" or p.main.endswith("(nieuw)") for p in placed.values())
    project.close()
