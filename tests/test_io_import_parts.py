"""Real sketches with stray parts: a line of one position (a stray click), an empty or
NaN point, a ring of two positions. The good parts are imported and the repair is
reported; before, the whole sketch was skipped as "onleesbare coördinaten"."""

import json
import struct

import pytest
import shapefile
from shapely.geometry import Point

from workbench.io.import_features import import_file
from workbench.store import gpkg_blob

NAN = float("nan")
# Around Heerlen, in WGS84 (lon, lat).
A, B, C, D = [5.970, 50.910], [5.975, 50.912], [5.980, 50.915], [5.985, 50.911]
SQUARE = [[5.970, 50.910], [5.972, 50.910], [5.972, 50.912], [5.970, 50.912], [5.970, 50.910]]
SQUARE2 = [[5.980, 50.910], [5.982, 50.910], [5.982, 50.912], [5.980, 50.912], [5.980, 50.910]]


def import_geometry(project, tmp_path, geometry):
    """Import one GeoJSON feature; (the new ideas, the summary text)."""
    path = tmp_path / "schets.geojson"
    data = {"type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {"naam": "Schets"}, "geometry": geometry}]}
    path.write_text(json.dumps(data), encoding="utf-8")  # json writes NaN as NaN, as some tools do
    before = {i.uuid for i in project.interventions()}
    summary = import_file(project, path)
    return [i for i in project.interventions() if i.uuid not in before], "\n".join(summary.lines())


@pytest.mark.parametrize("geometry, kind, parts", [
    ({"type": "MultiLineString", "coordinates": [[A, B, C], [D], [B, D]]}, "MultiLineString", 2),
    ({"type": "MultiLineString", "coordinates": [[A, B, C], [D]]}, "MultiLineString", 1),
    ({"type": "MultiPoint", "coordinates": [A, [], B]}, "MultiPoint", 2),
    ({"type": "MultiPoint", "coordinates": [A, [NAN, NAN], B]}, "MultiPoint", 2),
    ({"type": "MultiPolygon", "coordinates": [[SQUARE], [[C, D]]]}, "MultiPolygon", 1),
    ({"type": "MultiPolygon", "coordinates": [[SQUARE], [SQUARE2, [C, D]]]}, "MultiPolygon", 2),
    ({"type": "Polygon", "coordinates": [SQUARE, [C, D]]}, "Polygon", 1),
])
def test_a_sketch_keeps_its_good_parts_and_the_repair_is_reported(project, tmp_path, geometry, kind, parts):
    ideas, report = import_geometry(project, tmp_path, geometry)
    assert len(ideas) == 1
    shape = ideas[0].geometry
    assert shape.is_valid and shape.geom_type in (kind, kind.replace("Multi", ""))
    assert len(getattr(shape, "geoms", [shape])) == parts
    if shape.geom_type.endswith("Polygon"):
        assert len(shape.geoms[-1].interiors if hasattr(shape, "geoms") else shape.interiors) == 0
    assert "Object 1 had onbruikbare delen" in report and "de rest is geïmporteerd" in report
    assert "overgeslagen" not in report


def test_a_geometry_collection_keeps_its_good_members(project, tmp_path):
    geometry = {"type": "GeometryCollection", "geometries": [
        {"type": "LineString", "coordinates": [A, B]}, {"type": "LineString", "coordinates": [C]},
        {"type": "Point", "coordinates": D}]}
    ideas, report = import_geometry(project, tmp_path, geometry)
    assert sorted(i.geometry.geom_type for i in ideas) == ["LineString", "Point"]
    assert "onbruikbare delen" in report


def test_a_sketch_with_no_good_part_is_still_refused(project, tmp_path):
    from workbench.errors import ValidationError

    with pytest.raises(ValidationError, match="onleesbare coördinaten; overgeslagen"):
        import_geometry(project, tmp_path, {"type": "MultiLineString", "coordinates": [[A], [B]]})


def _wkb_line(points) -> bytes:
    return struct.pack("<BII", 1, 2, len(points)) + b"".join(struct.pack("<dd", *p) for p in points)


def test_a_geopackage_multiline_with_a_one_position_line_keeps_its_lines(project, tmp_path):
    import numpy as np
    import pyogrio
    import shapely

    path = tmp_path / "schetsen.gpkg"
    pyogrio.raw.write(str(path), np.array([shapely.to_wkb(Point(195000, 325000))], dtype=object),
                      [np.array(["Schets"], dtype=object)], ["naam"], driver="GPKG", layer="schetsen",
                      crs="EPSG:28992", geometry_type="Unknown")
    header = gpkg_blob.encode(Point(195000, 325000))
    header = header[:gpkg_blob.header_length(header)]
    wkb = (struct.pack("<BII", 1, 5, 3) + _wkb_line([(195000, 325000), (195100, 325100)])
           + _wkb_line([(195200, 325200)]) + _wkb_line([(195300, 325300), (195400, 325200)]))
    from workbench.store.connection import connect  # the blob as a sketch tool left it

    conn = connect(path)
    conn.execute("UPDATE schetsen SET geom = ?", (header + wkb,))
    conn.close()
    before = len(project.interventions())
    summary = import_file(project, path)
    assert len(project.interventions()) == before + 1
    shape = project.interventions()[-1].geometry
    assert shape.geom_type == "MultiLineString" and len(shape.geoms) == 2
    assert "onbruikbare delen" in "\n".join(summary.lines())


def test_a_shapefile_polyline_with_a_one_position_part_keeps_its_lines(project, tmp_path):
    writer = shapefile.Writer(str(tmp_path / "schets"), shapeType=shapefile.POLYLINE)
    writer.field("naam", "C")
    writer.line([[(195000, 325000), (195100, 325100)], [(195200, 325200)], [(195300, 325300), (195400, 325200)]])
    writer.record("Schets")
    writer.close()
    before = len(project.interventions())
    summary = import_file(project, tmp_path / "schets.shp")
    assert len(project.interventions()) == before + 1
    shape = project.interventions()[-1].geometry
    assert shape.geom_type == "MultiLineString" and len(shape.geoms) == 2
    assert "onbruikbare delen" in "\n".join(summary.lines())
