"""Presentation mode for the back row (issue 11): titles next to the numbers in a paged
legend, the selected idea large with title, theme and votes, the themes in use, and
ideas, casing and selection drawn thicker."""

import html

from qtpy.QtCore import Qt
from qtpy.QtTest import QTest
from qtpy.QtWidgets import QApplication

from tests.canvas_helpers import pos
from tests.ui_fixtures import dialogs, open_in_window, ui_settings, window  # noqa: F401 (fixtures)


def test_the_room_reads_titles_the_selected_idea_and_the_themes(qtbot, window, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    window.resize(1366, 768)
    window.presentation.enter()
    QApplication.processEvents()
    legend = window.presentation.legend
    qtbot.waitUntil(legend.isVisible)
    items = sorted(project.interventions(), key=lambda i: i.number)
    first = items[0]
    assert f"<b>1</b>" in legend.rows.text() and first.title.split()[0] in legend.rows.text()
    # it does not fit one page at 768 pixels high: paged, PageDown on the map turns
    assert legend.pages() > 1 and legend.page_label.isVisible()
    window.map_view.setFocus()
    QTest.keyClick(window.map_view, Qt.Key.Key_PageDown)
    assert legend.page == 1 and first.title not in legend.rows.text()
    # click idea 7 on the map: large in the card with its theme and votes
    item = project.intervention_by_number(7)
    spot = item.geometry.representative_point()
    QTest.mouseClick(window.map_view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     pos(window.map_view, spot.x, spot.y))
    theme = project.get("theme", item.primary_theme_uuid)
    votes = project.votes(item.uuid, project.current_session_uuid)
    card = legend.card.text()
    assert f"7. {item.title}" in card.replace("&amp;", "&") and theme.name in card and f"Stemmen: {votes}" in card
    assert legend.page == 0  # the page with the selected idea
    used = {i.primary_theme_uuid for i in items}
    assert all(html.escape(t.name[:12]) in legend.themes.text() for t in project.themes() if t.uuid in used)
    # the legend stays on the map's right, the map keeps most of the screen
    assert legend.geometry().right() <= window.map_view.width() and legend.width() <= 0.31 * window.map_view.width()
    assert window.map_view.viewport().geometry().right() < legend.geometry().left()  # no map under it
    # thicker ideas with their casing in the room
    scene_item = window.map_view.scene().items_by_uuid[item.uuid]
    assert scene_item.width_scale > 1
    assert any(child.data(0) == "casing" for child in scene_item.childItems()) or scene_item.kind == 0
    QTest.keyClick(window.map_view, Qt.Key.Key_Escape)
    assert not window.presentation.active and not legend.isVisible()
    assert scene_item.width_scale == 1.0
    assert window.map_view.viewport().width() == window.map_view.width() - 2 * window.map_view.frameWidth()
