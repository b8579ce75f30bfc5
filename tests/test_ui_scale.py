"""Issue 14: many ideas on screen. The lists are models that change row by row, and the
votes table has no widgets per idea."""

from qtpy.QtCore import Qt
from qtpy.QtTest import QTest
from qtpy.QtWidgets import QWidget
from shapely.geometry import Point

from bench.projects import make_project
from tests.ui_fixtures import dialogs, open_in_window, ui_settings, window  # noqa: F401 (fixtures)
from workbench.core.commands import AddIntervention, EditIntervention
from workbench.ui.votes_table import PLUS


def test_the_votes_table_has_no_widgets_per_idea(qtbot, window, tmp_path):
    few = make_project(tmp_path / "few.gpkg", interventions=5)
    few.close()
    many = make_project(tmp_path / "many.gpkg", interventions=300)
    many.close()
    window.docks["votes"].show()
    window.docks["votes"].raise_()
    panel = window.panels["votes"]
    open_in_window(qtbot, window, tmp_path / "few.gpkg")
    widgets_for_few = len(panel.findChildren(QWidget))
    open_in_window(qtbot, window, tmp_path / "many.gpkg")
    assert len(panel.findChildren(QWidget)) == widgets_for_few
    assert panel.model.rowCount() == 300
    # The painted "+" of the first row still gives a sticker, as one undoable step.
    project = window.context.project
    first = project.interventions()[0]
    before = project.votes(first.uuid, project.current_session_uuid)
    rect = panel.table.visualRect(panel.model.index(0, PLUS))
    QTest.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    assert project.votes(first.uuid, project.current_session_uuid) == before + 1
    assert panel.model.index(0, 2).data() == str(before + 1)


def test_the_ideas_list_changes_row_by_row_and_keeps_the_selection(qtbot, window, tmp_path):
    path = tmp_path / "list.gpkg"
    make_project(path, interventions=200).close()
    project = open_in_window(qtbot, window, path)
    panel = window.panels["interventions"]
    resets = []
    panel.model.modelReset.connect(lambda: resets.append(True))
    chosen = project.interventions()[150]
    window.context.select([chosen.uuid])
    context = window.context
    assert context.run(EditIntervention(project.interventions()[3].uuid, title="Nieuwe titel"))
    assert context.run(AddIntervention("Een nieuw idee", Point(195000, 323000)))
    assert panel.proxy.rowCount() == 201
    assert panel.proxy.index(200, 1).data() == "Een nieuw idee"
    context.undo()
    context.undo()
    assert panel.proxy.rowCount() == 200
    assert panel.proxy.index(3, 1).data() == project.interventions()[3].title
    assert resets == []  # no rebuild of the whole list for one idea
    selected = {panel.model.uuid_at(panel.proxy.mapToSource(index).row())
                for index in panel.table.selectionModel().selectedRows()}
    assert selected == {chosen.uuid}
