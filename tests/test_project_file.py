"""The project file: a valid GeoPackage that round-trips every entity and that GDAL reads."""

import sqlite3

import pyogrio
import pytest
import sqlite_utils
from shapely import wkb as shapely_wkb
from shapely.geometry import LineString, MultiPolygon, Point, Polygon

from tests.helpers import reopened_snapshot, snapshot
from workbench.core.commands import AddIntervention, AddQuote, SetVotes
from workbench.core.model import ReferenceFeature, ReferenceLayer, new_uuid
from workbench.core.setup_commands import AddQuantityKind, AddReferenceLayer, AddSession, EditInfo, SetArea
from workbench.core.theme_commands import AddGoal, AddTheme
from workbench.store import gpkg_blob, open_project
from workbench.store.schema import APPLICATION_ID


def fill_every_kind(project):
    """One of every entity kind, with non-default values everywhere."""
    theme = project.execute(AddTheme("Speelruimte", "#ff8800", "Plekken om te spelen")).uuid
    child = project.execute(AddTheme("Trapvelden", "#884400", parent_uuid=theme)).uuid
    project.execute(AddQuantityKind("Parkeerplaatsen", "plaatsen"))
    goal = project.execute(AddGoal("Meer spelen", theme_uuid=theme, indicator="Speelplekken",
                                   unit="stuks", target=12.5, quantity_key="trees")).uuid
    session = project.execute(AddSession("Avond in De Stack", date="2026-03-05", place="Buurthuis",
                                         facilitator="Anna", participants=17)).uuid
    project.set_current_session(session)
    project.execute(SetArea(MultiPolygon([Polygon([(0, 0), (900, 0), (900, 900), (0, 900)]),
                                          Polygon([(1000, 0), (1100, 0), (1100, 100)])]), "Testgebied"))
    items = []
    for title, geometry in [("Bankje", Point(10, 20)), ("Pad", LineString([(0, 0), (50, 80), (90, 10)])),
                            ("Veld", Polygon([(100, 100), (200, 100), (200, 180), (100, 100)]))]:
        items.append(project.execute(AddIntervention(
            title, geometry, [child, theme], primary_theme_uuid=theme, description="Regel 1\nRegel 2 – ëéïöü €",
            status="voorstel", horizon="2040", goal_uuids=[goal], quantities={"trees": 3, "homes": 12.5},
            actor="Woonstichting", notes="Bellen")).uuid)
    project.execute(SetVotes(items[0], 7))
    project.execute(AddQuote("Hier is het 's avonds donker.", "Bewoner uit Heerlerheide", items[1]))
    layer = ReferenceLayer(new_uuid(), "Buurten", "Bron: test", (
        ReferenceFeature(new_uuid(), "Noord", Polygon([(0, 0), (10, 0), (10, 10)]), (("code", "BU01"),)),))
    project.execute(AddReferenceLayer(layer))
    project.execute(EditInfo(next_steps="We komen terug in mei.", contact="info@heerlen.nl"))
    return items


def test_every_entity_round_trips_through_the_file(empty_project):
    fill_every_kind(empty_project)
    before = snapshot(empty_project)
    empty_project.close()
    assert reopened_snapshot(empty_project.path) == before


def test_file_is_a_geopackage_with_the_required_tables(sample_path):
    conn = sqlite3.connect(sample_path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] in (10300, 10400)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    srs = {row[0] for row in conn.execute("SELECT srs_id FROM gpkg_spatial_ref_sys")}
    assert {-1, 0, 4326, 28992} <= srs
    features = dict(conn.execute("SELECT table_name, srs_id FROM gpkg_contents WHERE data_type='features'"))
    assert features["interventions"] == 28992 and features["area"] == 28992
    attributes = {row[0] for row in conn.execute("SELECT table_name FROM gpkg_contents WHERE data_type='attributes'")}
    assert {"themes", "goals", "sessions", "votes", "quotes", "tombstones"} <= attributes
    # Attribute tables need an INTEGER PRIMARY KEY and every domain row a UUID.
    db = sqlite_utils.Database(conn)
    for table in attributes:
        assert db[table].pks in (["id"],), table
        if "uuid" in db[table].columns_dict:
            assert db.execute(f"SELECT COUNT(*) FROM {table} WHERE uuid IS NULL").fetchone()[0] == 0


