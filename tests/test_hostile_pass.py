"""What a hostile tester's pass found (30 Nov) on the command line and in files: each test is a
thing a user saw; the window's are in test_hostile_pass_ui.py."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.root_powers import without_root_powers

from workbench.cli import main


def run(*args, prefix=(), timeout=120):
    return subprocess.run([*prefix, sys.executable, "-m", "workbench", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.parametrize("command", [("new", "--name", "Plan"), ("sample", "heerlerheide")])
def test_a_new_project_in_a_read_only_folder_names_the_folder_not_a_hidden_temporary(tmp_path, command):
    folder = tmp_path / "alleen lezen"
    folder.mkdir()
    os.chmod(folder, 0o555)
    target = folder / "plan.gpkg"
    args = (command[0], target, *command[1:]) if command[0] == "new" else (*command, target)
    try:
        result = run(*args, prefix=without_root_powers())
    finally:
        os.chmod(folder, 0o755)
    assert result.returncode == 2, result.stderr
    assert ".werkbank-nieuw" not in result.stderr, result.stderr
    assert "alleen lezen" in result.stderr and "Geen toegang" in result.stderr, result.stderr
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("kind", ["geojson", "csv"])
def test_an_export_imports_back_with_names_that_hold_a_semicolon_or_bar(sample_path, tmp_path, kind):
    """A session "Avond 12 maart; noord" and a theme "Wonen | werken" were cut in two on
    the way back: every vote was dropped ("Bijeenkomst 'Avond 12 maart' bestaat niet")."""
    from workbench.core.setup_commands import EditSession
    from workbench.core.theme_commands import EditTheme
    from workbench.io.export_csv import export_csv
    from workbench.io.export_geojson import export_geojson
    from workbench.io.import_features import import_file
    from workbench.store import open_project

    project = open_project(sample_path)
    try:
        session = project.sessions()[0]
        project.execute(EditSession(session.uuid, title="Avond 12 maart; noord"))
        first = project.interventions()[0]
        theme = project.get("theme", first.primary_theme_uuid)
        project.execute(EditTheme(theme.uuid, name="Wonen | werken; leven"))
        before = {i.title: (i.theme_uuids, i.primary_theme_uuid, project.votes(i.uuid, session.uuid))
                  for i in project.interventions()}
        out = tmp_path / f"uit.{kind}"
        (export_geojson if kind == "geojson" else export_csv)(project, out)
        old = {i.uuid for i in project.interventions()}
        summary = import_file(project, out)
        text = "\n".join(summary.lines())
        assert "bestaat niet" not in text, text
        after = {i.title: (i.theme_uuids, i.primary_theme_uuid, project.votes(i.uuid, session.uuid))
                 for i in project.interventions() if i.uuid not in old}
        assert after == before
    finally:
        project.close()


@pytest.mark.parametrize("kind", ["geojson", "csv", "gpkg"])
def test_an_idea_without_a_place_survives_an_export_imported_back(sample_path, tmp_path, kind):
    """'Object 23 heeft geen geometrie; overgeslagen': an idea for the whole area (no
    place, as `workbench add` without --wkt makes) was lost on the way back in."""
    from workbench.io.export_csv import export_csv
    from workbench.io.export_geojson import export_geojson
    from workbench.io.export_gpkg import export_gpkg
    from workbench.io.import_features import import_file
    from workbench.store import open_project
    from workbench.core.commands import AddIntervention

    project = open_project(sample_path)
    try:
        project.execute(AddIntervention("Goedkoper openbaar vervoer", None, description="voor de hele stad"))
        out = tmp_path / f"uit.{kind}"
        {"geojson": export_geojson, "csv": export_csv, "gpkg": export_gpkg}[kind](project, out)
        old = {i.uuid for i in project.interventions()}
        summary = import_file(project, out, layer="ideeen" if kind == "gpkg" else None)
        text = "\n".join(summary.lines())
        assert "overgeslagen" not in text and summary.imported == len(old), text
        back = [i for i in project.interventions() if i.uuid not in old]
        assert [(i.title, i.description) for i in back if i.geometry is None] == [
            ("Goedkoper openbaar vervoer", "voor de hele stad")]
        assert len(back) == len(old)
    finally:
        project.close()
    reopened = open_project(sample_path, read_only=True)
    try:
        assert sum(1 for i in reopened.interventions() if i.geometry is None) == 2
    finally:
        reopened.close()


def test_a_file_without_places_is_no_reference_layer(tmp_path, sample_path):
    import json

    from workbench.errors import ValidationError
    from workbench.io.import_features import import_file
    from workbench.store import open_project

    path = tmp_path / "zonder.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": None, "properties": {"naam": "a"}}]}))
    project = open_project(sample_path)
    try:
        layers = len(project.reference_layers())
        with pytest.raises(ValidationError, match="geen bruikbare objecten"):
            import_file(project, path, as_reference=True)
        assert len(project.reference_layers()) == layers
    finally:
        project.close()


@pytest.mark.parametrize("margin", ["nan", "inf", "-inf"])
def test_a_base_map_margin_that_is_no_number_is_a_dutch_refusal(sample_path, margin):
    """'onverwachte fout (ValueError: cannot convert float NaN to integer)'."""
    result = run("basemap", "fetch", sample_path, "--source", "brt-standaard", f"--margin={margin}", "--dry-run")
    assert result.returncode == 2 and "onverwachte fout" not in result.stderr, result.stderr
    assert "marge" in result.stderr and "\n" not in result.stderr.strip(), result.stderr


def test_a_name_too_long_with_accents_is_told_a_length_that_fits(tmp_path):
    """'Kies een bestandsnaam van hoogstens 247 tekens' for a name of 205 characters (its
    é's take two bytes each): the user shortened to 240 and was refused again."""
    import re

    name = "é" * 200 + ".gpkg"
    result = run("new", tmp_path / name, "--name", "Lang")
    assert result.returncode == 2, result.stderr
    count = int(re.search(r"hoogstens (\d+) tekens", result.stderr).group(1))
    assert count < len(name)
    fits = "é" * (count - len(".gpkg")) + ".gpkg"
    assert run("new", tmp_path / fits, "--name", "Past").returncode == 0


def test_a_file_that_cannot_be_read_is_refused_in_dutch_not_in_the_systems_english(tmp_path, sample_path):
    """'Kan plan.geojson niet lezen: Permission denied' / '...: Is a directory' (an area
    or import file without read access, a folder named like a GeoJSON)."""
    import json

    blocked_geojson, blocked_csv = tmp_path / "grens.geojson", tmp_path / "ideeen.csv"
    blocked_geojson.write_text(json.dumps({"type": "Polygon", "coordinates": [[[5.97, 50.91], [5.98, 50.91],
                                                                              [5.98, 50.92], [5.97, 50.91]]]}))
    blocked_csv.write_text("titel;wkt\nx;POINT (195000 325000)\n")
    folder = tmp_path / "map.geojson"
    folder.mkdir()
    os.chmod(blocked_geojson, 0)
    os.chmod(blocked_csv, 0)
    prefix = without_root_powers()
    for args in (("new", tmp_path / "a.gpkg", "--name", "A", "--area", blocked_geojson),
                 ("new", tmp_path / "b.gpkg", "--name", "B", "--area", folder),
                 ("import", sample_path, blocked_geojson), ("import", sample_path, blocked_csv)):
        result = run(*args, prefix=prefix)
        assert result.returncode == 2, result.stderr
        assert not any(english in result.stderr for english in ("Permission denied", "Is a directory")), result.stderr
        assert "Geen toegang" in result.stderr or "is een map" in result.stderr, result.stderr


def test_an_area_in_rd_without_crs_is_read_as_rd_and_one_in_the_ocean_is_refused(tmp_path):
    """A boundary in RD numbers without a 'crs' member was read as degrees and refused
    as 'snijdt zichzelf' (after a RuntimeWarning on stderr); a boundary at 0-1 degrees
    (the Gulf of Guinea) became the project's area, where no idea can ever lie."""
    import json

    rd = tmp_path / "rd.geojson"
    rd.write_text(json.dumps({"type": "Polygon", "coordinates": [[[194000, 325000], [196000, 325000],
                                                                 [196000, 327000], [194000, 325000]]]}))
    result = run("new", tmp_path / "rd.gpkg", "--name", "RD", "--area", rd)
    assert result.returncode == 0 and "Warning" not in result.stderr, result.stderr
    info = run("info", tmp_path / "rd.gpkg", "--json")
    assert json.loads(info.stdout)["area_ha"] == 200.0
    ocean = tmp_path / "oceaan.geojson"
    ocean.write_text(json.dumps({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}))
    result = run("new", tmp_path / "oceaan.gpkg", "--name", "Oceaan", "--area", ocean)
    assert result.returncode == 2 and "buiten Nederland" in result.stderr, result.stderr
    assert not (tmp_path / "oceaan.gpkg").exists()


def test_an_area_file_with_one_part_in_the_ocean_is_refused_not_made_smaller(tmp_path):
    """Three squares, one in the ocean: the ocean one was left out without a word and
    the project's area was smaller than the file (found by review); an area is all or
    nothing, as an import is."""
    import json

    def square(x, y, side):
        return {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[
            [x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]]]}}

    parts = tmp_path / "delen.geojson"
    parts.write_text(json.dumps({"type": "FeatureCollection", "features": [
        square(5.97, 50.88, 0.01), square(6.5, 52.4, 0.01), square(0.0, 0.0, 1.0)]}))
    result = run("new", tmp_path / "delen.gpkg", "--name", "Delen", "--area", parts)
    assert result.returncode == 2 and "buiten Nederland" in result.stderr, result.stderr
    assert not (tmp_path / "delen.gpkg").exists()


