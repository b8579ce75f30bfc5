"""File names are plain paths, never URIs: '%', '?', '#', spaces and non-ASCII name
exactly the file the user chose (issue 13, part 4)."""

from pathlib import PureWindowsPath

import pytest

from workbench.cli import main
from workbench.io.projects import new_project
from workbench.store import open_project
from workbench.store.connection import read_only_uri

# ('?' is refused as a file name, since Windows forbids it: tests/test_windows_names.py)
NAMES = ["Gebiedsvisie%20Heerlen.gpkg", "c%43.gpkg", "%2F..%2Fbuiten.gpkg", "hekje#1.gpkg",
         "met spatie.gpkg", "Ĳsselmonde Zuid-Oost ‘25’.gpkg", "100%.gpkg"]


def _decoy(path, name):
    """A different project at the name a URI parser would make of ``path``."""
    new_project(path, name, "leeg").close()


@pytest.mark.parametrize("name", NAMES)
def test_info_export_and_read_only_open_use_exactly_the_named_file(tmp_path, capsys, name):
    (tmp_path / "sub").mkdir()
    _decoy(tmp_path / "Gebiedsvisie Heerlen.gpkg", "Lokvogel")
    _decoy(tmp_path / "cC.gpkg", "Lokvogel")
    path = tmp_path / "sub" / name
    main(["new", str(path), "--name", "Echt", "--theme-set", "leeg"])
    assert path.is_file() and sorted(p.name for p in (tmp_path / "sub").iterdir()) == [name]

    assert main(["info", str(path), "--json"]) == 0
    assert '"name": "Echt"' in capsys.readouterr().out
    project = open_project(path, read_only=True)
    assert project.info.name == "Echt"
    project.close()
    assert main(["check", str(path)]) == 0
    out = tmp_path / "uit.geojson"
    assert main(["export", "geojson", str(path), str(out)]) == 0


def test_a_merge_source_with_percent_in_its_name_is_that_file(tmp_path, empty_project):
    from workbench.io.merge import merge_files
    from shapely.geometry import Point
    from workbench.core.commands import AddIntervention

    _decoy(tmp_path / "a b.gpkg", "Lokvogel")
    source = new_project(tmp_path / "a%20b.gpkg", "Bron", "leeg")
    source.execute(AddIntervention("Uit de echte bron", Point(195000, 325000)))
    source.close()
    merge_files(empty_project, [tmp_path / "a%20b.gpkg"], other_project=True)
    assert [i.title for i in empty_project.interventions()] == ["Uit de echte bron"]


def test_importing_a_geopackage_with_percent_in_its_name_reads_that_file(tmp_path, empty_project):
    from shapely.geometry import Point
    from workbench.core.commands import AddIntervention
    from workbench.io.import_features import import_file

    _decoy(tmp_path / "a b.gpkg", "Lokvogel")
    source = new_project(tmp_path / "a%20b.gpkg", "Bron", "leeg")
    source.execute(AddIntervention("Uit de echte bron", Point(195000, 325000)))
    source.close()
    import_file(empty_project, tmp_path / "a%20b.gpkg", layer="interventions")
    assert [i.title for i in empty_project.interventions()] == ["Uit de echte bron"]


@pytest.mark.parametrize("path, uri", [
    (PureWindowsPath(r"C:\Users\Anna de Vries\OneDrive - Gemeente\Gebiedsvisie%20Heerlen.gpkg"),
     "file:///C:/Users/Anna%20de%20Vries/OneDrive%20-%20Gemeente/Gebiedsvisie%2520Heerlen.gpkg?mode=ro"),
    (PureWindowsPath(r"\\fileserver\projecten\vraag?#1.gpkg"),
     "file:////fileserver/projecten/vraag%3F%231.gpkg?mode=ro"),
])
def test_windows_paths_become_uris_sqlite_reads_as_that_path(path, uri):
    assert read_only_uri(path) == uri


def test_a_relative_name_with_percent_is_that_file_in_the_current_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "Gebiedsvisie%20Heerlen.gpkg", "--name", "Relatief", "--theme-set", "leeg"]) == 0
    assert main(["info", "Gebiedsvisie%20Heerlen.gpkg", "--json"]) == 0
    assert '"name": "Relatief"' in capsys.readouterr().out
