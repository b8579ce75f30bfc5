"""A corpus of malformed and unusual inputs: each gets a clear Dutch message or a
reported repair; never a traceback, never a partial import."""

import json
import math
from pathlib import Path

import pytest

from tests.helpers import snapshot
from workbench.cli import main
from workbench.errors import WorkbenchError
from workbench.io.import_features import import_file

CORPUS = Path(__file__).parent / "corpus"

# file -> the Dutch words the refusal must contain
REFUSED = {
    "truncated.geojson": "geen geldige JSON",
    "not_json.geojson": "geen geldige JSON",
    "json_array.geojson": "geen GeoJSON",
    "unknown_type.geojson": "onbekend type 'Kaart'",
    "features_not_a_list.geojson": "'features' geen lijst",
    "empty_collection.geojson": "geen bruikbare objecten",
    "unknown_crs.geojson": "Onbekend coördinatenstelsel 'urn:ogc:def:crs:EPSG::3857'",
    "latin1.geojson": "geen UTF-8",
    "deep_nesting.geojson": "te diep genest",
    "outside_netherlands.geojson": "ver buiten Nederland",
    "not_a_geopackage.gpkg": "geen GeoPackage",
    "truncated_sqlite.gpkg": "beschadigd of geen GeoPackage",
    "not_a_zip.zip": "geen leesbaar zip-bestand",
    "zip_without_shapefile.zip": "geen shapefile",
    "csv_without_location.csv": "geen kolom met WKT of met lat en lon",
    "unsupported.kml": "kan niet worden geïmporteerd",
}

# file -> (ideas imported, a Dutch fragment the summary must report, or "")
IMPORTED = {
    # no geometry: an idea without a place (docs/toets.md), as an exported one comes back
    "null_geometry.geojson": (2, "1 objecten hebben geen geometrie; ze zijn ideeën zonder plek"),
    "all_null_geometries.geojson": (2, "2 objecten hebben geen geometrie; ze zijn ideeën zonder plek"),
    "self_intersection.geojson": (1, "ongeldige vorm (bijvoorbeeld een zelfdoorsnijding) en is hersteld"),
    "huge_coordinates.geojson": (1, "Object 1 ligt ver buiten Nederland; overgeslagen"),
    "hole_beyond_the_pole.geojson": (1, "Object 1 ligt ver buiten Nederland; overgeslagen"),  # found by fuzzing
    "latitude_longitude_swapped.geojson": (1, "breedte en lengte omgewisseld; ze zijn teruggezet"),
    "wrong_coordinate_types.geojson": (1, "Object 1 heeft onleesbare coördinaten; overgeslagen"),
    "features_of_wrong_type.geojson": (1, "Object 2 is geen GeoJSON-Feature; overgeslagen"),
    "geometry_collection.geojson": (2, "verzameling van 2 vormen en is gesplitst"),
    "empty_geometry.geojson": (1, "Object 1 heeft een lege geometrie; overgeslagen"),
    "nan_coordinates.geojson": (1, "coördinaten die geen getal zijn; overgeslagen"),
    "rd_without_crs.geojson": (1, "het is als RD gelezen"),
    "ring_too_short.geojson": (1, "Object 1 heeft onleesbare coördinaten; overgeslagen"),
    "unknown_geometry_type.geojson": (1, "Object 1 heeft een onbekend geometrietype; overgeslagen"),
    "bare_geometry.geojson": (1, "heten nu 'Object <nummer>'"),
    "properties_not_an_object.geojson": (1, "heten nu 'Object <nummer>'"),
    "mixed_multi.geojson": (1, "Thema 'Onbekend thema' bestaat niet in het project"),
    "csv_bad_wkt.csv": (1, "Object 1 heeft onleesbare coördinaten; overgeslagen"),
    "csv_decimal_commas.csv": (2, ""),
    "csv_one_stray_row.csv": (2, "Object 3 ligt ver buiten Nederland; overgeslagen"),
    "lone_surrogate.geojson": (1, ""),
    "absurd_vote_count.geojson": (1, "1 waarden van 'stemmen' waren onbruikbaar en zijn weggelaten"),
    "legacy_crs_rd.geojson": (1, ""),
    "single_feature.geojson": (1, ""),
    "three_d_coordinates.geojson": (1, ""),
    "utf8_bom.geojson": (1, ""),
    "markup_in_properties.geojson": (1, ""),
    "control_characters.geojson": (1, ""),
    "long_title.geojson": (1, ""),
    "emoji.geojson": (1, ""),
}


