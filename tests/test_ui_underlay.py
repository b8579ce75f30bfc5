"""Kaart > Ondergrond laden: a facilitator brings a scan with its world file."""

from qtpy.QtGui import QColor, QImage
from qtpy.QtWidgets import QFileDialog

from tests.ui_fixtures import dialogs, open_in_window, ui_settings, window  # noqa: F401 (fixtures)
from workbench.store import open_project


def test_underlay_from_the_map_menu_is_placed_stored_and_undoable(qtbot, window, sample_path, tmp_path,
                                                                 monkeypatch):
    project = open_in_window(qtbot, window, sample_path)
    image = QImage(30, 20, QImage.Format_RGB32)
    image.fill(QColor("#336699"))
    image.save(str(tmp_path / "visiekaart.png"))
    (tmp_path / "visiekaart.pgw").write_text("10.0\n0.0\n0.0\n-10.0\n194500.0\n326000.0\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / "visiekaart.png"), "")))

    window.actions_.a["underlay"].trigger()

    [underlay] = project.all("underlay")
    assert underlay.name == "visiekaart" and (underlay.c, underlay.f) == (194500.0, 326000.0)
    assert window.map_view.scene().underlay_items
    reopened = open_project(sample_path, read_only=True)
    assert [u.uuid for u in reopened.all("underlay")] == [underlay.uuid]
    reopened.close()
    window.actions_.a["undo"].trigger()
    assert project.all("underlay") == [] and not window.map_view.scene().underlay_items


def test_underlay_that_is_no_image_gets_a_dutch_message_and_changes_nothing(qtbot, window, sample_path,
                                                                            tmp_path, monkeypatch):
    project = open_in_window(qtbot, window, sample_path)
    (tmp_path / "notities.png").write_text("geen plaatje")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / "notities.png"), "")))
    shown = []
    window.map_view.message.connect(shown.append)
    window.actions_.a["underlay"].trigger()
    assert project.all("underlay") == []
    assert shown and "PNG" in shown[-1]
