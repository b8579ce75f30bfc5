"""What a hostile tester's pass found in the window (30 Nov): each test is a thing a
user saw; the command-line and file ones are in test_hostile_pass.py."""

from qtpy.QtCore import Qt

from tests.ui_fixtures import dialogs, open_in_window, ui_settings, window  # noqa: F401 (fixtures)


def test_editing_a_session_without_a_date_does_not_date_it_today(qtbot, window, sample_path):
    """A session made by an import (no date) got today's date when only its place was
    corrected: the handout then printed the wrong evening."""
    from workbench.core.setup_commands import EditSession
    from workbench.ui.sessions import SessionDialog

    project = open_in_window(qtbot, window, sample_path)
    session = project.sessions()[0]
    stored = ""
    project.execute(EditSession(session.uuid, date=stored))
    dialog = SessionDialog(window.context, project.get("session", session.uuid))
    dialog.form.place.setText("Buurthuis De Passart")
    dialog.accept()
    edited = project.get("session", session.uuid)
    assert edited.place == "Buurthuis De Passart" and edited.date == stored
    # a date the user picks is kept
    dialog = SessionDialog(window.context, edited)
    from qtpy.QtCore import QDate
    dialog.form.date.setDate(QDate(2025, 3, 12))
    dialog.accept()
    assert project.get("session", session.uuid).date == "2025-03-12"


def test_focus_passing_through_the_editor_keeps_a_title_longer_than_32767_characters(qtbot, window, sample_path):
    """A QLineEdit holds 32,767 characters: tabbing through the editor of an idea with a
    longer title or trekker (an import, `workbench add`) cut it and saved the cut."""
    from workbench.core.commands import EditIntervention
    from workbench.core.theme_commands import EditTheme

    project = open_in_window(qtbot, window, sample_path)
    item = project.interventions()[0]
    title, actor = "Lange titel " + "x" * 40_000, "Trekker " + "y" * 40_000
    project.execute(EditIntervention(item.uuid, title=title, actor=actor))
    window.context.select([item.uuid])
    editor = window.panels["editor"]
    for field in (editor.title, editor.actor, editor.title):
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
    stored = project.get("intervention", item.uuid)
    assert stored.title == title and stored.actor == actor, (len(stored.title), len(stored.actor))
    # and what the user adds to the end of such a title is kept whole
    editor.title.end(False)
    editor.title.insert("!")
    editor.actor.setFocus()
    qtbot.waitUntil(editor.actor.hasFocus)
    assert project.get("intervention", item.uuid).title == title + "!", len(project.get("intervention", item.uuid).title)
    # the themes panel's name field the same
    theme = project.themes()[0]
    name = "Thema " + "z" * 40_000
    project.execute(EditTheme(theme.uuid, name=name))
    panel = window.panels["themes"]
    panel.select_theme(theme.uuid)
    panel.name.setFocus()
    qtbot.waitUntil(panel.name.hasFocus)
    editor.title.setFocus()
    qtbot.waitUntil(editor.title.hasFocus)
    assert project.get("theme", theme.uuid).name == name, len(project.get("theme", theme.uuid).name)


def test_a_quote_typed_and_left_is_kept(qtbot, window, sample_path):
    """A quote typed in the Citaten form was lost without a word when the facilitator
    chose another quote in the list, or closed the window, before pressing Toevoegen."""
    from workbench.store import open_project

    project = open_in_window(qtbot, window, sample_path)
    panel = window.panels["quotes"]
    first, second = project.quotes()[:2]
    rows = [panel.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(panel.list.count())]
    panel.list.setCurrentRow(rows.index(first.uuid))
    panel.speaker.setText("Bewoonster van de Passart")
    panel.list.setCurrentRow(rows.index(second.uuid))  # chose the next quote
    assert project.get("quote", first.uuid).speaker == "Bewoonster van de Passart"
    assert panel.editing_uuid == second.uuid and panel.text.toPlainText() == second.text
    panel.new_quote()
    panel.text.setPlainText("Hier wil ik 's avonds veilig kunnen fietsen.")
    window.close()
    reopened = open_project(sample_path, read_only=True)
    try:
        assert "Hier wil ik 's avonds veilig kunnen fietsen." in [q.text for q in reopened.quotes()]
    finally:
        reopened.close()


