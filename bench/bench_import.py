"""``BENCH import_geojson``: importing 10,000 GeoJSON features into a project (read,
check, transform to RD, repair, one committed transaction) against GDAL reading the same
file and writing the same features into a GeoPackage with pyogrio in the same run
(target <= 2x).

The floor is the work no import into a project file can avoid (issue 14): GDAL reading
the features and writing them into a GeoPackage, plus the one step the project's format
adds: the positions transformed to RD New (a project is EPSG:28992, DESIGN.md). The
floor pays PROJ's transform of the file's positions, taken out beforehand, which is
what GDAL's own reprojection would run. It is still the kinder floor for GDAL in one
respect: GDAL writes a new GeoPackage with synchronous OFF (strace: no fsync at all;
with OGR_SQLITE_SYNCHRONOUS=FULL it makes 44), where our commit is synchronous FULL.
``import_geojson_vs_plain_gdal`` keeps the earlier floor (no transform) as a report
line. ``import_geojson_read`` is our reading and checking alone, against GDAL only reading."""

import json
import random
import tempfile
import time
from pathlib import Path

from bench.common import report

COUNT = 10_000


def make_file(path: Path) -> None:
    rng = random.Random(6)
    features = []
    for index in range(COUNT):
        x, y = 5.90 + rng.random() * 0.1, 50.86 + rng.random() * 0.08
        kind = index % 3
        if kind == 0:
            geometry = {"type": "Point", "coordinates": [x, y]}
        elif kind == 1:
            geometry = {"type": "LineString", "coordinates": [[x, y], [x + 0.001, y + 0.0005], [x + 0.002, y]]}
        else:
            d = 0.0005
            geometry = {"type": "Polygon", "coordinates": [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]]}
        features.append({"type": "Feature", "geometry": geometry, "properties": {
            "naam": f"Idee {index}", "omschrijving": "Een voorstel van een bewoner.", "thema": "Groen verbindt",
            "stemmen": index % 7}})
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")


def _positions(path: Path) -> tuple:
    """The x and y of every position in the bench's file, as the floor's transform input."""
    import numpy

    xs, ys = [], []
    for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
        geometry = feature["geometry"]
        rings = {"Point": [[geometry["coordinates"]]], "LineString": [geometry["coordinates"]],
                 "Polygon": geometry["coordinates"]}[geometry["type"]]
        for ring in rings:
            for x, y in ring:
                xs.append(x)
                ys.append(y)
    return numpy.array(xs), numpy.array(ys)


def best(function, repeat=3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def run() -> None:
    import pyogrio

    from workbench.geo.crs import RD, WGS84, transformer
    from workbench.io.import_features import import_file
    from workbench.io.projects import new_project
    from workbench.io.readers import read

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        source = folder / "ideeen.geojson"
        make_file(source)
        read_only = best(lambda: pyogrio.raw.read(str(source)))
        xs, ys = _positions(source)
        to_rd = transformer(WGS84, RD)

        def gdal_read_write(number=[0], in_rd=True):
            """GDAL reading the features and writing them into a GeoPackage; with
            ``in_rd`` also PROJ's transform of their positions to RD (the module's doc)."""
            number[0] += 1
            meta, _fids, geometry, fields = pyogrio.raw.read(str(source))
            if in_rd:
                to_rd.transform(xs, ys)
            pyogrio.raw.write(str(folder / f"floor{number[0]}.gpkg"), geometry, fields, meta["fields"],
                              driver="GPKG", geometry_type="Unknown", crs=meta["crs"], encoding="UTF-8")

        # Alternate the two, best of 5 each, so that load from other processes on this
        # shared machine hits both alike (as bench_pdf does).
        floors, plain_floors, times = [], [], []
        for number in range(5):  # a fresh project each time, made outside the timing
            floors.append(best(gdal_read_write, repeat=1))
            plain_floors.append(best(lambda: gdal_read_write(in_rd=False), repeat=1))
            project = new_project(folder / f"p{number}.gpkg", "Bench", "heerlen-2050", with_wijken=False)
            try:
                start = time.perf_counter()
                summary = import_file(project, source)
                times.append(time.perf_counter() - start)
                assert summary.imported == COUNT
            finally:
                project.close()
        report("import_geojson", min(times), min(floors),
               "ratio<=2 (the committed import vs GDAL read + write + transform to RD)")
        report("import_geojson_vs_plain_gdal", min(times), min(plain_floors),
               "report ratio (vs GDAL read + write, no transform)")
        report("import_geojson_read", best(lambda: read(source)), read_only, "report ratio (vs GDAL reading)")
