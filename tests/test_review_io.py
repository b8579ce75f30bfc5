"""Review: hostile import files not covered by the corpus get a Dutch refusal."""

import io
import struct
import zipfile

import pytest
import shapefile

from workbench.core.project import Project
from workbench.errors import ValidationError
from workbench.io.import_features import import_file


def _shapefile_zip(method=zipfile.ZIP_STORED) -> bytearray:
    shp, shx, dbf = io.BytesIO(), io.BytesIO(), io.BytesIO()
    writer = shapefile.Writer(shp=shp, shx=shx, dbf=dbf, shapeType=shapefile.POINT)
    writer.field("naam", "C")
    writer.point(195000, 325000)
    writer.record("Plein")
    writer.close()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", method) as out:
        for ext, data in (("shp", shp), ("shx", shx), ("dbf", dbf)):
            out.writestr(f"laag.{ext}", data.getvalue())
    return bytearray(archive.getvalue())


def _flip_data_byte(data, offset):
    data[data.find(b"laag.shp") + len("laag.shp") + offset] ^= 0xFF


def _set_flag(data, mask=0, method=None):
    for signature, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        at = data.find(signature)
        while at >= 0:
            data[at + flag_at] |= mask
            if method is not None:
                data[at + method_at:at + method_at + 2] = struct.pack("<H", method)
            at = data.find(signature, at + 1)


DAMAGE = {
    "bad checksum": (zipfile.ZIP_STORED, lambda d: _flip_data_byte(d, 60)),
    "broken deflate stream": (zipfile.ZIP_DEFLATED, lambda d: _flip_data_byte(d, 5)),
    "encrypted": (zipfile.ZIP_STORED, lambda d: _set_flag(d, mask=1)),
    "unknown compression": (zipfile.ZIP_STORED, lambda d: _set_flag(d, method=99)),
}


def test_an_intact_zip_imports(tmp_path):
    path = tmp_path / "laag.zip"
    path.write_bytes(bytes(_shapefile_zip()))
    project = Project()
    assert import_file(project, path).imported == 1


@pytest.mark.parametrize("name", sorted(DAMAGE))
def test_a_damaged_or_encrypted_zip_is_a_dutch_refusal(tmp_path, name):
    method, damage = DAMAGE[name]
    data = _shapefile_zip(method)
    damage(data)
    path = tmp_path / "laag.zip"
    path.write_bytes(bytes(data))
    project = Project()
    with pytest.raises(ValidationError, match="geen leesbaar zip-bestand"):
        import_file(project, path)
    assert not project.all("intervention")


def _geojson(path, properties):
    import json

    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [5.97 + i * 0.001, 50.9]},
                 "properties": p} for i, p in enumerate(properties)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def test_theme_and_session_names_are_matched_and_created_as_cleaned(tmp_path):
    from workbench.core.theme_commands import AddTheme

    project = Project()
    groen = project.execute(AddTheme("Groen")).uuid
    path = _geojson(tmp_path / "ideeen.geojson", [
        {"naam": "Alleen een belletje", "thema": "\u0007", "bijeenkomst": "\u0007\u0008"},
        {"naam": "Groen met een stuurteken", "thema": "Gr\u0007oen"},
        {"naam": "Gewoon groen", "thema": "Groen"},
    ])
    summary = import_file(project, path, create_missing=True)
    assert summary.imported == 3
    assert [t.name for t in project.themes()] == ["Groen"] and project.sessions() == []
    assert {i.title: i.theme_uuids for i in project.interventions()} == {
        "Alleen een belletje": (), "Groen met een stuurteken": (groen,), "Gewoon groen": (groen,)}


@pytest.mark.parametrize("kind", ["geojson", "csv", "gpkg", "pdf"])
def test_an_export_onto_the_project_file_itself_is_refused_and_the_project_kept(project, kind):
    from tests.helpers import reopened_snapshot, snapshot
    from workbench.errors import WorkbenchError
    from workbench.io.export_csv import export_csv
    from workbench.io.export_geojson import export_geojson
    from workbench.io.export_gpkg import export_gpkg
    from workbench.report import export_pdf

    export = {"geojson": export_geojson, "csv": export_csv, "gpkg": export_gpkg, "pdf": export_pdf}[kind]
    before = project.path.read_bytes()
    with pytest.raises(WorkbenchError, match="het project zelf"):
        export(project, project.path)
    assert project.path.read_bytes() == before
    assert snapshot(project) == reopened_snapshot(project.path)


def test_the_pdf_command_refuses_to_write_over_its_project(sample_path, capsys):
    from workbench.cli import main

    before = sample_path.read_bytes()
    assert main(["export", "pdf", str(sample_path), str(sample_path)]) != 0
    assert "het project zelf" in capsys.readouterr().err
    assert sample_path.read_bytes() == before