def test_an_answer_being_typed_survives_a_verdict_and_is_saved_when_another_idea_is_chosen(qtbot, window, dialogs,
                                                                                            sample_path):
    """Choosing the eindoordeel above a half-typed answer wiped the answer (and its
    afhandeling); choosing the next idea on the map did the same, without a word."""
    from tests.ui_fixtures import show_dock
    from workbench.core.model import answer_uuid, verdict_uuid
    from workbench.store import open_project

    project = open_in_window(qtbot, window, sample_path)
    panel = show_dock(qtbot, window, "toets")
    eight, nine = project.intervention_by_number(8), project.intervention_by_number(9)
    window.context.select([eight.uuid])
    panel.disposition.setCurrentIndex(panel.disposition.findData("opgenomen"))
    panel.text.setPlainText("Het idee komt in de gebiedsvisie.")
    combo = panel.table.cellWidget(0, 1)
    combo.setCurrentIndex(combo.findData("voldoet"))
    assert project.get("verdict", verdict_uuid(eight.uuid, "eindoordeel")).verdict == "voldoet"
    assert panel._later.dirty
    panel._later.flush()  # the refresh the verdict asked for, as it runs once the edits rest
    assert panel.text.toPlainText() == "Het idee komt in de gebiedsvisie."
    assert panel.disposition.currentData() == "opgenomen"
    window.context.select([nine.uuid])
    answer = project.get("answer", answer_uuid(eight.uuid))
    assert answer is not None and (answer.disposition, answer.text) == ("opgenomen", "Het idee komt in de gebiedsvisie.")
    assert panel.text.toPlainText() == ""  # the form shows idea 9 now
    panel.disposition.setCurrentIndex(panel.disposition.findData("opgenomen"))
    panel.text.setPlainText("Ook dit idee.")
    window.close()
    reopened = open_project(sample_path, read_only=True)
    try:
        assert reopened.get("answer", answer_uuid(nine.uuid)).text == "Ook dit idee."
    finally:
        reopened.close()


def test_a_goal_typed_and_left_is_kept_and_an_untouched_one_makes_no_step(qtbot, window, sample_path):
    """A new goal typed in the Project dock was lost when another goal was chosen in the
    list or the window closed before Toevoegen."""
    from workbench.store import open_project

    project = open_in_window(qtbot, window, sample_path)
    panel = window.panels["project"]
    goals = project.goals()
    for goal in goals:  # walking through the list, changing nothing, changes nothing
        panel.goals.setCurrentRow([panel.goals.item(r).data(Qt.ItemDataRole.UserRole)
                                   for r in range(panel.goals.count())].index(goal.uuid))
        assert panel.goal_uuid == goal.uuid
    assert not project.undo_stack.can_undo() and project.goals() == goals
    panel.new_goal()
    panel.goal_title.setText("Honderd nieuwe bomen")
    panel.goals.setCurrentRow(0)
    assert "Honderd nieuwe bomen" in [g.title for g in project.goals()]
    panel.new_goal()
    panel.goal_title.setText("Vijftig woningen erbij")
    window.close()
    reopened = open_project(sample_path, read_only=True)
    try:
        assert {"Honderd nieuwe bomen", "Vijftig woningen erbij"} <= {g.title for g in reopened.goals()}
    finally:
        reopened.close()


