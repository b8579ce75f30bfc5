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