def test_a_nul_in_a_quantity_label_written_by_another_tool_still_exports_a_geopackage(sample_path, tmp_path):
    """Found by hypothesis in tests/test_review_store.py during this pass: a quantity
    label of one NUL (written in QGIS or by a script) made 'export gpkg' fail ('the
    query contains a null character'): the label names a column."""
    import sqlite3

    conn = sqlite3.connect(sample_path)
    conn.execute("UPDATE quantity_kinds SET label = ? WHERE rowid = (SELECT MIN(rowid) FROM quantity_kinds)",
                 ("\x00",))
    conn.execute("UPDATE themes SET name = ? WHERE rowid = (SELECT MIN(rowid) FROM themes)", ("Gr\x00oen\x07",))
    conn.commit()
    conn.close()
    result = run("export", "gpkg", sample_path, tmp_path / "plat.gpkg")
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(tmp_path / "plat.gpkg")
    try:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(ideeen)")]
    finally:
        conn.close()
    assert "kolom" in columns and not any("\x00" in c for c in columns)


@pytest.mark.parametrize("name", ["CON.pdf", "nul.csv", "a?b.pdf", "kaart:oost.png", "handout.pdf "])
def test_an_export_to_a_name_windows_takes_is_refused_in_dutch_and_writes_nothing(sample_path, tmp_path, capsys,
                                                                                   name):
    """Exports took names that are fine here but unusable on the Windows laptops the file
    travels to (the console device, forbidden characters, a trailing space); project
    files were already checked. Every output goes through one writer, which checks now."""
    kind = {".pdf": ["pdf"], ".csv": ["csv"], ".png": ["png"]}[Path(name.strip()).suffix]
    out = tmp_path / name
    assert main(["export", *kind, str(sample_path), str(out)]) == 2
    message = capsys.readouterr().err
    assert "kan geen bestandsnaam zijn" in message and "Traceback" not in message
    assert not any(p.name == name or p.name.startswith(".werkbank") for p in tmp_path.iterdir())
