"""The first start (issue 11): a start screen instead of the sample, the example says
it is one, and "Nieuw project" is in sight."""

from qtpy.QtCore import Qt
from qtpy.QtWidgets import QApplication

from tests.ui_fixtures import dialogs, open_in_window, ui_settings, window  # noqa: F401 (fixtures)
from workbench.ui import settings
from workbench.ui.start_screen import StartScreen, wants_start_screen


def test_the_first_start_asks_what_to_do_and_the_example_says_it_is_one(qtbot, window, tmp_path):
    assert wants_start_screen(None, None) and not wants_start_screen("x.gpkg", None)
    screen = window._keep(StartScreen(window))
    qtbot.waitExposed(screen)
    assert set(screen.buttons) == {"new", "open", "example"}
    qtbot.mouseClick(screen.buttons["example"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.context.project is not None)
    assert window.context.project.path == tmp_path / "data" / "heerlerheide.gpkg"
    banner = window.sample_banner
    assert banner.isVisible() and "voorbeeldproject" in banner.text()
    # the band's link starts a project of one's own
    banner.linkActivated.emit("new")
    QApplication.processEvents()
    assert any(type(d).__name__ == "NewProjectWizard" for d in window.open_dialogs)
    assert settings.last_project() and not wants_start_screen(None, None)  # once is enough


def test_a_project_of_ones_own_has_no_example_band_and_new_is_in_the_toolbar(qtbot, window,
                                                                              sample_path):
    from workbench.io.sample_identity import is_sample

    project = open_in_window(qtbot, window, sample_path)
    assert is_sample(project.info) and window.sample_banner.isVisible()
    from workbench.core.setup_commands import EditInfo

    window.context.run(EditInfo(name="Bewonersavond Passart"))
    assert not window.sample_banner.isVisible()
    toolbar = window.toolbars["map"]
    assert window.actions_.a["new"] in toolbar.actions() and toolbar.widgetForAction(window.actions_.a["new"]).isVisible()


def test_the_wizard_shows_the_wijken_with_their_names_and_a_click_chooses_one(qtbot, window, tmp_path):
    from qtpy.QtWidgets import QGraphicsSimpleTextItem

    wizard = window.new_project()
    qtbot.waitExposed(wizard)
    qtbot.keyClicks(wizard.project_page.name, "Avond")
    wizard.project_page.path.setText(str(tmp_path / "avond.gpkg"))
    wizard.next()  # past the name, to the area
    page = wizard.area_page
    qtbot.waitUntil(page.wijk_map.isVisible)
    names = {item.text() for item in page.wijk_map.scene().items() if isinstance(item, QGraphicsSimpleTextItem)}
    assert "Heerlerheide-Passart" in names and len(names) == page.wijk_list.count()
    shape = page.wijk_map.shapes["Heerlerheide-Passart"]
    spot = dict(page.wijken)["Heerlerheide-Passart"].representative_point()
    from qtpy.QtCore import QPointF

    where = page.wijk_map.mapFromScene(QPointF(spot.x, -spot.y))
    qtbot.mouseClick(page.wijk_map.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert page.chosen_wijken() == ["Heerlerheide-Passart"] and page.isComplete()
    assert shape.brush().color().alpha() < 255  # shown as chosen on the map
    label = next(item for item in page.wijk_map.scene().items()
                 if isinstance(item, QGraphicsSimpleTextItem) and item.text() == "Heerlerheide-Passart")
    assert label.isVisible()  # a chosen wijk's name always shows, whatever it overlaps
    qtbot.mouseClick(page.wijk_map.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert page.chosen_wijken() == []
    wizard.reject()


def test_the_map_gets_more_than_half_of_a_1366_laptop_window(qtbot, ui_settings, dialogs, sample_path):
    from workbench.ui.main_window import MainWindow

    main = MainWindow()  # fresh settings: the first-start layout
    qtbot.addWidget(main)
    main.resize(1366, 740)
    main.show()
    qtbot.waitExposed(main)
    assert main.open_path(sample_path)
    QApplication.processEvents()
    assert main.map_view.width() > 0.55 * main.width()
    main.close()
