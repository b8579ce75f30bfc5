"""Exports: GeoJSON, CSV and flat GeoPackage; round trips and reading them with GDAL."""

import csv
import io
import json

import pyogrio
import pytest

from workbench.cli import main
from workbench.io.export_csv import export_csv
from workbench.io.export_geojson import export_geojson
from workbench.io.export_gpkg import export_gpkg
from workbench.io.import_features import import_file
from workbench.io.projects import new_project


def names(project, item):
    return sorted(project.get("theme", t).name for t in item.theme_uuids)


def test_geojson_round_trip_gives_the_same_interventions(project, tmp_path):
    out = tmp_path / "ideeen.geojson"
    assert export_geojson(project, out) == len(project.all("intervention"))
    fresh = new_project(tmp_path / "nieuw.gpkg", "Nieuw", project.info.theme_set)
    try:
        summary = import_file(fresh, out)
        assert not summary.skipped
        assert len(fresh.interventions()) == len(project.interventions())
        for old, new in zip(project.interventions(), fresh.interventions()):
            assert (new.title, new.description, new.status, new.horizon) == \
                   (old.title, old.description, old.status, old.horizon)
            assert names(fresh, new) == names(project, old)
            assert fresh.get("theme", new.primary_theme_uuid).name == project.get("theme", old.primary_theme_uuid).name
            assert new.quantities == old.quantities
            assert new.geometry.geom_type == old.geometry.geom_type
            assert new.geometry.hausdorff_distance(old.geometry) < 0.01  # within 1 cm after RD-WGS84-RD
    finally:
        fresh.close()


