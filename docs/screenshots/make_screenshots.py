"""Screenshots of the app for the README, taken from a real window.

Run under a display (or ``xvfb-run -a -s "-screen 0 1600x1000x24"``)::

    .venv/bin/python docs/screenshots/make_screenshots.py OUT_FOLDER [--en] [--width 1000]

``--width`` scales the images down and to 256 colours (for the README); the default
keeps full size.

Uses a fresh copy of the Heerlerheide sample and throw-away settings.
"""

import sys
import tempfile
from pathlib import Path


def small_png(path: Path) -> None:
    """256 colours without dithering: a quarter of the size, theme colours intact.
    Pillow comes with reportlab."""
    from PIL import Image

    image = Image.open(path).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(path, optimize=True)


def main(out: Path, english=False, width=None) -> None:
    from qtpy.QtCore import QSettings
    from qtpy.QtWidgets import QApplication

    from workbench import i18n
    from workbench.io.samples import build_sample
    from workbench.ui.app import application

    work = Path(tempfile.mkdtemp())
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work))
    app = application()
    i18n.set_language("en" if english else "nl")
    from workbench.ui.main_window import MainWindow

    sample = work / "heerlerheide.gpkg"
    build_sample("heerlerheide", sample).close()
    window = MainWindow()
    window.resize(1500, 920)
    window.open_path(sample)
    window.show()
    out.mkdir(parents=True, exist_ok=True)

    def settle(ms=500):
        end = __import__("time").monotonic() + ms / 1000
        while __import__("time").monotonic() < end:
            app.processEvents()

    def shot(widget, name):
        from qtpy.QtCore import Qt

        settle()
        image = widget.grab()
        if width and image.width() > width:
            image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        image.save(str(out / name))
        if width:
            small_png(out / name)
        print(out / name)

    settle(800)
    project = window.context.project
    shot(window, "main.png")

    item = project.intervention_by_number(12)
    window.context.select([item.uuid])
    window.docks["editor"].raise_()
    shot(window, "editor.png")

    window.docks["ranking"].raise_()
    window.context.select([])
    window.panels["ranking"].set_scope("all")
    shot(window, "ranking.png")
    big = window.panels["ranking"].show_big()
    shot(big, "ranking_big.png")
    big.close()

    wizard = window.new_project()
    wizard.project_page.name.setText("Gebiedsvisie Heerlerheide")
    wizard.next()
    wizard.area_page.check_wijken(["Heerlerheide-Passart", "Vrieheide-De Stack"])
    shot(wizard, "wizard.png")
    wizard.area_page.set_mode("draw")
    for x, y in ((194200, 326600), (195600, 326900), (195900, 325400), (194400, 325100)):
        wizard.area_page.sketch.add_point(x, y)
    wizard.area_page.sketch.close_polygon()
    shot(wizard, "wizard_draw.png")
    wizard.reject()

    window.context.select([project.intervention_by_number(6).uuid])
    window.presentation.enter()
    settle(800)
    shot(window, "presentation.png")
    window.presentation.leave()
    window.close()
    QApplication.processEvents()


if __name__ == "__main__":
    args = sys.argv[1:]
    size = int(args[args.index("--width") + 1]) if "--width" in args else None
    main(Path(args[0]), english="--en" in args, width=size)
