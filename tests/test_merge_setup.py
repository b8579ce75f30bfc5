"""The project's metadata, area, reference layers and underlays travel in a merge, decided
by versions like every other row: a laptop a week behind merges exactly, deletions
travel, changes on both sides are listed."""

import base64

import pytest
from shapely.geometry import Point, box

from tests.laptop_files import clock, copies, edit, merge, read  # noqa: F401 (clock: a fixture)
from workbench.core.model import ReferenceFeature, ReferenceLayer, new_uuid
from workbench.core.setup_commands import AddReferenceLayer, DeleteReferenceLayer, EditInfo, SetArea
from workbench.core.underlay_commands import AddUnderlay, DeleteUnderlay, EditUnderlay

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


@pytest.fixture
def laptops(sample_path, tmp_path):
    return copies(sample_path, tmp_path, "hub", "laptop")


def layer(name):
    return ReferenceLayer(new_uuid(), name, "PDOK", (ReferenceFeature(new_uuid(), "Buurt 1", Point(195000, 325000),
                                                                       (("code", "BU01"),)),))


def test_project_info_area_layers_and_underlays_from_a_laptop_a_week_behind_travel(laptops, clock):
    hub, laptop = laptops
    merge(laptop, hub)
    clock(-7)
    edit(laptop, EditInfo(description="Nieuwe omschrijving", contact="wijkteam@heerlen.nl"),
         SetArea(box(194000, 324000, 197000, 327000), name="Groter gebied"),
         AddReferenceLayer(layer("Buurten 2026")),
         AddUnderlay("Schets", PNG, "png", (1, 0, 0, -1, 195000, 325000)))
    clock(0)
    summary = merge(hub, laptop)
    assert summary.conflicts == []
    assert read(hub, lambda p: (p.info.description, p.info.contact, p.area.name, p.area.geometry.bounds)) == (
        "Nieuwe omschrijving", "wijkteam@heerlen.nl", "Groter gebied", (194000.0, 324000.0, 197000.0, 327000.0))
    assert "Buurten 2026" in read(hub, lambda p: [r.name for r in p.reference_layers()])
    assert read(hub, lambda p: [(u.name, u.image) for u in p.all("underlay")]) == [("Schets", PNG)]
    assert merge(hub, laptop).changes == 0  # idempotent


def test_deleting_a_layer_and_an_underlay_travels_and_an_edit_of_one_too(laptops):
    hub, laptop = laptops
    edit(hub, AddReferenceLayer(layer("Buurten 2026")), AddUnderlay("Schets", PNG, "png"))
    merge(laptop, hub)
    underlay = read(laptop, lambda p: p.all("underlay")[0].uuid)
    ref = read(laptop, lambda p: next(r.uuid for r in p.reference_layers() if r.name == "Buurten 2026"))
    edit(laptop, DeleteReferenceLayer(ref), EditUnderlay(underlay, opacity=0.3))
    summary = merge(hub, laptop)
    assert "Buurten 2026" not in read(hub, lambda p: [r.name for r in p.reference_layers()])
    assert read(hub, lambda p: p.get("underlay", underlay).opacity) == 0.3
    assert summary.conflicts == []
    edit(hub, DeleteUnderlay(underlay))
    merge(laptop, hub)
    assert read(laptop, lambda p: p.all("underlay")) == []


def test_project_info_changed_on_both_sides_keeps_the_target_fills_blanks_and_lists_it_once(laptops):
    hub, laptop = laptops
    edit(hub, EditInfo(description="Van de hub", credits=""))
    edit(laptop, EditInfo(description="Van de laptop", credits="Kaart: PDOK"))
    summary = merge(hub, laptop)
    assert read(hub, lambda p: (p.info.description, p.info.credits)) == ("Van de hub", "Kaart: PDOK")
    [conflict] = summary.conflicts
    assert conflict.line().startswith("Projectgegevens") and "description" in conflict.line()
    assert merge(hub, laptop).conflicts == []
    merge(laptop, hub)  # the laptop takes the hub's resolution
    assert read(laptop, lambda p: p.info.description) == "Van de hub"


def test_an_underlay_deleted_on_one_side_and_moved_on_the_other_stays_listed(laptops):
    hub, laptop = laptops
    edit(hub, AddUnderlay("Schets", PNG, "png"))
    merge(laptop, hub)
    underlay = read(hub, lambda p: p.all("underlay")[0].uuid)
    edit(hub, DeleteUnderlay(underlay))
    edit(laptop, EditUnderlay(underlay, c=195100.0))
    summary = merge(hub, laptop)
    assert read(hub, lambda p: p.get("underlay", underlay).c) == 195100.0
    [conflict] = summary.conflicts
    assert "Schets" in conflict.line()


def test_a_layer_of_one_name_imported_on_two_laptops_ends_as_one_the_same_everywhere(laptops):
    hub, laptop = laptops
    edit(hub, AddReferenceLayer(layer("Bomen")))
    edit(laptop, AddReferenceLayer(layer("Bomen")))
    summary = merge(hub, laptop)
    assert len(summary.conflicts) == 1
    merge(laptop, hub)
    kept = [read(p, lambda q: [r.uuid for r in q.reference_layers() if r.name == "Bomen"]) for p in (hub, laptop)]
    assert kept[0] == kept[1] and len(kept[0]) == 1