def test_geojson_is_rfc7946_with_readable_properties(project, tmp_path):
    out = tmp_path / "ideeen.geojson"
    export_geojson(project, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "crs" not in data
    first = data["features"][0]
    item = project.interventions()[0]
    props = first["properties"]
    assert props["number"] == item.number and props["title"] == item.title
    assert props["color"] == project.primary_color(item)
    assert props["votes"] == project.votes(item.uuid)
    lon, lat = first["geometry"]["coordinates"][0]
    assert 5.8 < lon < 6.1 and 50.8 < lat < 51.0
    assert len(repr(lon).split(".")[1]) <= 7


def test_gdal_reads_our_geojson(project, tmp_path):
    out = tmp_path / "ideeen.geojson"
    export_geojson(project, out)
    info = pyogrio.read_info(str(out))
    assert info["features"] == len(project.all("intervention"))
    assert info["crs"] == "EPSG:4326"
    assert {"title", "themes", "primary_theme", "votes", "area_m2"} <= set(info["fields"])


def test_csv_is_for_dutch_excel_and_gdal_makes_points_of_it(project, tmp_path):
    out = tmp_path / "ideeen.csv"
    export_csv(project, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == len(project.all("intervention"))
    polygon = next(i for i in project.interventions() if i.geometry.geom_type == "Polygon")
    row = next(r for r in rows if r["nummer"] == str(polygon.number))
    assert row["titel"] == polygon.title
    assert row["oppervlakte_m2"] == f"{round(polygon.geometry.area, 1):.1f}".rstrip("0").rstrip(".").replace(".", ",")
    assert row["wkt_rd"].startswith("POLYGON")
    info = pyogrio.read_info(str(out), X_POSSIBLE_NAMES="lon", Y_POSSIBLE_NAMES="lat")
    assert info["geometry_type"] == "Point" and info["features"] == len(rows)
    _meta, _fids, geometry, _fields = pyogrio.raw.read(str(out), X_POSSIBLE_NAMES="lon", Y_POSSIBLE_NAMES="lat")
    import shapely

    lon_lat = shapely.from_wkb(geometry[0])
    assert 5.8 < lon_lat.x < 6.1 and 50.8 < lon_lat.y < 51.0


def test_csv_formulas_are_not_run_by_excel(project, tmp_path):
    from workbench.core.commands import EditIntervention

    item = project.interventions()[0]
    project.execute(EditIntervention(item.uuid, title="=HYPERLINK(\"http://x\")"))
    out = tmp_path / "ideeen.csv"
    export_csv(project, out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0]["titel"] == "'=HYPERLINK(\"http://x\")"
    import_file(project, out)  # and our own import takes the guard off again
    assert project.interventions()[-len(rows)].title == "=HYPERLINK(\"http://x\")"


def test_csv_round_trip_through_our_own_import(project, tmp_path):
    out = tmp_path / "ideeen.csv"
    export_csv(project, out)
    fresh = new_project(tmp_path / "nieuw.gpkg", "Nieuw", project.info.theme_set)
    try:
        import_file(fresh, out)
        for old, new in zip(project.interventions(), fresh.interventions()):
            assert new.title == old.title and names(fresh, new) == names(project, old)
            assert new.geometry.equals_exact(old.geometry, 1e-6)
    finally:
        fresh.close()


def test_flat_geopackage_for_qgis(project, tmp_path):
    out = tmp_path / "qgis.gpkg"
    export_gpkg(project, out)
    layers = {name for name, _kind in pyogrio.list_layers(str(out))}
    assert {"ideeen", "gebied", "ref_wijken_heerlen_cbs_2023"} <= layers
    info = pyogrio.read_info(str(out), layer="ideeen")
    assert info["crs"] == "EPSG:28992" and info["features"] == len(project.all("intervention"))
    theme = project.themes()[0].name
    assert {"titel", "hoofdthema", "oppervlakte_m2", theme} <= set(info["fields"])
    _meta, _fids, _geometry, fields = pyogrio.raw.read(str(out), layer="ideeen", columns=["nummer", "Groen verbindt"])
    tagged = {i.number for i in project.interventions()
              if project.theme_by_name("Groen verbindt").uuid in i.theme_uuids}
    assert {int(n) for n, flag in zip(fields[0], fields[1]) if flag == 1} == tagged
    _meta, _fids, _geometry, styles = pyogrio.raw.read(str(out), layer="layer_styles", columns=["f_table_name", "styleQML"],
                                                       read_geometry=False)
    assert styles[0][0] == "ideeen" and "categorizedSymbol" in styles[1][0]


def test_flat_geopackage_imports_back(project, tmp_path):
    out = tmp_path / "qgis.gpkg"
    export_gpkg(project, out)
    before = len(project.all("intervention"))
    summary = import_file(project, out, layer="ideeen")
    assert summary.imported == before


def test_cli_export_each_format(sample_path, tmp_path, capsys):
    for kind in ("geojson", "csv", "gpkg"):
        out = tmp_path / f"uit.{kind}"
        assert main(["export", kind, str(sample_path), str(out)]) == 0
        assert out.exists()
    assert "ideeën geëxporteerd naar" in capsys.readouterr().out


def test_export_to_a_missing_folder_is_a_dutch_message(sample_path, tmp_path, capsys):
    code = main(["export", "geojson", str(sample_path), str(tmp_path / "nergens" / "uit.geojson")])
    assert code == 2 and "bestaat niet" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["geojson", "csv", "gpkg"])
def test_export_of_an_empty_project_is_valid(empty_project, tmp_path, kind):
    from workbench.io.cli_export import export

    out = tmp_path / f"leeg-export.{kind}"  # leeg.gpkg is the project itself
    assert export(empty_project, kind, out) == 0
    if kind != "csv":
        assert pyogrio.read_info(str(out), layer="ideeen" if kind == "gpkg" else None)["features"] == 0


def test_a_quantity_named_like_a_property_does_not_overwrite_it(project, tmp_path):
    from workbench.core.commands import EditIntervention
    from workbench.core.setup_commands import AddQuantityKind

    project.execute(AddQuantityKind("Title", "stuks", key="title"))
    item = project.interventions()[0]
    project.execute(EditIntervention(item.uuid, quantities={"title": 3}))
    out = tmp_path / "ideeen.geojson"
    export_geojson(project, out)
    props = json.loads(out.read_text(encoding="utf-8"))["features"][0]["properties"]
    assert props["title"] == item.title and props["quantity_title"] == 3


def test_a_reference_layer_called_like_the_area_still_imports_and_exports(project, tmp_path):
    source = tmp_path / "Gebied.geojson"
    source.write_text(json.dumps({"type": "Feature", "properties": {"naam": "Vlak"}, "geometry": {
        "type": "Polygon", "coordinates": [[[5.97, 50.91], [5.98, 50.91], [5.98, 50.92], [5.97, 50.91]]]}}))
    assert import_file(project, source, as_reference=True).layer_name == "Gebied (2)"
    out = tmp_path / "qgis.gpkg"
    export_gpkg(project, out)
    names = {name for name, _kind in pyogrio.list_layers(str(out))}
    assert {"gebied", "ref_gebied_2"} <= names


@pytest.mark.parametrize("kind", ["geojson", "csv", "gpkg"])
def test_export_below_a_file_instead_of_a_folder_is_a_dutch_message(project, tmp_path, kind):
    from workbench.errors import WorkbenchError
    from workbench.io.cli_export import export

    (tmp_path / "bestand").write_text("")
    with pytest.raises(WorkbenchError, match="De map .* bestaat niet"):
        export(project, kind, tmp_path / "bestand" / f"uit.{kind}")