def test_focus_passing_through_a_quantity_does_not_round_it(qtbot, window, sample_path):
    """A quantity of 12345.678 showed as '12345,7' and tabbing through the field saved
    12345.7 (and 1234567.5 became 1234570)."""
    from workbench.core.commands import EditIntervention

    project = open_in_window(qtbot, window, sample_path)
    item = project.interventions()[0]
    key = project.quantity_kinds()[0].key
    editor = window.panels["editor"]
    for value in (12345.678, 1234567.5, 0.123456789):
        project.execute(EditIntervention(item.uuid, quantities={key: value}))
        window.context.select([item.uuid])
        edit = editor.quantity_edits[key]
        edit.setFocus()
        qtbot.waitUntil(edit.hasFocus)
        editor.title.setFocus()
        qtbot.waitUntil(editor.title.hasFocus)
        assert project.get("intervention", item.uuid).quantity(key) == value
        assert "," in edit.text()  # still written the Dutch way


def test_focus_passing_through_the_editor_changes_no_text(qtbot, window, sample_path):
    """Qt's text fields hand back another text than they were given for a few characters
    (a no-break space in a description becomes a space, a line separator a newline, a
    leading byte-order mark is dropped): tabbing through the editor saved that as an
    edit of the idea, its project info the same."""
    from workbench.core.commands import EditIntervention
    from workbench.core.setup_commands import EditInfo

    project = open_in_window(qtbot, window, sample_path)
    item = project.interventions()[0]
    fields = dict(title="\ufeffFietspad 10\u00a0km", description="Een pad van 10\u00a0km.\u2028Met bomen.",
                  actor="\ufeffGemeente", notes="Kosten €\u00a05\u00a0mln.\u2029Later.")
    project.execute(EditIntervention(item.uuid, **fields))
    project.execute(EditInfo(name="\ufeffPlan", description="Visie\u00a02050"))
    stored = project.get("intervention", item.uuid)
    assert "\u00a0" in stored.description and "\u2028" in stored.description and stored.title.startswith("\ufeff")
    info = project.info
    window.context.select([item.uuid])
    editor, details = window.panels["editor"], window.panels["project"]
    steps = project.undo_stack.undo_text()
    for field in (editor.title, editor.description, editor.actor, editor.notes, details.info_edits["name"],
                  details.info_edits["description"], editor.title):
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
    assert project.get("intervention", item.uuid) == stored and project.info == info
    assert project.undo_stack.undo_text() == steps
    # typing still commits
    editor.description.setFocus()
    qtbot.waitUntil(editor.description.hasFocus)
    qtbot.keyClicks(editor.description, "!")
    editor.title.setFocus()
    qtbot.waitUntil(editor.title.hasFocus)
    assert "!" in project.get("intervention", item.uuid).description


def test_focus_passing_through_a_theme_name_renames_nothing(qtbot, window, sample_path):
    """A theme name with a leading byte-order mark (written by another tool) was renamed
    without it the moment focus passed through the name field."""
    from tests.ui_fixtures import show_dock
    from workbench.core.theme_commands import EditTheme

    project = open_in_window(qtbot, window, sample_path)
    theme = project.themes()[0]
    project.execute(EditTheme(theme.uuid, name="\ufeffGroen verbindt opnieuw"))
    stored = project.get("theme", theme.uuid)
    panel = show_dock(qtbot, window, "themes")
    panel.select_theme(theme.uuid)
    panel.name.setFocus()
    qtbot.waitUntil(panel.name.hasFocus)
    window.panels["editor"].title.setFocus()
    qtbot.waitUntil(lambda: not panel.name.hasFocus())
    assert project.get("theme", theme.uuid) == stored
    panel.name.setText("Groen verbindt anders")  # typed
    panel.name.editingFinished.emit()
    assert project.get("theme", theme.uuid).name == "Groen verbindt anders"


def test_a_stored_count_above_what_the_box_takes_by_hand_shows_as_stored(qtbot, window, sample_path):
    """An import or a sync may store 12,000 stickers for an idea: the counter showed 9999
    (its range), and pressing + then showed 9999 again."""
    from workbench.core.commands import SetVotes

    project = open_in_window(qtbot, window, sample_path)
    item = project.interventions()[0]
    project.execute(SetVotes(item.uuid, 12000))
    window.map_view.select([item.uuid])
    qtbot.waitUntil(lambda: window.quick_capture.votes.spin.value() == 12000)
    window.quick_capture.votes.plus.click()
    assert project.votes(item.uuid, project.current_session_uuid) == 12001
    qtbot.waitUntil(lambda: window.quick_capture.votes.spin.value() == 12001)


