"""Cold start (issue 14): the project opened at the start goes into Bestand > Recent
after the first painted map, not before it (the settings file's write is disk work the
first paint does not show), and is never lost: the menu and closing the window write
what is still pending."""

from tests.ui_fixtures import dialogs, ui_settings  # noqa: F401 (fixtures)
from workbench.ui import settings


def _window(qtbot):
    from workbench.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    return window


def test_the_start_project_is_remembered_just_after_the_first_paint(qtbot, ui_settings, dialogs, sample_path):
    window = _window(qtbot)
    assert window.open_path(sample_path)
    assert settings.recent_files() == []  # nothing written before the map has painted
    window.show()
    qtbot.waitUntil(lambda: settings.recent_files() == [str(sample_path.resolve())])
    assert window.map_view.is_painted()


def test_a_project_opened_after_the_paint_is_remembered_at_once(qtbot, ui_settings, dialogs, sample_path,
                                                                 caumerbeekdal_path):
    window = _window(qtbot)
    window.show()
    qtbot.waitUntil(window.map_view.is_painted)
    assert window.open_path(caumerbeekdal_path)
    assert settings.recent_files() == [str(caumerbeekdal_path.resolve())]


def test_what_is_pending_is_in_the_menu_and_kept_when_closed_before_any_paint(qtbot, ui_settings, dialogs,
                                                                              sample_path, caumerbeekdal_path):
    window = _window(qtbot)
    assert window.open_path(sample_path) and window.open_path(caumerbeekdal_path)
    window.fill_recent_menu()  # Bestand > Recent opened
    names = [action.text() for action in window.actions_.menus["recent"].actions()]
    assert names == ["&1 caumerbeekdal.gpkg", "&2 heerlerheide.gpkg"]
    other = _window(qtbot)
    assert other.open_path(sample_path)
    other.close()
    assert settings.recent_files()[0] == str(sample_path.resolve())
