"""Hints for the toets: computed from the idea, never a verdict."""

from shapely.geometry import Polygon

from workbench.analysis.hints import constraint_layers, idea_hints, set_constraint_layers
from workbench.core.model import ReferenceFeature, ReferenceLayer, new_uuid
from workbench.core.setup_commands import AddReferenceLayer
from workbench.store import open_project


def test_hints_name_pillars_wijken_size_and_a_marked_constraint_it_overlaps(project, sample_path):
    item = next(i for i in project.interventions() if i.title == "Leegstaand kantoor wordt woningen")
    box = item.geometry.buffer(20).envelope
    layer = ReferenceLayer(new_uuid(), "Risicocontour", features=(
        ReferenceFeature(new_uuid(), "LPG-station (fictief)", box),
        ReferenceFeature(new_uuid(), "Ver weg", Polygon([(0, 0), (1, 0), (1, 1)]))))
    project.execute(AddReferenceLayer(layer))
    hints = idea_hints(project, item)
    assert hints.constraints == ()  # not marked: no constraint
    set_constraint_layers(project, {layer.uuid})
    project.close()
    reopened = open_project(sample_path)
    assert constraint_layers(reopened) == {layer.uuid}
    item = reopened.get("intervention", item.uuid)
    hints = idea_hints(reopened, item)
    assert hints.constraints == (("Risicocontour", ("LPG-station (fictief)",)),)
    assert "Dé tuinstad van Parkstad" in hints.pillars and "Wonen als fundament" in hints.sub_themes
    assert "spreiding-sociale-huur" in hints.relevant_criteria
    assert hints.wijken and hints.size.startswith(("Oppervlakte", "Punt", "Lengte"))
    assert reopened.all("verdict") == []  # hints decide nothing
    reopened.close()
