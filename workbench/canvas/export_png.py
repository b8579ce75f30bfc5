"""``workbench export png``: render the map offscreen with the same scene code.

Example::

    render_png(project, "kaart.png", 1600, 1200, "area")
"""

import os
import sys

from workbench.i18n import _


def ensure_app():
    """The running QApplication, or a new offscreen one (for the CLI and tests)."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qtpy.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(["workbench"])
    return app


def map_frame(scene, width: int, height: int, extent: str = "area"):
    """(scene rectangle shown, scene->image QTransform) for an image of that size."""
    from qtpy.QtCore import QRectF
    from qtpy.QtGui import QTransform

    source = scene.area_rect() if extent == "area" and scene.area_item is not None else scene.data_rect()
    margin = 0.04
    source = source.adjusted(-source.width() * margin, -source.height() * margin,
                             source.width() * margin, source.height() * margin)
    # widen the source to the image's aspect ratio, so the map is not distorted
    scale = min(width / source.width(), height / source.height())
    centre = source.center()
    source = QRectF(centre.x() - width / scale / 2, centre.y() - height / scale / 2, width / scale, height / scale)
    return source, QTransform(scale, 0, 0, scale, -source.left() * scale, -source.top() * scale)


def render_image(project, width: int, height: int, extent: str = "area", scene=None):
    """A QImage of the map: base map, area, reference layers, ideas with their numbers,
    the scale bar and the base map's attribution."""
    ensure_app()
    from qtpy.QtCore import QRectF, Qt
    from qtpy.QtGui import QColor, QImage, QPainter

    from workbench import style
    from workbench.canvas.map_notes import draw_attribution, draw_disclaimer
    from workbench.canvas.scale_bar import draw_scale_bar
    from workbench.canvas.scene import MapScene

    scene = scene or MapScene(project)
    source, transform = map_frame(scene, width, height, extent)
    scale = transform.m11()
    scene.set_shape_detail(abs(transform.m11()))  # before thinning: clustered ideas have no number
    scene.thin_labels(transform)
    image = QImage(width, height, QImage.Format_ARGB32_Premultiplied)
    image.fill(QColor(style.BACKGROUND))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing | QPainter.SmoothPixmapTransform)
    scene.render(painter, QRectF(0, 0, width, height), source, Qt.IgnoreAspectRatio)
    draw_scale_bar(painter, image.rect(), 1.0 / scale)
    draw_attribution(painter, QRectF(image.rect()), scene.basemap.attribution())
    draw_disclaimer(painter, QRectF(image.rect()), project.info.disclaimer)
    painter.end()
    return image




def render_png(project, out, width: int = 1600, height: int = 1200, extent: str = "area") -> str:
    from workbench.errors import WorkbenchError

    if width < 16 or height < 16 or width > 20000 or height > 20000:
        raise WorkbenchError(_("Kies een breedte en hoogte tussen 16 en 20.000 pixels."))
    from workbench.io.output import check_target, write_bytes

    check_target(out, project.path)  # refuse before rendering, not after
    write_bytes(out, png_bytes(render_image(project, width, height, extent)), project.path)
    return str(out)


def png_bytes(image) -> bytes:
    """The PNG encoding of a QImage, in memory: the file itself is written by the guarded
    writer (workbench/io/output.py), never by Qt in place."""
    from qtpy.QtCore import QBuffer, QByteArray, QIODevice

    from workbench.errors import WorkbenchError

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    saved = image.save(buffer, "PNG")
    buffer.close()
    if not saved:
        raise WorkbenchError(_("De kaart kan niet als PNG worden opgeslagen."))
    return bytes(data)


def cmd_export_png(args) -> int:
    from workbench.store import open_project

    project = open_project(args.path, read_only=True)
    try:
        render_png(project, args.out, args.width, args.height, args.extent)
    finally:
        project.close()
    print(_("Kaart geschreven naar {path}.").format(path=args.out))
    return 0
