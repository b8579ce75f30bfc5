"""On a 1366x768 laptop the dock tabs show whole titles ("Ideeën", "Bijeenkomsten",
"Toets"), not "Ide...", "Bijeenkom...", "T..." (issue 14, review of the first start)."""

import pytest
from qtpy.QtWidgets import QApplication, QTabBar

from tests.ui_fixtures import dialogs, open_in_window, ui_settings  # noqa: F401 (fixtures)
from workbench import i18n

LAPTOP = (1366 - 16, 768 - 40)  # what default_size leaves of the laptop's screen


def dock_tab_titles(main) -> dict:
    """Each dock tab's title and whether the bar gives it the width the title needs."""
    shown = {}
    for bar in main.findChildren(QTabBar):
        if bar.isVisible() and bar.parent() is main:
            for i in range(bar.count()):
                shown[bar.tabText(i)] = bar.tabRect(i).width() >= bar.tabSizeHint(i).width()
    return shown


@pytest.mark.parametrize("language", ["nl", "en"])
def test_dock_tab_titles_are_whole_on_a_1366_laptop(qtbot, ui_settings, dialogs, sample_path, language):
    from workbench.ui.main_window import MainWindow

    i18n.set_language(language)
    main = MainWindow()  # a first start: no layout remembered
    qtbot.addWidget(main)
    main.resize(*LAPTOP)
    main.show()
    qtbot.waitExposed(main)
    open_in_window(qtbot, main, sample_path)
    QApplication.processEvents()
    shown = dock_tab_titles(main)
    assert len(shown) >= 9  # both tab groups are there: ideas, sessions, ... and idea, votes, ...
    assert all(shown.values()), {title: whole for title, whole in shown.items() if not whole}
    assert main.map_view.width() >= main.width() // 2  # the map keeps most of the window
    main.close()