def test_an_answer_that_cannot_be_saved_stays_for_its_idea_and_the_window_says_so_without_a_box(
        qtbot, window, dialogs, sample_path):
    """An answer typed without an afhandeling cannot be saved: choosing another idea
    opened a warning box in the middle of the panel's refresh and threw the typing away;
    closing did the same (found by review). Now the status bar says it, the typing comes
    back with its idea, and the first close stays open (the second closes)."""
    from tests.ui_fixtures import show_dock

    project = open_in_window(qtbot, window, sample_path)
    panel = show_dock(qtbot, window, "toets")
    eight, nine = project.intervention_by_number(8), project.intervention_by_number(9)
    window.context.select([eight.uuid])
    panel.text.setPlainText("Nog te bespreken met de wijkraad.")
    said = []
    window.context.message.connect(said.append)
    window.context.select([nine.uuid])
    assert dialogs.shown == []
    assert any("idee 8 is niet opgeslagen" in text for text in said)
    assert panel.text.toPlainText() == ""
    window.context.select([eight.uuid])
    assert panel.text.toPlainText() == "Nog te bespreken met de wijkraad."
    window.close()
    assert window.isVisible()  # the reason was said; the typing stays
    window.close()
    assert not window.isVisible()


def test_walking_through_quotes_and_goals_with_odd_characters_saves_nothing(qtbot, window, sample_path):
    """Choosing a quote or goal whose text holds a no-break space or a leading byte-order
    mark, then the next one, saved the text as Qt handed it back (changed): an edit nobody
    made, an undo step (found by review; the editor had been mended, these forms not)."""
    from tests.ui_fixtures import show_dock
    from workbench.core.commands import AddQuote
    from workbench.core.theme_commands import AddGoal

    project = open_in_window(qtbot, window, sample_path)
    odd = project.execute(AddQuote(text="Hier\u00a0wil ik fietsen", speaker="\ufeffBewoner")).uuid
    goal = project.execute(AddGoal("\ufeffMeer groen")).uuid
    before = (project.get("quote", odd), project.get("goal", goal))
    quotes, panel = show_dock(qtbot, window, "quotes"), window.panels["project"]
    for widget, uuid in ((quotes.list, odd), (panel.goals, goal)):
        rows = [widget.item(r).data(Qt.ItemDataRole.UserRole) for r in range(widget.count())]
        widget.setCurrentRow(rows.index(uuid))
        widget.setCurrentRow(next(r for r, other in enumerate(rows) if other != uuid))
    assert (project.get("quote", odd), project.get("goal", goal)) == before


def test_a_refused_goal_keeps_the_window_open_once_and_a_large_count_does_not_widen_the_next_box(
        qtbot, window, sample_path):
    """Closing with a typed goal whose target is no number lost it without a word (the
    reason showed in a window that closed); now the window stays open once, with the
    reason. And a box that showed 12,000 stickers took 12,000 typed for the next idea."""
    from workbench.core.commands import SetVotes

    project = open_in_window(qtbot, window, sample_path)
    panel = window.panels["project"]
    panel.new_goal()
    panel.goal_title.setText("Minder verharding")
    panel.goal_target.setText("veel")
    window.close()
    assert window.isVisible() and panel.goal_error.isVisible()
    first, second = project.interventions()[:2]
    project.execute(SetVotes(first.uuid, 12000))
    spin = window.quick_capture.votes.spin
    window.map_view.select([first.uuid])
    qtbot.waitUntil(lambda: spin.value() == 12000)
    window.map_view.select([second.uuid])
    qtbot.waitUntil(lambda: spin.maximum() == 9999)
    panel.goal_title.clear()  # nothing typed any more: the window closes
    window.close()
    assert not window.isVisible()
