"""``workbench basemap list|use|remove`` and the bundled sources file."""

import os

import pytest

from tests.basemap_fixtures import add_test_basemap
from workbench.cli import main
from workbench.errors import ValidationError
from workbench.io.basemap_sources import available, resolve
from workbench.store import open_project
from workbench.store.project_file import check_project
from workbench.store.tiles import BaseMapDisplay, basemaps_of


def test_switching_and_removing_base_maps(sample_path, capsys):
    project = open_project(sample_path)
    add_test_basemap(project, "basemap_kaart", levels=(9, 10, 11, 12), title="Kaart")
    add_test_basemap(project, "basemap_luchtfoto", levels=(10,), title="Luchtfoto")
    project.close()
    size_with_both = os.path.getsize(sample_path)

    assert main(["basemap", "list", str(sample_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("* basemap_kaart\tKaart\tniveaus 9-12") and lines[1].startswith("  basemap_luchtfoto")

    assert main(["basemap", "use", str(sample_path), "luchtfoto", "--opacity", "0.5", "--faded", "nee"]) == 0
    assert main(["basemap", "use", str(sample_path), "onbekend"]) == 2
    assert "geen basiskaart 'onbekend'" in capsys.readouterr().err
    reopened = open_project(sample_path, read_only=True)
    assert basemaps_of(reopened).display() == BaseMapDisplay("basemap_luchtfoto", 0.5, False)
    reopened.close()

    assert main(["basemap", "remove", str(sample_path), "basemap_kaart"]) == 0
    assert main(["basemap", "use", str(sample_path), "geen"]) == 0
    capsys.readouterr()
    assert main(["basemap", "list", str(sample_path)]) == 0
    out = capsys.readouterr().out
    assert "basemap_kaart" not in out and out.startswith("  basemap_luchtfoto")
    assert os.path.getsize(sample_path) < size_with_both  # the space is given back
    assert check_project(sample_path) == []


def test_the_bundled_sources_are_complete():
    sources = available()
    assert {"brt-standaard", "brt-grijs", "brt-pastel", "brt-water", "bgt", "luchtfoto"} <= set(sources)
    for source in sources.values():
        assert source.tiling in ("rd", "webmercator") and source.attribution and source.licence
        assert all(key in source.url for key in ("{z}", "{x}", "{y}")) and source.url.startswith("https://")
        assert source.levels[0] <= source.default_levels[0] <= source.default_levels[1] <= source.levels[1]
    assert resolve("brt-grijs").tile_url(10, 530, 650) == (
        "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:28992/10/530/650.png")
    assert resolve("bgt").levels[0] == 12
    assert resolve("luchtfoto").table == "basemap_luchtfoto"


def test_a_typed_template_needs_its_placeholders(sample_path, capsys):
    assert main(["basemap", "fetch", str(sample_path), "--source", "https://tiles.example/{z}/{x}.png"]) == 2
    assert "{y}" in capsys.readouterr().err
    assert main(["basemap", "fetch", str(sample_path), "--source", "brt-onbekend"]) == 2
    assert "Onbekende bron" in capsys.readouterr().err
    assert main(["basemap", "fetch", str(sample_path), "--source", "bgt", "--levels", "8-13"]) == 2
    assert "niveaus 12 tot en met 16" in capsys.readouterr().err


def test_typed_templates_in_the_usual_spellings():
    from workbench.io.basemap_sources import from_template

    osm = from_template("https://{s}.tile.example.org/{z}/{x}/{y}.png", "webmercator")
    assert osm.tile_url(14, 8500, 5500).endswith(".tile.example.org/14/8500/5500.png")
    assert {osm.tile_url(14, col, 5500)[8] for col in (8500, 8501, 8502)} == {"a", "b", "c"}
    assert osm.title == "Eigen kaart (tile.example.org)" and osm.attribution == "Kaart: tile.example.org"
    assert from_template("https://k.example.org/{z}/{x}/{y}.png", attribution="© Provincie").title == "© Provincie"
    tms = from_template("https://tms.example.org/{z}/{x}/{-y}.jpg")
    assert tms.tile_url(3, 1, 0) == "https://tms.example.org/3/1/7.jpg" and tms.format == "jpeg"
    wmts = from_template("https://wmts.example.org/kaart/EPSG:28992/{TileMatrix}/{TileCol}/{TileRow}.png")
    assert wmts.tile_url(10, 530, 650) == "https://wmts.example.org/kaart/EPSG:28992/10/530/650.png"
    with pytest.raises(ValidationError, match="TileMatrixSet"):
        from_template("https://wmts.example.org/{TileMatrixSet}/{TileMatrix}/{TileCol}/{TileRow}.png")
