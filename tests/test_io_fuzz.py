"""Whatever JSON a GeoJSON file holds, the import answers with a summary or a Dutch
refusal (WorkbenchError) and never with another exception; a refusal changes nothing."""

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from workbench.core.project import Project
from workbench.errors import WorkbenchError
from workbench.io.import_features import import_file

numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=False), st.integers(-10**12, 10**12),
                    st.floats(min_value=3.0, max_value=7.5), st.floats(min_value=50.0, max_value=54.0))
scalars = st.one_of(st.none(), st.booleans(), numbers, st.text(max_size=12))
coordinates = st.recursive(st.lists(numbers, min_size=0, max_size=4) | scalars,
                           lambda inner: st.lists(inner, max_size=5), max_leaves=40)
lon, lat = st.floats(min_value=5.9, max_value=6.0), st.floats(min_value=50.85, max_value=50.95)
position = st.one_of(st.tuples(lon, lat).map(list), st.lists(numbers, min_size=2, max_size=3))
plausible = st.one_of(position, st.lists(position, max_size=6), st.lists(st.lists(position, max_size=7), max_size=2),
                      st.lists(st.lists(st.lists(position, max_size=6), max_size=2), max_size=2))
coordinates = st.one_of(plausible, coordinates)
geometry_types = st.sampled_from(["Point", "LineString", "Polygon", "MultiPoint", "MultiLineString",
                                  "MultiPolygon", "GeometryCollection", "Feature", "Cirkel", ""])
ring = st.lists(position, min_size=3, max_size=6).map(lambda r: r + [r[0]])
matching = st.one_of(
    st.fixed_dictionaries({"type": st.just("Point"), "coordinates": position}),
    st.fixed_dictionaries({"type": st.just("LineString"), "coordinates": st.lists(position, max_size=6)}),
    st.fixed_dictionaries({"type": st.just("Polygon"), "coordinates": st.lists(ring, max_size=2)}),
    st.fixed_dictionaries({"type": st.just("MultiPolygon"), "coordinates": st.lists(st.lists(ring, max_size=2),
                                                                                     max_size=2)}))
geometries = st.one_of(st.none(), scalars, st.fixed_dictionaries(
    {"type": geometry_types}, optional={"coordinates": coordinates,
                                        "geometries": st.lists(st.fixed_dictionaries(
                                            {"type": geometry_types, "coordinates": coordinates}), max_size=3)}))
properties = st.one_of(st.none(), scalars, st.dictionaries(st.sampled_from(["naam", "thema", "stemmen", "status",
                                                                            "omschrijving", "x"]), scalars))


def mostly(usual, rare, share=0.8):
    """``usual`` in about ``share`` of the draws, ``rare`` otherwise (one_of does not weigh)."""
    return st.integers(0, 99).flatmap(lambda k: usual if k < share * 100 else rare)


feature = st.fixed_dictionaries({"type": st.just("Feature"), "geometry": mostly(matching, geometries, 0.6),
                                 "properties": properties})
features = st.lists(mostly(feature, scalars, 0.9), max_size=6)
crs_members = mostly(st.none(), st.one_of(st.just({"type": "name", "properties": {"name": "EPSG:28992"}}),
                                           st.just({"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}}),
                                           scalars))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(features=features, crs_member=crs_members)
def test_any_json_gets_a_summary_or_a_dutch_refusal(features, crs_member):
    data = {"type": "FeatureCollection", "features": features}
    if crs_member is not None:
        data["crs"] = crs_member
    project = Project()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.geojson"
        path.write_text(json.dumps(data), encoding="utf-8")
        try:
            summary = import_file(project, path, create_missing=True)
        except WorkbenchError as error:
            assert str(error)
            assert not project.all("intervention")
            event("refused")
            return
    event("imported" if summary.imported else "nothing")
    assert len(project.all("intervention")) == summary.imported
    assert all(item.geometry is None or item.geometry.is_valid for item in project.all("intervention"))


csv_text = st.text(alphabet=st.sampled_from(list('naam;wkt,lat,lon\n"POINT()LINESTRING 0123456789.,-\x00é')),
                   max_size=200)


@settings(max_examples=200, deadline=None)
@given(body=csv_text, header=st.sampled_from(["naam;wkt\n", "naam,lat,lon\n", "wkt\n", "naam;lat;lon\n", ""]))
def test_any_csv_gets_a_summary_or_a_dutch_refusal(body, header):
    project = Project()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.csv"
        path.write_text(header + body, encoding="utf-8")
        try:
            summary = import_file(project, path)
        except WorkbenchError as error:
            assert str(error) and not project.all("intervention")
            return
    assert len(project.all("intervention")) == summary.imported


# Damaged binary files: a real header (so the reader gets past its first check) and noise.
HEADERS = {".gpkg": b"SQLite format 3\x00", ".shp": bytes.fromhex("0000270a") + bytes(20),
           ".zip": b"PK\x03\x04", ".geojson": b'{"type": "FeatureCollection", "features": [',
           ".csv": b"naam;wkt\n"}


@settings(max_examples=200, deadline=None)
@given(suffix=st.sampled_from(sorted(HEADERS)), noise=st.binary(max_size=600))
def test_damaged_binary_files_get_a_summary_or_a_dutch_refusal(suffix, noise):
    project = Project()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"kapot{suffix}"
        path.write_bytes(HEADERS[suffix] + noise)
        try:
            import_file(project, path)
        except WorkbenchError as error:
            assert str(error) and not project.all("intervention")
