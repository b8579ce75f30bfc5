"""Importing GeoJSON, GeoPackage, shapefiles and CSV: mapping, themes, reference layers,
and files written by GDAL (pyogrio, tests only) in each format."""

import json

import pyogrio
import pytest
import shapely
from shapely.geometry import Point, Polygon

from workbench.cli import main
from workbench.errors import ValidationError
from workbench.geo import crs
from workbench.io import mapping
from workbench.io.import_features import import_file

HEERLEN_WGS84 = (5.970, 50.910)


def write_geojson(path, features, **extra):
    data = {"type": "FeatureCollection", "features": features, **extra}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def feature(props, coords=HEERLEN_WGS84):
    return {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": list(coords)}}


def gdal_frame(geometries, **columns):
    """A (pandas-free) table for pyogrio.write: geometry WKB plus field arrays."""
    import numpy as np

    return (np.array([shapely.to_wkb(g) for g in geometries], dtype=object),
            [np.array(values, dtype=object) for values in columns.values()], list(columns))


def gdal_write(path, geometries, epsg, driver, **columns):
    geometry, field_data, fields = gdal_frame(geometries, **columns)
    pyogrio.raw.write(str(path), geometry, field_data, fields, driver=driver, crs=f"EPSG:{epsg}",
                      geometry_type="Unknown" if driver != "ESRI Shapefile" else geometries[0].geom_type)


def test_common_property_names_are_guessed():
    guessed = mapping.guess(["NAAM", "Omschrijving", "Thema's", "aantal_stemmen", "Bijeenkomst"])
    assert guessed["title"] == "NAAM"
    assert guessed["description"] == "Omschrijving"
    assert guessed["theme"] == "Thema's"
    assert guessed["votes"] == "aantal_stemmen"
    assert guessed["session"] == "Bijeenkomst"


def test_the_user_mapping_overrides_the_guess(project, tmp_path):
    path = write_geojson(tmp_path / "a.geojson", [feature({"naam": "Fout", "kop": "Goed", "tekst": "Uitleg"})])
    import_file(project, path, map_items=["title=kop", "description=tekst"])
    item = project.interventions()[-1]
    assert (item.title, item.description) == ("Goed", "Uitleg")


def test_a_mapping_to_a_missing_field_is_refused_with_the_fields_listed(project, tmp_path):
    path = write_geojson(tmp_path / "a.geojson", [feature({"naam": "x"})])
    with pytest.raises(ValidationError, match="'kop' staat niet in het bestand. Velden: naam"):
        import_file(project, path, map_items=["title=kop"])
    with pytest.raises(ValidationError, match="Ongeldige koppeling"):
        import_file(project, path, map_items=["kleur=naam"])


def test_themes_match_ignoring_case_and_accents_and_are_created_only_when_asked(project, tmp_path):
    path = write_geojson(tmp_path / "a.geojson", [
        feature({"naam": "Boom", "thema": "GROEN VERBINDT; Ëxtra thema"})])
    summary = import_file(project, path)
    groen = project.theme_by_name("Groen verbindt")
    assert project.interventions()[-1].theme_uuids == (groen.uuid,)
    assert project.theme_by_name("Ëxtra thema") is None
    assert any("Ëxtra thema" in line for line in summary.lines())
    summary = import_file(project, path, create_missing=True)
    extra = project.theme_by_name("Ëxtra thema")
    assert extra is not None and summary.created_themes == ["Ëxtra thema"]
    assert project.interventions()[-1].theme_uuids == (groen.uuid, extra.uuid)


def test_sessions_votes_status_and_quantities_come_along(project, tmp_path):
    session = project.sessions()[0]
    path = write_geojson(tmp_path / "a.geojson", [feature({
        "titel": "Bankjes", "bijeenkomst": session.title.upper(), "stemmen": 7, "status": "Voorstel",
        "horizon": "2030", "homes": "12", "Bomen": "3,5"})])
    import_file(project, path)
    item = project.interventions()[-1]
    assert item.created_session_uuid == session.uuid
    assert project.votes(item.uuid, session.uuid) == 7
    assert (item.status, item.horizon) == ("voorstel", "2030")
    assert dict(item.quantities) == {"homes": 12.0, "trees": 3.5}


def test_import_is_one_undo_step_that_undoes_everything(project, tmp_path):
    path = write_geojson(tmp_path / "a.geojson", [feature({"naam": f"Idee {i}", "thema": "Nieuw"}) for i in range(5)])
    before = len(project.all("intervention")), len(project.all("theme"))
    import_file(project, path, create_missing=True)
    assert len(project.all("intervention")) == before[0] + 5
    project.undo_stack.undo()
    assert (len(project.all("intervention")), len(project.all("theme"))) == before


def test_import_as_reference_layer(project, tmp_path):
    polygon = {"type": "Polygon", "coordinates": [[[5.97, 50.91], [5.98, 50.91], [5.98, 50.92], [5.97, 50.91]]]}
    path = write_geojson(tmp_path / "buurten.geojson", [
        {"type": "Feature", "properties": {"naam": "Buurt A", "code": 12}, "geometry": polygon}])
    summary = import_file(project, path, as_reference=True)
    layer = next(r for r in project.reference_layers() if r.name == "buurten")
    assert summary.layer_name == "buurten"
    assert layer.features[0].label == "Buurt A"
    assert dict(layer.features[0].properties)["code"] == "12"
    assert import_file(project, path, as_reference=True).layer_name == "buurten (2)"


def test_geopackage_written_by_gdal_in_rd_imports(project, tmp_path):
    path = tmp_path / "qgis.gpkg"
    shapes = [Point(195000, 325800), Polygon([(195000, 325000), (195100, 325000), (195100, 325100)])]
    gdal_write(path, shapes, 28992, "GPKG", naam=["Punt uit QGIS", "Vlak uit QGIS"], thema=["Groen verbindt", None])
    summary = import_file(project, path)
    items = project.interventions()[-2:]
    assert summary.imported == 2
    assert [i.title for i in items] == ["Punt uit QGIS", "Vlak uit QGIS"]
    assert items[0].geometry.equals_exact(shapes[0], 1e-6)
    assert items[0].theme_uuids == (project.theme_by_name("Groen verbindt").uuid,)


def test_geopackage_in_wgs84_is_transformed_and_layers_are_chosen_by_name(project, tmp_path):
    path = tmp_path / "twee.gpkg"
    gdal_write(path, [Point(*HEERLEN_WGS84)], 4326, "GPKG", name=["In WGS84"])
    pyogrio.raw.write(str(path), *gdal_frame([Point(0, 0)], name=["Ander"]), driver="GPKG", layer="tweede",
                      crs="EPSG:4326", geometry_type="Point", append=False)
    with pytest.raises(ValidationError, match="meerdere lagen"):
        import_file(project, path)
    import_file(project, path, layer="twee")
    point = project.interventions()[-1].geometry
    expected = crs.from_wgs84(Point(*HEERLEN_WGS84))
    assert point.distance(expected) < 0.01


def test_our_own_project_file_imports_its_interventions(project, caumerbeekdal_path):
    before = len(project.all("intervention"))
    summary = import_file(project, caumerbeekdal_path)
    assert summary.imported > 0
    assert len(project.all("intervention")) == before + summary.imported


def test_shapefile_written_by_gdal_imports_from_shp_and_from_zip(project, tmp_path):
    import zipfile

    path = tmp_path / "ideeen.shp"
    gdal_write(path, [Point(195000, 325800), Point(195050, 325850)], 28992, "ESRI Shapefile",
               NAAM=["Eerste", "Café tweede"], STEMMEN=[3, 4])
    import_file(project, path)
    assert [i.title for i in project.interventions()[-2:]] == ["Eerste", "Café tweede"]
    archive = tmp_path / "ideeen.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for sidecar in tmp_path.glob("ideeen.*"):
            if sidecar.suffix != ".zip":
                zipped.write(sidecar, sidecar.name)
    summary = import_file(project, archive)
    assert summary.imported == 2
    assert project.interventions()[-1].geometry.equals_exact(Point(195050, 325850), 1e-6)


def test_shapefile_with_an_unknown_projection_is_refused(project, tmp_path):
    path = tmp_path / "vreemd.shp"
    gdal_write(path, [Point(195000, 325800)], 28992, "ESRI Shapefile", NAAM=["x"])
    path.with_suffix(".prj").write_text("PROJCS[onzin]")
    with pytest.raises(ValidationError, match="Onbekend coördinatenstelsel in vreemd.prj"):
        import_file(project, path)


def test_geojson_and_csv_written_by_gdal_import(project, tmp_path):
    geojson = tmp_path / "gdal.geojson"
    gdal_write(geojson, [Point(*HEERLEN_WGS84)], 4326, "GeoJSON", name=["Uit GDAL"])
    import_file(project, geojson)
    assert project.interventions()[-1].title == "Uit GDAL"
    csv_path = tmp_path / "gdal.csv"
    geometry, field_data, fields = gdal_frame([Point(195000, 325800)], naam=["CSV uit GDAL"])
    pyogrio.raw.write(str(csv_path), geometry, field_data, fields, driver="CSV", geometry_type="Point",
                      crs="EPSG:28992", layer_options={"GEOMETRY": "AS_WKT"})
    import_file(project, csv_path)
    item = project.interventions()[-1]
    assert item.title == "CSV uit GDAL" and item.geometry.equals_exact(Point(195000, 325800), 1e-6)


def test_cli_import_with_mapping_and_created_themes(sample_path, tmp_path, capsys):
    path = write_geojson(tmp_path / "a.geojson", [feature({"kop": "Via CLI", "cat": "Splinternieuw"})])
    code = main(["import", str(sample_path), str(path), "--map", "title=kop", "--map", "theme=cat",
                 "--create-themes"])
    out = capsys.readouterr().out
    assert code == 0
    assert "1 van 1 objecten uit a.geojson geïmporteerd als ideeën." in out
    assert "Nieuwe thema's: Splinternieuw." in out


def test_shapefile_in_wgs84_is_recognised_from_its_prj(project, tmp_path):
    path = tmp_path / "wgs.shp"
    gdal_write(path, [Point(*HEERLEN_WGS84)], 4326, "ESRI Shapefile", NAAM=["Uit een shapefile"])
    import_file(project, path)
    assert project.interventions()[-1].geometry.distance(crs.from_wgs84(Point(*HEERLEN_WGS84))) < 0.01


def test_a_geopackage_layer_as_reference_layer_keeps_multipolygons(project, tmp_path):
    from shapely.geometry import MultiPolygon

    path = tmp_path / "buurten.gpkg"
    shape = MultiPolygon([Polygon([(195000, 325000), (195100, 325000), (195100, 325100)]),
                          Polygon([(195200, 325000), (195300, 325000), (195300, 325100)])])
    gdal_write(path, [shape], 28992, "GPKG", buurtnaam=["Twee delen"])
    summary = import_file(project, path, as_reference=True, map_items=["title=buurtnaam"])
    layer = next(r for r in project.reference_layers() if r.name == summary.layer_name)
    assert layer.features[0].label == "Twee delen"
    assert layer.features[0].geometry.geom_type == "MultiPolygon"


def test_bulk_geojson_parsing_gives_the_same_shapes_as_shapely(tmp_path):
    from shapely.geometry import shape

    from workbench.io import geojson

    values = [
        {"type": "Point", "coordinates": [5.97, 50.91, 12.0]},
        {"type": "LineString", "coordinates": [[5.97, 50.91], [5.98, 50.92], [5.99, 50.9]]},
        {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
                                            [[2, 2], [4, 2], [4, 4], [2, 2]]]},
        {"type": "Point", "coordinates": ["5.97", "50.91"]},     # strings: the careful path decides
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1]]]},  # not closed: careful path
    ]
    data = {"type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {}, "geometry": v} for v in values]}
    geometries, _props, problems = geojson.features(data)
    for value, geometry in zip(values[:3], geometries[:3]):
        assert geometry.equals_exact(shapely.force_2d(shape(value)), 0)
    assert geometries[2].interiors[0].coords[1] == (4, 2)
    assert (geometries[3] is None) == (3 in problems)
    assert geometries[4].geom_type == "Polygon" and geometries[4].exterior.is_closed


def test_a_geopackage_in_web_mercator_is_transformed_from_its_srs(project, tmp_path):
    from workbench.io.readers import is_importable

    mercator = crs.transformer(4326, 3857).transform(*HEERLEN_WGS84)
    path = tmp_path / "webkaart.gpkg"
    gdal_write(path, [Point(*mercator)], 3857, "GPKG", name=["Uit een webkaart"])
    assert is_importable(path) and not is_importable(tmp_path / "kaart.kml")
    import_file(project, path)
    assert project.interventions()[-1].geometry.distance(crs.from_wgs84(Point(*HEERLEN_WGS84))) < 0.05


def test_a_shapefile_without_dbf_imports_its_shapes_and_says_so(project, tmp_path):
    path = tmp_path / "los.shp"
    gdal_write(path, [Point(195000, 325800)], 28992, "ESRI Shapefile", NAAM=["x"])
    path.with_suffix(".dbf").unlink()
    summary = import_file(project, path)
    assert summary.imported == 1
    assert "het .dbf-bestand ontbreekt" in "\n".join(summary.lines())
    assert project.interventions()[-1].title == "Object 1"


def test_vote_counts_are_read_as_counts_and_the_rest_reported(project, tmp_path):
    session = project.sessions()[0]
    values = [5, -1, 1_000_001, True, "3", 2.0, 2.5, 0, None]
    path = write_geojson(tmp_path / "a.geojson", [feature({"titel": f"V{i}", "bijeenkomst": session.title,
                                                           "stemmen": value}) for i, value in enumerate(values)])
    summary = import_file(project, path)
    counts = {i.title: project.votes(i.uuid, session.uuid) for i in project.interventions()}
    assert [counts[f"V{i}"] for i in range(len(values))] == [5, 0, 0, 0, 3, 2, 0, 0, 0]
    assert "4 waarden van 'stemmen' waren onbruikbaar en zijn weggelaten." in "\n".join(summary.lines())
