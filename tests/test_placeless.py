"""Input without a place ("goedkoper openbaar vervoer"): an idea without geometry is kept,
listed, weighed and answered like the rest, and every reader copes with it."""

import csv
import json
import sqlite3

import pytest

from tests.test_report_pdf import pdf_text
from workbench.cli import main
from workbench.store import open_project

TITLE = "Goedkoper openbaar vervoer"


@pytest.fixture
def placeless(sample_path, capsys):
    assert main(["add", str(sample_path), "--title", TITLE, "--theme", "Moderne mobiliteit",
                 "--description", "Voor de hele stad"]) == 0
    capsys.readouterr()
    return sample_path


def number_of(path):
    project = open_project(path, read_only=True)
    try:
        return next(i.number for i in project.interventions() if i.title == TITLE)
    finally:
        project.close()


def test_an_idea_without_a_place_is_stored_with_a_null_geometry_and_reopens(placeless):
    conn = sqlite3.connect(placeless)
    assert conn.execute("SELECT geom FROM interventions WHERE title = ?", (TITLE,)).fetchone() == (None,)
    conn.close()
    project = open_project(placeless)
    (item,) = [i for i in project.interventions() if i.title == TITLE]
    assert item.geometry is None and not project.warnings
    project.close()
    assert main(["check", str(placeless)]) == 0


def test_it_is_weighed_answered_and_in_the_gap_view(placeless, capsys):
    number = number_of(placeless)
    assert main(["weigh", str(placeless), str(number), "--criterion", "eindoordeel", "--verdict", "onderzoek"]) == 0
    assert main(["answer", str(placeless), str(number), "--disposition", "doorgegeven", "--referred-to",
                 "de vervoerregio", "--text", "Over busprijzen gaat de provincie."]) == 0
    capsys.readouterr()
    assert main(["toets", str(placeless), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["placeless"] == [number] and number not in report["not_answered"]


@pytest.mark.parametrize("kind", ["handout", "report", "poster", "terugkoppeling"])
def test_every_pdf_lists_it_and_still_draws_the_map(placeless, tmp_path, kind):
    out = tmp_path / f"{kind}.pdf"
    assert main(["export", "pdf", str(placeless), str(out), "--kind", kind]) == 0
    words = " ".join(pdf_text(out).split())
    assert "Groene boulevard" in words  # the ideas with a place are still there
    if kind != "poster":  # the poster shows the map and the top ideas only
        assert TITLE in words


def test_the_exports_carry_it_without_coordinates(placeless, tmp_path):
    assert main(["export", "geojson", str(placeless), str(tmp_path / "i.geojson")]) == 0
    features = json.loads((tmp_path / "i.geojson").read_text(encoding="utf-8"))["features"]
    (feature,) = [f for f in features if f["properties"]["title"] == TITLE]
    assert feature["geometry"] is None
    assert main(["export", "csv", str(placeless), str(tmp_path / "i.csv")]) == 0
    with open(tmp_path / "i.csv", encoding="utf-8-sig", newline="") as handle:
        (row,) = [r for r in csv.DictReader(handle, delimiter=";") if r["titel"] == TITLE]
    assert row["wkt_rd"] == "" and row["lat"] == ""
    assert main(["export", "gpkg", str(placeless), str(tmp_path / "flat.gpkg")]) == 0


def test_the_map_image_and_the_wijken_analysis_survive_it(placeless, tmp_path):
    from workbench.analysis.wijken import place_interventions

    project = open_project(placeless, read_only=True)
    placements = place_interventions(project)
    (item,) = [i for i in project.interventions() if i.title == TITLE]
    assert placements[item.uuid].touched == ()
    project.close()
    assert main(["export", "png", str(placeless), str(tmp_path / "map.png")]) == 0


def test_the_canvas_lists_it_without_drawing_it(placeless, qtbot):
    from workbench.canvas.scene import MapScene

    project = open_project(placeless)
    scene = MapScene(project)
    (item,) = [i for i in project.interventions() if i.title == TITLE]
    assert item.uuid not in scene.items_by_uuid and len(scene.items_by_uuid) == len(project.interventions()) - 1
    project.close()


def test_merge_carries_it(placeless, tmp_path):
    from workbench.io.merge import merge_files
    from workbench.io.samples import build_sample

    other = tmp_path / "other.gpkg"
    build_sample("heerlerheide", other).close()
    project = open_project(other)
    merge_files(project, [placeless], other_project=True)
    assert [i.geometry for i in project.interventions() if i.title == TITLE] == [None]
    project.close()


def test_a_quote_can_be_about_a_theme_and_the_report_says_which(sample_path, tmp_path):
    from tests.test_report_pdf import pdf_text as text_of
    from workbench.core.commands import AddQuote, EditQuote
    from workbench.core.theme_commands import DeleteTheme

    project = open_project(sample_path)
    theme = project.theme_by_name("Moderne mobiliteit")
    quote = project.execute(AddQuote("De bus is te duur voor ons.", "Bewoner", None, theme_uuid=theme.uuid)).uuid
    project.close()
    project = open_project(sample_path)
    assert project.get("quote", quote).theme_uuid == theme.uuid
    from workbench.report import export_pdf

    export_pdf(project, tmp_path / "r.pdf", kind="report")
    assert "Bewoner · over Moderne mobiliteit" in text_of(tmp_path / "r.pdf")
    project.execute(EditQuote(quote, theme_uuid=""))
    assert project.get("quote", quote).theme_uuid is None
    project.undo_stack.undo()
    project.execute(DeleteTheme(theme.uuid))  # the quote stays, without the theme
    assert project.get("quote", quote).theme_uuid is None
    project.close()
