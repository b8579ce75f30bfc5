"""Screenshots of the map with many ideas (issue 14): 400 ideas from seven evenings and
10,000 ideas, each zoomed out to the area and zoomed in on one wijk.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_scale_screenshots.py OUT_FOLDER

Projects are made by ``bench/projects.py`` in a temporary folder; images are 1200x800
map views, reduced to 256 colours.
"""

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main(out: Path) -> None:
    from qtpy.QtCore import QRectF

    from bench.projects import make_evening, make_project
    from docs.screenshots.make_screenshots import small_png
    from workbench.canvas.view import MapView
    from workbench.ui.app import application

    app = application()
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())

    def settle(ms=400):
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            app.processEvents()

    for count, make in ((400, make_evening), (10_000, make_project)):
        project = make(work / f"ideas{count}.gpkg", interventions=count)
        view = MapView(project)
        view.resize(1200, 800)
        view.show()
        settle(800)
        view.zoom_to_area()
        settle()
        view.viewport().grab().save(str(out / f"canvas-{count}-area.png"))
        wijk = _busiest_wijk(project)
        minx, miny, maxx, maxy = wijk.bounds
        view.zoom_to_rect(QRectF(minx, -maxy, maxx - minx, maxy - miny))
        settle()
        view.viewport().grab().save(str(out / f"canvas-{count}-wijk.png"))
        view.close()
        project.close()
    for path in out.glob("canvas-*.png"):
        small_png(path)


def _busiest_wijk(project):
    """The wijk with the most ideas in it."""
    from workbench.analysis.wijken import wijken_layer

    layer = wijken_layer(project)
    features = [f.geometry for f in layer.features]
    ideas = [i.geometry for i in project.interventions() if i.geometry is not None]
    return max(features, key=lambda wijk: sum(1 for idea in ideas if wijk.intersects(idea)))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
