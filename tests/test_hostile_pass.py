"""What a hostile tester's pass found (30 Nov): each test is a thing a user saw."""

import os
import shutil
import subprocess
import sys

import pytest
from qtpy.QtCore import Qt


def _without_root_powers():
    """A prefix that runs a command without root's right to write into any folder."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: a folder cannot be made read-only for this test")
    caps = "-dac_override,-dac_read_search,-fowner"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", "--"]


def run(*args, prefix=(), timeout=120):
    return subprocess.run([*prefix, sys.executable, "-m", "workbench", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.parametrize("command", [("new", "--name", "Plan"), ("sample", "heerlerheide")])
def test_a_new_project_in_a_read_only_folder_names_the_folder_not_a_hidden_temporary(tmp_path, command):
    folder = tmp_path / "alleen lezen"
    folder.mkdir()
    os.chmod(folder, 0o555)
    target = folder / "plan.gpkg"
    args = (command[0], target, *command[1:]) if command[0] == "new" else (*command, target)
    try:
        result = run(*args, prefix=_without_root_powers())
    finally:
        os.chmod(folder, 0o755)
    assert result.returncode == 2, result.stderr
    assert ".werkbank-nieuw" not in result.stderr, result.stderr
    assert "alleen lezen" in result.stderr and "Geen toegang" in result.stderr, result.stderr
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("kind", ["geojson", "csv"])
def test_an_export_imports_back_with_names_that_hold_a_semicolon_or_bar(sample_path, tmp_path, kind):
    """A session "Avond 12 maart; noord" and a theme "Wonen | werken" were cut in two on
    the way back: every vote was dropped ("Bijeenkomst 'Avond 12 maart' bestaat niet")."""
    from workbench.core.setup_commands import EditSession
    from workbench.core.theme_commands import EditTheme
    from workbench.io.export_csv import export_csv
    from workbench.io.export_geojson import export_geojson
    from workbench.io.import_features import import_file
    from workbench.store import open_project

    project = open_project(sample_path)
    try:
        session = project.sessions()[0]
        project.execute(EditSession(session.uuid, title="Avond 12 maart; noord"))
        first = project.interventions()[0]
        theme = project.get("theme", first.primary_theme_uuid)
        project.execute(EditTheme(theme.uuid, name="Wonen | werken; leven"))
        before = {i.title: (i.theme_uuids, i.primary_theme_uuid, project.votes(i.uuid, session.uuid))
                  for i in project.interventions()}
        out = tmp_path / f"uit.{kind}"
        (export_geojson if kind == "geojson" else export_csv)(project, out)
        old = {i.uuid for i in project.interventions()}
        summary = import_file(project, out)
        text = "\n".join(summary.lines())
        assert "bestaat niet" not in text, text
        after = {i.title: (i.theme_uuids, i.primary_theme_uuid, project.votes(i.uuid, session.uuid))
                 for i in project.interventions() if i.uuid not in old}
        assert after == before
    finally:
        project.close()


from tests.ui_fixtures import dialogs, open_in_window, ui_settings, window  # noqa: E402,F401 (fixtures)


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


@pytest.mark.parametrize("kind", ["geojson", "csv", "gpkg"])
def test_an_idea_without_a_place_survives_an_export_imported_back(sample_path, tmp_path, kind):
    """'Object 23 heeft geen geometrie; overgeslagen': an idea for the whole area (no
    place, as `workbench add` without --wkt makes) was lost on the way back in."""
    from workbench.io.export_csv import export_csv
    from workbench.io.export_geojson import export_geojson
    from workbench.io.export_gpkg import export_gpkg
    from workbench.io.import_features import import_file
    from workbench.store import open_project
    from workbench.core.commands import AddIntervention

    project = open_project(sample_path)
    try:
        project.execute(AddIntervention("Goedkoper openbaar vervoer", None, description="voor de hele stad"))
        out = tmp_path / f"uit.{kind}"
        {"geojson": export_geojson, "csv": export_csv, "gpkg": export_gpkg}[kind](project, out)
        old = {i.uuid for i in project.interventions()}
        summary = import_file(project, out, layer="ideeen" if kind == "gpkg" else None)
        text = "\n".join(summary.lines())
        assert "overgeslagen" not in text and summary.imported == len(old), text
        back = [i for i in project.interventions() if i.uuid not in old]
        assert [(i.title, i.description) for i in back if i.geometry is None] == [
            ("Goedkoper openbaar vervoer", "voor de hele stad")]
        assert len(back) == len(old)
    finally:
        project.close()
    reopened = open_project(sample_path, read_only=True)
    try:
        assert sum(1 for i in reopened.interventions() if i.geometry is None) == 2
    finally:
        reopened.close()


def test_a_file_without_places_is_no_reference_layer(tmp_path, sample_path):
    import json

    from workbench.errors import ValidationError
    from workbench.io.import_features import import_file
    from workbench.store import open_project

    path = tmp_path / "zonder.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": None, "properties": {"naam": "a"}}]}))
    project = open_project(sample_path)
    try:
        layers = len(project.reference_layers())
        with pytest.raises(ValidationError, match="geen bruikbare objecten"):
            import_file(project, path, as_reference=True)
        assert len(project.reference_layers()) == layers
    finally:
        project.close()


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


@pytest.mark.parametrize("margin", ["nan", "inf", "-inf"])
def test_a_base_map_margin_that_is_no_number_is_a_dutch_refusal(sample_path, margin):
    """'onverwachte fout (ValueError: cannot convert float NaN to integer)'."""
    result = run("basemap", "fetch", sample_path, "--source", "brt-standaard", f"--margin={margin}", "--dry-run")
    assert result.returncode == 2 and "onverwachte fout" not in result.stderr, result.stderr
    assert "marge" in result.stderr and "\n" not in result.stderr.strip(), result.stderr


def test_a_name_too_long_with_accents_is_told_a_length_that_fits(tmp_path):
    """'Kies een bestandsnaam van hoogstens 247 tekens' for a name of 205 characters (its
    é's take two bytes each): the user shortened to 240 and was refused again."""
    import re

    name = "é" * 200 + ".gpkg"
    result = run("new", tmp_path / name, "--name", "Lang")
    assert result.returncode == 2, result.stderr
    count = int(re.search(r"hoogstens (\d+) tekens", result.stderr).group(1))
    assert count < len(name)
    fits = "é" * (count - len(".gpkg")) + ".gpkg"
    assert run("new", tmp_path / fits, "--name", "Past").returncode == 0


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


def test_a_file_that_cannot_be_read_is_refused_in_dutch_not_in_the_systems_english(tmp_path, sample_path):
    """'Kan plan.geojson niet lezen: Permission denied' / '...: Is a directory' (an area
    or import file without read access, a folder named like a GeoJSON)."""
    import json

    blocked_geojson, blocked_csv = tmp_path / "grens.geojson", tmp_path / "ideeen.csv"
    blocked_geojson.write_text(json.dumps({"type": "Polygon", "coordinates": [[[5.97, 50.91], [5.98, 50.91],
                                                                              [5.98, 50.92], [5.97, 50.91]]]}))
    blocked_csv.write_text("titel;wkt\nx;POINT (195000 325000)\n")
    folder = tmp_path / "map.geojson"
    folder.mkdir()
    os.chmod(blocked_geojson, 0)
    os.chmod(blocked_csv, 0)
    prefix = _without_root_powers()
    for args in (("new", tmp_path / "a.gpkg", "--name", "A", "--area", blocked_geojson),
                 ("new", tmp_path / "b.gpkg", "--name", "B", "--area", folder),
                 ("import", sample_path, blocked_geojson), ("import", sample_path, blocked_csv)):
        result = run(*args, prefix=prefix)
        assert result.returncode == 2, result.stderr
        assert not any(english in result.stderr for english in ("Permission denied", "Is a directory")), result.stderr
        assert "Geen toegang" in result.stderr or "is een map" in result.stderr, result.stderr


def test_an_area_in_rd_without_crs_is_read_as_rd_and_one_in_the_ocean_is_refused(tmp_path):
    """A boundary in RD numbers without a 'crs' member was read as degrees and refused
    as 'snijdt zichzelf' (after a RuntimeWarning on stderr); a boundary at 0-1 degrees
    (the Gulf of Guinea) became the project's area, where no idea can ever lie."""
    import json

    rd = tmp_path / "rd.geojson"
    rd.write_text(json.dumps({"type": "Polygon", "coordinates": [[[194000, 325000], [196000, 325000],
                                                                 [196000, 327000], [194000, 325000]]]}))
    result = run("new", tmp_path / "rd.gpkg", "--name", "RD", "--area", rd)
    assert result.returncode == 0 and "Warning" not in result.stderr, result.stderr
    info = run("info", tmp_path / "rd.gpkg", "--json")
    assert json.loads(info.stdout)["area_ha"] == 200.0
    ocean = tmp_path / "oceaan.geojson"
    ocean.write_text(json.dumps({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}))
    result = run("new", tmp_path / "oceaan.gpkg", "--name", "Oceaan", "--area", ocean)
    assert result.returncode == 2 and "buiten Nederland" in result.stderr, result.stderr
    assert not (tmp_path / "oceaan.gpkg").exists()


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


def test_a_nul_in_a_quantity_label_written_by_another_tool_still_exports_a_geopackage(sample_path, tmp_path):
    """Found by hypothesis in tests/test_review_store.py during this pass: a quantity
    label of one NUL (written in QGIS or by a script) made 'export gpkg' fail ('the
    query contains a null character'): the label names a column."""
    import sqlite3

    conn = sqlite3.connect(sample_path)
    conn.execute("UPDATE quantity_kinds SET label = ? WHERE rowid = (SELECT MIN(rowid) FROM quantity_kinds)",
                 ("\x00",))
    conn.execute("UPDATE themes SET name = ? WHERE rowid = (SELECT MIN(rowid) FROM themes)", ("Gr\x00oen\x07",))
    conn.commit()
    conn.close()
    result = run("export", "gpkg", sample_path, tmp_path / "plat.gpkg")
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(tmp_path / "plat.gpkg")
    try:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(ideeen)")]
    finally:
        conn.close()
    assert "kolom" in columns and not any("\x00" in c for c in columns)


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