def test_gdal_lists_feature_tables_in_rd_and_reads_equal_geometries(sample_path):
    layers = {name: kind for name, kind in pyogrio.list_layers(sample_path)}
    for table in ("interventions", "area"):
        assert table in layers
        assert pyogrio.read_info(sample_path, layer=table)["crs"] == "EPSG:28992"
    ref_tables = [name for name in layers if name.startswith("ref_")]
    assert len(ref_tables) == 1
    assert pyogrio.read_info(sample_path, layer=ref_tables[0])["features"] == 23

    project = open_project(sample_path, read_only=True)
    ours = {i.uuid: i.geometry for i in project.interventions()}
    project.close()
    meta, _index, geometries, field_data = pyogrio.raw.read(sample_path, layer="interventions")
    uuids = field_data[list(meta["fields"]).index("uuid")]
    assert len(uuids) == len(ours) == 22
    for uuid, blob in zip(uuids, geometries):
        assert shapely_wkb.loads(bytes(blob)).equals_exact(ours[uuid], 1e-9)


@pytest.mark.parametrize("geometry", [
    Point(195000.123, 325000.456), LineString([(0, 0), (1, 1), (2, 0)]),
    Polygon([(0, 0), (4, 0), (4, 4), (0, 4)], [[(1, 1), (2, 1), (2, 2)]]),
    MultiPolygon([Polygon([(0, 0), (1, 0), (1, 1)]), Polygon([(5, 5), (6, 5), (6, 6)])]),
])
def test_blob_round_trip_and_envelope(geometry):
    blob = gpkg_blob.encode(geometry)
    assert blob[:2] == b"GP" and gpkg_blob.srs_id(blob) == 28992
    assert gpkg_blob.decode(blob).equals_exact(geometry, 0)
    assert gpkg_blob.envelope(blob) == pytest.approx(geometry.bounds)


def test_blob_reader_accepts_big_endian_and_other_envelopes():
    import struct

    point = Point(3, 4)
    big_endian = b"GP\x00\x00" + struct.pack(">i", 28992) + point.wkb  # no envelope, BE header
    assert gpkg_blob.decode(big_endian).equals(point)
    xyz_envelope = b"GP\x00\x05" + struct.pack("<i6d", 28992, 3, 3, 4, 4, 0, 0) + point.wkb
    assert gpkg_blob.decode(xyz_envelope).equals(point)
    with pytest.raises(gpkg_blob.BlobError):
        gpkg_blob.decode(b"XX\x00\x01" + b"\x00" * 8)


def test_every_commit_is_in_the_file_before_the_command_returns(project):
    item = project.execute(AddIntervention("Nieuw bankje", Point(195000, 325000))).uuid
    # A second, independent connection sees it at once: nothing waits for a "save".
    conn = sqlite3.connect(f"file:{project.path}?mode=ro", uri=True)
    assert conn.execute("SELECT title FROM interventions WHERE uuid = ?", (item,)).fetchone() == ("Nieuw bankje",)
    conn.close()


def test_a_reference_layer_may_share_its_name_with_our_own_tables(empty_project):
    for name in ("Gebied", "Ideeën", "Thema's"):  # the identifiers of area, interventions, themes
        empty_project.execute(AddReferenceLayer(ReferenceLayer(new_uuid(), name, "", (
            ReferenceFeature(new_uuid(), "A", Point(1, 1)),))))
    layers = {name for name, _kind in pyogrio.list_layers(empty_project.path)}
    assert len([name for name in layers if name.startswith("ref_")]) == 3
    empty_project.close()
    assert len(open_project(empty_project.path, read_only=True).reference_layers()) == 3