def test_the_corpus_is_complete():
    on_disk = {path.name for path in CORPUS.iterdir()}
    assert on_disk == set(REFUSED) | set(IMPORTED)
    assert len(on_disk) >= 25


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_inputs_get_a_dutch_message_and_change_nothing(project, name):
    before = snapshot(project)
    with pytest.raises(WorkbenchError) as error:
        import_file(project, CORPUS / name)
    assert REFUSED[name] in str(error.value)
    assert snapshot(project) == before
    assert not project.undo_stack.can_undo()


@pytest.mark.parametrize("name", sorted(IMPORTED))
def test_unusual_inputs_are_imported_with_what_was_repaired_or_skipped(project, name):
    count, fragment = IMPORTED[name]
    numbers = {i.number for i in project.interventions()}
    summary = import_file(project, CORPUS / name)
    new = [i for i in project.interventions() if i.number not in numbers]
    assert summary.imported == len(new) == count
    assert all(item.geometry is None or (item.geometry.is_valid and not item.geometry.is_empty) for item in new)
    assert fragment in "\n".join(summary.lines())
    project.undo_stack.undo()  # one import is one undo step
    assert {i.number for i in project.interventions()} == numbers


def test_text_is_kept_as_text_and_cleaned_of_control_characters(project):
    import_file(project, CORPUS / "markup_in_properties.geojson")
    import_file(project, CORPUS / "control_characters.geojson")
    import_file(project, CORPUS / "emoji.geojson")
    titles = [i.title for i in project.interventions()[-3:]]
    assert titles == ["<script>alert('x')</script><b>Plein</b> & co", "Bel en tab", "Fietsen 🚲 en bomen 🌳"]


def test_half_a_surrogate_pair_becomes_a_question_mark_as_idea_and_as_layer(project):
    import_file(project, CORPUS / "lone_surrogate.geojson")
    assert project.interventions()[-1].title == "Half teken ? hier"
    summary = import_file(project, CORPUS / "lone_surrogate.geojson", as_reference=True)
    layer = next(r for r in project.reference_layers() if r.name == summary.layer_name)
    assert dict(layer.features[0].properties)["?sleutel"] == "x"


def test_swapped_coordinates_land_where_they_belong(project):
    import_file(project, CORPUS / "latitude_longitude_swapped.geojson")
    point = project.interventions()[-1].geometry
    assert 190_000 < point.x < 200_000 and 320_000 < point.y < 330_000  # Heerlen


def test_cli_prints_one_dutch_line_without_traceback(sample_path, capsys):
    code = main(["import", str(sample_path), str(CORPUS / "truncated.geojson")])
    err = capsys.readouterr().err
    assert code == 2
    assert "geen geldige JSON" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_hundred_thousand_features_import_in_one_step(project, tmp_path):
    features = [{"type": "Feature", "properties": {"naam": f"Punt {i}"},
                 "geometry": {"type": "Point", "coordinates": [5.90 + (i % 1000) * 1e-4, 50.88 + (i // 1000) * 1e-4]}}
                for i in range(100_000)]
    path = tmp_path / "groot.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    before = len(project.all("intervention"))
    summary = import_file(project, path)
    assert summary.imported == 100_000
    assert len(project.all("intervention")) == before + 100_000
    assert project.interventions()[-1].title == "Punt 99999"


def test_a_million_vertex_polygon_is_imported_whole(project, tmp_path):
    n = 1_000_000
    ring = [[5.97 + 0.01 * math.cos(2 * math.pi * k / n), 50.91 + 0.006 * math.sin(2 * math.pi * k / n)]
            for k in range(n)]
    ring.append(ring[0])
    path = tmp_path / "veel_hoeken.geojson"
    path.write_text(json.dumps({"type": "Feature", "properties": {"naam": "Rond"},
                                "geometry": {"type": "Polygon", "coordinates": [ring]}}))
    import_file(project, path)
    item = project.interventions()[-1]
    assert item.title == "Rond"
    assert len(item.geometry.exterior.coords) == n + 1
    assert 1_000_000 < item.geometry.area < 2_000_000  # about 1.4 km2
