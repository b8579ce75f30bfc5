"""The docks one by one on the Heerlerheide sample: every change is a command (undo
restores it), refused input shows a Dutch message, and the file holds the result."""

from qtpy.QtCore import Qt
from qtpy.QtTest import QTest

from tests.helpers import reopened_snapshot, snapshot
from tests.ui_fixtures import dialogs, open_in_window, show_dock, ui_settings, window  # noqa: F401 (fixtures)
from workbench.store import open_project


def test_themes_rename_recolour_add_and_delete_with_consequences(qtbot, window, dialogs, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    panel = show_dock(qtbot, window, "themes")
    theme = project.theme_by_name("Groen verbindt")
    tagged = [i for i in project.interventions() if theme.uuid in i.theme_uuids]
    assert tagged
    panel.select_theme(theme.uuid)
    panel.name.setFocus()  # keys go where the focus is (Enter on the map finishes a drawing)
    panel.name.setText("Groen en water")
    QTest.keyClick(panel.name, Qt.Key.Key_Return)
    assert project.get("theme", theme.uuid).name == "Groen en water"
    panel.choose_color("#00aa00")
    assert project.get("theme", theme.uuid).color == "#00aa00"
    # a name that is taken is refused inline
    panel.name.setText("Wonen als fundament")
    QTest.keyClick(panel.name, Qt.Key.Key_Return)
    assert panel.error.isVisible() and "Er is al een thema" in panel.error.text()
    assert project.get("theme", theme.uuid).name == "Groen en water"

    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    added = project.theme_by_name("Nieuw thema")
    assert added is not None and panel.selected_uuid() == added.uuid

    panel.select_theme(theme.uuid)
    dialogs.answer = dialogs.answer.No
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert project.get("theme", theme.uuid) is not None
    question = dialogs.shown[-1][1]
    assert f"{len(tagged)} ideeën verliezen dit label" in question and "ongedaan" in question
    dialogs.answer = dialogs.answer.Yes
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert project.get("theme", theme.uuid) is None
    assert not any(theme.uuid in i.theme_uuids for i in project.interventions())
    window.actions_.a["undo"].trigger()
    assert project.get("theme", theme.uuid).name == "Groen en water"
    assert all(theme.uuid in project.get("intervention", i.uuid).theme_uuids for i in tagged)
    assert reopened_snapshot(sample_path) == snapshot(project)


def test_sessions_create_make_current_and_filter(qtbot, window, dialogs, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    first = project.current_session_uuid
    panel = window.panels["sessions"]
    dialog = window.new_session()
    dialog.form.title.setText("Tweede avond")
    dialog.form.place.setText("Wijkcentrum")
    dialog.form.date.setDate(dialog.form.date.date().fromString("2026-12-03", "yyyy-MM-dd"))
    dialog.buttons.accepted.emit()
    new = project.session_by_title("Tweede avond")
    assert new.date == "2026-12-03" and project.current_session_uuid == new.uuid
    assert panel.current.currentData() == new.uuid and "Tweede avond" in window.session_label.text()
    # an empty title is refused inside the dialog, which stays open
    dialog = panel.add_session()
    dialog.form.title.clear()
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and "titel" in dialog.error.text()
    dialog.reject()

    # filter the list and the map by the first session: the new one has no ideas yet
    # (the sample's quotes are the visie's own, said at no session: add one said at the first)
    from workbench.core.commands import AddQuote

    project.execute(AddQuote("Meer bankjes bij de kerk.", "Bewoner", None, session_uuid=first))
    ideas = window.panels["interventions"]
    ideas.session_filter.setCurrentIndex(ideas.session_filter.findData(new.uuid))
    assert ideas.visible_uuids() == [] and window.panels["quotes"].list.count() == 0
    assert not any(item.isVisible() for item in window.map_view.scene().items_by_uuid.values())
    ideas.session_filter.setCurrentIndex(ideas.session_filter.findData(first))
    assert len(ideas.visible_uuids()) == len(project.interventions())
    said_there = [q for q in project.quotes() if q.session_uuid == first]
    assert window.panels["quotes"].list.count() == len(said_there) == 1

    # choose the first session as current again, from the menu
    window.fill_current_session_menu()
    items = window.actions_.menus["current"].actions()
    assert [a.text() for a in items if a.isChecked()] == ["Tweede avond"]
    next(a for a in items if a.text() == project.get("session", first).title).trigger()
    assert project.current_session_uuid == first and panel.current.currentData() == first
    # edit the session through the dialog
    panel.list.setCurrentRow([panel.list.item(r).data(Qt.ItemDataRole.UserRole)
                              for r in range(panel.list.count())].index(new.uuid))
    dialog = panel.edit_session()
    assert dialog.form.title.text() == "Tweede avond"
    dialog.form.participants.setValue(14)
    dialog.buttons.accepted.emit()
    assert project.get("session", new.uuid).participants == 14 and not dialog.isVisible()
    project.close()
    window.context.set_project(None)
    reopened = open_project(sample_path, read_only=True)
    assert reopened.current_session_uuid == first
    assert reopened.session_by_title("Tweede avond").participants == 14
    reopened.close()


def test_ranking_per_idea_and_theme_for_this_session_and_overall(qtbot, window, sample_path):
    from workbench.core.commands import SetVotes

    project = open_in_window(qtbot, window, sample_path)
    ranking = show_dock(qtbot, window, "ranking")
    first = project.current_session_uuid
    top = max(project.interventions(), key=lambda i: (project.votes(i.uuid), -i.number))
    assert ranking.items_chart.rows[0][0] == f"{top.number}. {top.title}"
    total = sum(v.count for v in project.all("vote"))
    assert str(total) in ranking.total.text()
    # a second session where idea 19 gets 40 stickers: it leads this session and overall
    dialog = window.new_session()
    dialog.buttons.accepted.emit()
    assert project.current_session_uuid != first
    # the ranking follows once the change rests (after the map has shown it)
    qtbot.waitUntil(lambda: ranking.items_chart.rows == [])
    window.context.run(SetVotes(project.intervention_by_number(19).uuid, 40))
    qtbot.waitUntil(lambda: [r[1] for r in ranking.items_chart.rows] == [40])
    ranking.set_scope("all")
    assert ranking.items_chart.rows[0][:2] == ("19. Bushalte met wachtruimte", 42)
    assert sum(r[1] for r in ranking.themes_chart.rows) == total + 40
    ranking.set_scope(first)
    assert sum(r[1] for r in ranking.items_chart.rows) == total
    # the large version for the projector follows the same scope and the votes
    qtbot.mouseClick(ranking.big_button, Qt.MouseButton.LeftButton)
    big = ranking.big
    assert big.isWindow() and big.isVisible() and big.items_chart.rows == ranking.items_chart.rows
    assert big.items_chart.row_height() > ranking.items_chart.row_height()
    window.context.run(SetVotes(project.intervention_by_number(19).uuid, 41, session_uuid=first))
    qtbot.waitUntil(lambda: big.items_chart.rows[0][:2] == ("19. Bushalte met wachtruimte", 41))
    window.close()
    assert not big.isVisible()


def test_editor_refuses_bad_numbers_inline_and_changes_nothing(qtbot, window, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    item = project.intervention_by_number(8)
    window.context.select([item.uuid])
    editor = window.panels["editor"]
    homes = editor.quantity_edits["homes"]
    qtbot.waitUntil(homes.isVisible)  # new rows show after one turn of the event loop
    homes.setFocus()
    homes.selectAll()
    qtbot.keyClicks(homes, "veel")
    QTest.keyClick(homes, Qt.Key.Key_Return)
    assert editor.error.isVisible() and "moet een getal zijn" in editor.error.text()
    assert project.get("intervention", item.uuid) == item
    homes.selectAll()
    qtbot.keyClicks(homes, "1.250")
    QTest.keyClick(homes, Qt.Key.Key_Return)
    assert project.get("intervention", item.uuid).quantity("homes") == 1250
    assert not editor.error.isVisible()
    green = editor.quantity_edits["green_m2"]
    green.setFocus()
    qtbot.keyClicks(green, "2,5")
    QTest.keyClick(green, Qt.Key.Key_Return)
    assert project.get("intervention", item.uuid).quantity("green_m2") == 2.5
    # a user-defined quantity with its unit
    qtbot.keyClicks(editor.new_quantity_label, "Parkeerplaatsen")
    qtbot.keyClicks(editor.new_quantity_unit, "plaatsen")
    qtbot.mouseClick(editor.add_quantity, Qt.MouseButton.LeftButton)
    assert "parkeerplaatsen" in editor.quantity_edits
    parking = editor.quantity_edits["parkeerplaatsen"]
    qtbot.waitUntil(parking.isVisible)
    parking.setFocus()
    qtbot.keyClicks(parking, "30")
    QTest.keyClick(parking, Qt.Key.Key_Return)
    assert project.get("intervention", item.uuid).quantity("parkeerplaatsen") == 30
    # status by keyboard on the combo, one undo step each
    editor.status.setFocus()
    QTest.keyClick(editor.status, Qt.Key.Key_Down)
    assert project.get("intervention", item.uuid).status != item.status
    window.actions_.a["undo"].trigger()
    assert project.get("intervention", item.uuid).status == item.status
    assert reopened_snapshot(sample_path) == snapshot(project)
    # the editor can delete the idea too, undoably
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert project.get("intervention", item.uuid) is None and editor.stack.currentIndex() == 0
    window.actions_.a["undo"].trigger()
    assert project.get("intervention", item.uuid).quantity("parkeerplaatsen") == 30


def test_quotes_edit_and_delete(qtbot, window, sample_path):
    project = open_in_window(qtbot, window, sample_path)
    panel = window.panels["quotes"]
    count = len(project.quotes())
    assert panel.list.count() == count > 0
    panel.list.setCurrentRow(0)
    quote = project.get("quote", panel.editing_uuid)
    assert panel.text.toPlainText() == quote.text
    panel.speaker.setText("Bewoonster uit de Passart")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert project.get("quote", quote.uuid).speaker == "Bewoonster uit de Passart"
    panel.list.setCurrentRow(0)
    panel.text.set_committed_text("")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.error.isVisible() and "leeg" in panel.error.text()
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert len(project.quotes()) == count - 1 and panel.list.count() == count - 1
    window.actions_.a["undo"].trigger()
    assert project.get("quote", quote.uuid).speaker == "Bewoonster uit de Passart"


def test_project_details_and_goals(qtbot, window, sample_path):
    from workbench.geo.measure import format_number

    project = open_in_window(qtbot, window, sample_path)
    panel = window.panels["project"]
    steps = panel.info_edits["next_steps"]
    steps.setFocus()
    steps.selectAll()
    steps.insertPlainText("In maart hoort u wat de gemeente met uw ideeën doet.")  # QTest types ASCII only
    panel.info_edits["name"].setFocus()
    assert project.info.next_steps == "In maart hoort u wat de gemeente met uw ideeën doet."
    name = panel.info_edits["name"]
    name.clear()
    QTest.keyClick(name, Qt.Key.Key_Return)
    assert panel.info_error.isVisible() and project.info.name
    name.setText("Heerlerheide 2050")
    QTest.keyClick(name, Qt.Key.Key_Return)
    assert project.info.name == "Heerlerheide 2050" and window.windowTitle().startswith("Heerlerheide 2050")

    panel.new_goal()
    qtbot.keyClicks(panel.goal_title, "Meer bomen in de wijk")
    panel.goal_theme.set_uuid(project.theme_by_name("Groen verbindt").uuid)
    qtbot.keyClicks(panel.goal_indicator, "Aantal nieuwe bomen")
    qtbot.keyClicks(panel.goal_unit, "bomen")
    qtbot.keyClicks(panel.goal_target, "1.500")
    panel.goal_quantity.setCurrentIndex(panel.goal_quantity.findData("trees"))
    qtbot.mouseClick(panel.save_goal_button, Qt.MouseButton.LeftButton)
    goal = next(g for g in project.goals() if g.title == "Meer bomen in de wijk")
    assert (goal.indicator, goal.unit, goal.target, goal.quantity_key) == (
        "Aantal nieuwe bomen", "bomen", 1500.0, "trees")
    assert goal.theme_uuid == project.theme_by_name("Groen verbindt").uuid
    panel.goal_target.setText("heel veel")
    qtbot.mouseClick(panel.save_goal_button, Qt.MouseButton.LeftButton)
    assert panel.goal_error.isVisible() and project.get("goal", goal.uuid).target == 1500.0
    # the new goal can be linked in the editor
    window.context.select([project.intervention_by_number(1).uuid])
    editor = window.panels["editor"]
    row = next(editor.goals.item(r) for r in range(editor.goals.count())
               if editor.goals.item(r).data(Qt.ItemDataRole.UserRole) == goal.uuid)
    row.setCheckState(Qt.CheckState.Checked)
    assert goal.uuid in project.intervention_by_number(1).goal_uuids
    # progress is computed from the trees of the linked ideas, shown in the goals list
    trees = project.intervention_by_number(1).quantity("trees")
    assert trees
    shown = next(panel.goals.item(r).text() for r in range(panel.goals.count())
                 if panel.goals.item(r).data(Qt.ItemDataRole.UserRole) == goal.uuid)
    assert f"(gepland: {format_number(trees)})" in shown
    assert reopened_snapshot(sample_path) == snapshot(project)
