"""BENCH pdf_handout_basemap: the handout of the Heerlerheide sample with a base map
(levels 10-12 of map-like tiles over the area plus 500 m, as `basemap fetch` stores
them), against the same handout without the base map in the same run.

The extra work is reading the tiles of one level from the project file, decoding,
mosaicking, cropping, fading and compressing one image at print resolution.
Targets: at most 2 s; the ratio shows what the base map costs. The PDF sizes are printed
as BENCH ..._size lines (bytes; floor: the handout without a base map): with the map-like
tiles, and with an aerial-photo-like JPEG base map faded and in colour (the worst case).
"""

import shutil
import tempfile
from pathlib import Path

from bench.common import report, timed
from bench.map_tiles import add_map_like_basemap


def run() -> None:
    from workbench.io.samples import build_sample
    from workbench.report import export_pdf
    from workbench.store import open_project
    from workbench.store.tiles import basemaps_of

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        plain_path, base_path = folder / "plain.gpkg", folder / "basemap.gpkg"
        build_sample("heerlerheide", plain_path).close()
        shutil.copy(plain_path, base_path)
        project = open_project(base_path)
        add_map_like_basemap(project)
        assert basemaps_of(project).display().active
        project.close()
        plain, with_map = open_project(plain_path), open_project(base_path)
        try:
            floor = timed(lambda: export_pdf(plain, folder / "plain.pdf", kind="handout"), repeat=5)
            value = timed(lambda: export_pdf(with_map, folder / "basemap.pdf", kind="handout"), repeat=5)
        finally:
            plain.close()
            with_map.close()
        report("pdf_handout_basemap", value, floor, "<=2s")
        report("pdf_handout_basemap_size", (folder / "basemap.pdf").stat().st_size,
               (folder / "plain.pdf").stat().st_size, "state in docs", unit="B")
        _photo_sizes(folder, plain_path)


def _photo_sizes(folder, plain_path) -> None:
    """The size with an aerial photo (JPEG tiles, the worst case), faded and in colour."""
    from dataclasses import replace

    from workbench.report import export_pdf
    from workbench.store import open_project
    from workbench.store.tiles import basemaps_of

    photo_path = folder / "photo.gpkg"
    shutil.copy(plain_path, photo_path)
    project = open_project(photo_path)
    try:
        add_map_like_basemap(project, "basemap_luchtfoto", photo=True)
        maps = basemaps_of(project)
        for faded in (True, False):
            maps.set_display(replace(maps.display(), active="basemap_luchtfoto", faded=faded))
            out = folder / f"photo-{faded}.pdf"
            export_pdf(project, out, kind="handout")
            report(f"pdf_handout_photo_{'faded' if faded else 'colour'}_size", out.stat().st_size,
                   (folder / "plain.pdf").stat().st_size, "state in docs", unit="B")
    finally:
        project.close()


if __name__ == "__main__":
    run()
