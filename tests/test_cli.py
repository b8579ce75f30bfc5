"""The ``workbench`` command line, as planners and scripts use it."""

import json
import subprocess
import sys

import pytest

from workbench.store import open_project
from workbench.store.merge_source import project_uuid


def run(*args, check=True):
    result = subprocess.run([sys.executable, "-m", "workbench", *map(str, args)],
                            capture_output=True, text=True, timeout=60)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_version():
    assert run("--version").stdout.startswith("workbench ")


def test_sample_list_and_build(tmp_path):
    listing = run("sample", "--list").stdout
    assert "heerlerheide" in listing and "caumerbeekdal" in listing
    run("sample", "caumerbeekdal", tmp_path / "c.gpkg")
    info = json.loads(run("info", tmp_path / "c.gpkg", "--json").stdout)
    assert info["name"].startswith("Caumerbeekdal") and info["interventions"] >= 10
    assert info["reference_layers"] == 1 and info["area_ha"] > 100


def test_new_then_add_then_info(tmp_path):
    path = tmp_path / "nieuw.gpkg"
    run("new", path, "--name", "Promenade", "--theme-set", "kernthemas")
    uuid = run("add", path, "--title", "Bankjes", "--wkt", "POINT (196500 321800)",
               "--theme", "nieuwe verbindingen", "--description", "Meer plekken om te zitten").stdout.strip()
    project = open_project(path, read_only=True)
    item = project.get("intervention", uuid)
    assert item.title == "Bankjes" and item.number == 1
    assert project.get("theme", item.primary_theme_uuid).name == "Nieuwe verbindingen"
    project.close()
    info = json.loads(run("info", path, "--json").stdout)
    project = open_project(path, read_only=True)
    expected_uuid = project_uuid(project.repository)
    project.close()
    assert info.pop("project_uuid") == expected_uuid and len(expected_uuid) == 36
    assert info == {"name": "Promenade", "municipality": "Heerlen", "theme_set": "kernthemas",
                    "schema_version": info["schema_version"], "interventions": 1, "themes": 6, "goals": 0,
                    "sessions": 0, "votes": 0, "quotes": 0, "reference_layers": 1, "area_ha": None}


def test_new_with_area_from_geojson_in_wgs84(tmp_path):
    area = tmp_path / "gebied.geojson"
    area.write_text(json.dumps({"type": "Polygon", "coordinates": [[
        [5.97, 50.89], [5.99, 50.89], [5.99, 50.90], [5.97, 50.90], [5.97, 50.89]]]}))
    run("new", tmp_path / "p.gpkg", "--name", "Centrum", "--theme-set", "leeg", "--area", area)
    info = json.loads(run("info", tmp_path / "p.gpkg", "--json").stdout)
    assert 120 < info["area_ha"] < 180  # ~1.4 km x 1.1 km
    assert info["themes"] == 0 and info["reference_layers"] == 0


def test_info_text_is_dutch(sample_path):
    out = run("info", sample_path).stdout
    assert "Ideeën: 22" in out and "Gebied: 412,2 ha" in out


def test_check_sound_and_broken(sample_path, tmp_path):
    assert run("check", sample_path).returncode == 0
    bad = tmp_path / "kapot.gpkg"
    bad.write_text("geen database")
    result = run("check", bad, check=False)
    assert result.returncode == 1 and "geen GeoPackage" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["info"], "ontbrekende argumenten"),
    (["info", "/nergens/project.gpkg"], "bestaat niet"),
    (["new", "{tmp}/x.gpkg"], "ontbrekende argumenten"),
    (["new", "{tmp}/x.gpkg", "--name", "X", "--theme-set", "onbekend"], "ongeldige keuze"),
    (["new", "{tmp}/map/die/er/niet/is.gpkg", "--name", "X"], "bestaat niet"),
    (["new", "{sample}", "--name", "X"], "bestaat al"),
    (["add", "{sample}", "--title", "X", "--wkt", "POINT (1"], "Ongeldige WKT"),
    (["add", "{sample}", "--title", "X", "--wkt", "POINT (195000 325000)", "--theme", "Onbekend"], "Onbekend thema"),
    (["add", "{sample}", "--title", "X", "--wkt",
      "POLYGON ((195000 325000, 195002 325002, 195002 325000, 195000 325002, 195000 325000))"], "snijdt"),
    (["add", "{sample}", "--title", "", "--wkt", "POINT (195000 325000)"], "titel"),
    (["add", "{sample}", "--title", "X", "--wkt", "POINT (1 1)"], "ver buiten Nederland"),
    (["sample", "bestaatniet", "{tmp}/s.gpkg"], "Onbekend voorbeeldproject"),
    (["frobnicate", "--x"], "Onbekende opdracht"),
    (["{tmp}/weg.gpkg"], "bestaat niet"),
])
def test_bad_arguments_give_one_dutch_line_and_exit_2(sample_path, tmp_path, args, message):
    args = [a.format(tmp=tmp_path, sample=sample_path) for a in args]
    result = run(*args, check=False)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_refused_add_leaves_the_project_unchanged(sample_path):
    before = json.loads(run("info", sample_path, "--json").stdout)
    run("add", sample_path, "--title", "X", "--wkt", "LINESTRING (1 1)", check=False)
    assert json.loads(run("info", sample_path, "--json").stdout) == before
