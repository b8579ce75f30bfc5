"""Bestand > Synchroniseren: the dialog syncs with a real PostGIS, network steps off the GUI thread."""

import shutil

from shapely.geometry import Point

from tests.ui_fixtures import dialogs, ui_settings, window  # noqa: F401 (fixtures)
from workbench.core.commands import AddIntervention
from workbench.store import open_project


def another_laptop_adds_an_idea(sample_path, tmp_path, database) -> None:
    """A copy of the project adds "Van de andere laptop" and syncs it into the database."""
    from workbench.sync.run import sync_project

    laptop = tmp_path / "laptop.gpkg"
    shutil.copy(sample_path, laptop)
    other = open_project(laptop)
    try:
        other.execute(AddIntervention("Van de andere laptop", Point(195000, 325500)))
        sync_project(other, database)
    finally:
        other.close()


def test_sync_dialog_pulls_pushes_and_remembers_the_address(qtbot, ui_settings, sample_path, tmp_path, database):
    from workbench.ui.sync_dialog import SyncDialog

    another_laptop_adds_an_idea(sample_path, tmp_path, database)
    project = open_project(sample_path)
    try:
        dialog = SyncDialog(project)
        qtbot.addWidget(dialog)
        dialog.start()
        assert "Geef het adres" in dialog.error.text()
        dialog.address.setText(database)
        dialog.start()
        qtbot.waitUntil(lambda: dialog.summary is not None or bool(dialog.error.text()), timeout=60000)
        assert dialog.summary is not None, dialog.error.text()
        assert "Van de andere laptop" in [i.title for i in project.interventions()]
        assert "Toegevoegd: 1 idee." in dialog.result.toPlainText()
        assert project.undo_stack.can_undo()  # the pull is one undo step
        again = SyncDialog(project)
        qtbot.addWidget(again)
        assert again.address.text() == database
    finally:
        project.close()


def test_sync_dialog_says_in_dutch_when_the_database_is_unreachable(qtbot, ui_settings, sample_path):
    from tests.postgis_server import _free_port
    from workbench.ui.sync_dialog import SyncDialog

    project = open_project(sample_path)
    try:
        dialog = SyncDialog(project)
        qtbot.addWidget(dialog)
        dialog.address.setText(f"postgresql://niemand@127.0.0.1:{_free_port()}/gemeente")
        dialog.start()
        qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=30000)
        assert "De database is niet bereikbaar" in dialog.error.text()
        assert dialog.ok_button.isEnabled() and dialog.summary is None
    finally:
        project.close()


def test_the_file_menu_has_synchroniseren(qtbot, ui_settings):
    from workbench.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    texts = [a.text() for a in window.actions_.menus["file"].actions()]
    assert "S&ynchroniseren…" in texts


def test_the_dialog_brings_in_another_laptops_base_map_and_the_map_shows_it(qtbot, window, sample_path, tmp_path,
                                                                           database):
    from tests.basemap_fixtures import add_test_basemap
    from tests.ui_fixtures import open_in_window
    from workbench.sync.run import sync_project

    laptop = tmp_path / "laptop.gpkg"
    shutil.copy(sample_path, laptop)
    other = open_project(laptop)
    try:
        add_test_basemap(other, "basemap_kantoor", levels=(10, 11))
        sync_project(other, database)
    finally:
        other.close()
    project = open_in_window(qtbot, window, sample_path)
    assert window.map_view.scene().basemap.maps() == []
    dialog = window.sync_dialog()
    dialog.address.setText(database)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.summary is not None or bool(dialog.error.text()), timeout=60000)
    assert dialog.summary is not None, dialog.error.text()
    assert "tegels verstuurd" in dialog.result.toPlainText()
    assert [name for name, _title in window.map_view.scene().basemap.maps()] == ["basemap_kantoor"]
    assert project is window.context.project


def test_a_read_grant_shows_what_came_in_and_says_its_own_edits_were_not_sent(qtbot, ui_settings, sample_path,
                                                                               tmp_path, database, postgis_server):
    from tests.test_sync_postgis import _role
    from workbench.cli import main
    from workbench.ui.sync_dialog import SyncDialog

    reader = _role(postgis_server, database, "lezer_dialoog", "werkbank_facilitator")
    assert main(["db", "grant", "--db", database, "--project", str(sample_path), "--role", "lezer_dialoog",
                 "--read-only"]) == 0
    another_laptop_adds_an_idea(sample_path, tmp_path, database)
    project = open_project(sample_path)
    try:
        project.execute(AddIntervention("Van de lezer", Point(195100, 325500)))
        dialog = SyncDialog(project)
        qtbot.addWidget(dialog)
        dialog.address.setText(reader)
        dialog.start()
        qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=60000)
        assert "alleen lezen" in dialog.error.text() and "(1 rij)" in dialog.error.text()
        assert "Toegevoegd: 1 idee." in dialog.result.toPlainText()  # what came in is shown with the refusal
        assert "Van de andere laptop" in [i.title for i in project.interventions()]
        assert dialog.ok_button.isEnabled()
    finally:
        project.close()
