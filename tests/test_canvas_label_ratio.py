"""Labels drawn at the pixel density of the screen the map is on (issue 15, item 10), not
the primary screen's: a 150 % laptop with a 100 % projector as primary gave blurry labels
on the laptop. Two screens of different density are real here: Qt's offscreen platform
takes a screen layout and Qt a scale factor per screen, so the map runs in a subprocess
with such a layout."""

import json
import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import json, sys
    from qtpy.QtWidgets import QApplication
    app = QApplication([])
    from workbench.canvas.items import LabelItem
    from workbench.canvas.view import MapView
    from workbench.store import open_project

    project = open_project(sys.argv[1], read_only=True)
    view = MapView(project)
    screens = {screen.name(): screen for screen in app.screens()}

    def ratios():
        view.viewport().repaint()
        return sorted({item.pixmap().devicePixelRatio() for item in view.scene().items()
                       if isinstance(item, LabelItem) and item.isVisible()})

    def wait_painted():
        for _ in range(200):
            app.processEvents()
            if view.is_painted():
                break

    view.setGeometry(100, 100, 800, 600)  # on the laptop
    view.show()
    wait_painted()
    view.zoom_to_area()
    app.processEvents()
    result = {"primary": app.primaryScreen().name(), "screen": view.screen().name(), "on_laptop": ratios()}
    beamer = screens["beamer"].geometry()
    view.windowHandle().setScreen(screens["beamer"])  # dragged onto the projector
    view.setGeometry(beamer.x() + 50, beamer.y() + 50, 800, 600)
    for _ in range(20):
        app.processEvents()
    result["moved_to"] = view.screen().name()
    result["on_beamer"] = ratios()
    print(json.dumps(result))
    project.close()
""")

LAYOUT = {"screens": [
    {"name": "laptop", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "logicalBaseDpi": 96,
     "dpr": 1.0},
    {"name": "beamer", "x": 1920, "y": 0, "width": 1024, "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96,
     "dpr": 1.0}]}


def test_labels_follow_the_screen_the_map_is_on(sample_path, tmp_path):
    layout = tmp_path / "screens.json"
    layout.write_text(json.dumps(LAYOUT))
    # the laptop at 150 %, the projector (the primary screen) at 100 %, as Windows scales them
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={layout}", HOME=str(tmp_path),
               QT_SCREEN_SCALE_FACTORS="laptop=1.5;beamer=1",
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(sample_path)], env=env, capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["primary"] == "beamer" and result["screen"] == "laptop"  # the layout as meant
    assert result["on_laptop"] == [1.5]
    assert result["moved_to"] == "beamer" and result["on_beamer"] == [1.0]
