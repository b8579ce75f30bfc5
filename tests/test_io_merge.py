"""Merging the files of four stadsdeelbijeenkomsten, edited independently on four laptops."""

import shutil

import pytest
from shapely.geometry import Point

from tests.helpers import reopened_snapshot, snapshot
from workbench.cli import main
from workbench.core.commands import AddIntervention, AddQuote, DeleteInterventions, EditIntervention, SetVotes
from workbench.core.setup_commands import AddSession
from workbench.errors import ValidationError
from workbench.io.merge import NEWEST_WINS, merge_files, provenance
from workbench.store import open_project

LAPTOPS = ("noord", "oost", "zuid", "west")


def edit_laptop(path, name, edits):
    """Run a bijeenkomst on one laptop: its own session, a new idea, votes, a quote, ``edits``."""
    project = open_project(path)
    try:
        session = project.execute(AddSession(f"Bijeenkomst {name}", date="2026-03-01")).uuid
        project.set_current_session(session)
        new = project.execute(AddIntervention(f"Nieuw idee {name}", Point(195000 + len(name) * 10, 325500))).uuid
        project.execute(SetVotes(new, 4))
        for item in project.interventions()[:3]:
            project.execute(SetVotes(item.uuid, 2))
        project.execute(AddQuote(f"Mooi plan, zegt {name}", "Bewoner", new))
        edits(project)
    finally:
        project.close()


def by_title(project, title):
    return [i for i in project.interventions() if i.title == title]


@pytest.fixture
def laptops(sample_path, tmp_path):
    """Base sample plus four edited copies; returns (target copy, [laptop files], base numbers)."""
    base = open_project(sample_path)
    items = base.interventions()
    x1, x2, x3, x4 = (i.uuid for i in items[3:7])
    base.close()
    paths = {}
    for name in LAPTOPS:
        paths[name] = tmp_path / f"{name}.gpkg"
        shutil.copy(sample_path, paths[name])
    target = tmp_path / "totaal.gpkg"
    shutil.copy(sample_path, target)
    edit_laptop(paths["noord"], "noord", lambda p: (
        p.execute(EditIntervention(x1, title="Titel uit noord")),
        p.execute(DeleteInterventions([x4]))))
    edit_laptop(paths["oost"], "oost", lambda p: (
        p.execute(EditIntervention(x1, description="Omschrijving uit oost")),
        p.execute(EditIntervention(x4, title="X4 bewerkt in oost"))))
    edit_laptop(paths["zuid"], "zuid", lambda p: p.execute(EditIntervention(x2, status="besloten")))
    edit_laptop(paths["west"], "west", lambda p: p.execute(DeleteInterventions([x3])))
    return target, [paths[n] for n in LAPTOPS], (x1, x2, x3, x4)


def merge(target, sources, rule="keep_both"):
    project = open_project(target)
    try:
        return merge_files(project, sources, rule)
    finally:
        project.close()


def test_four_bijeenkomsten_merge_with_nothing_lost_or_duplicated(laptops, sample_path):
    target, sources, (x1, x2, x3, x4) = laptops
    base = open_project(sample_path, read_only=True)
    base_votes = sum(v.count for v in base.all("vote")) - base.votes(x3)  # x3's votes go with it
    base_count = len(base.all("intervention"))
    base.close()
    summary = merge(target, sources)
    project = open_project(target, read_only=True)
    try:
        for name in LAPTOPS:
            assert len(by_title(project, f"Nieuw idee {name}")) == 1
            assert project.session_by_title(f"Bijeenkomst {name}") is not None
            assert len([q for q in project.quotes() if q.text == f"Mooi plan, zegt {name}"]) == 1
        # 4 laptop votes per new idea plus 2 on three existing ideas, per laptop, never doubled
        assert sum(v.count for v in project.all("vote")) == base_votes + 4 * (4 + 3 * 2)
        assert project.get("intervention", x2).status == "besloten"          # edited on one laptop only
        assert project.get("intervention", x3) is None                       # deleted on one, untouched elsewhere
        assert project.get("tombstone", x3) is not None
        assert project.get("intervention", x4).title == "X4 bewerkt in oost"  # deleted vs edited: edit kept
        # x1 edited on two laptops: both versions kept, as separate ideas
        versions = [i for i in project.interventions() if i.uuid == x1 or i.description == "Omschrijving uit oost"]
        assert {v.title for v in versions} >= {"Titel uit noord"}
        assert len(versions) == 2 and len({v.number for v in versions}) == 2
        # nothing lost: base ideas minus the deleted one, plus 4 new ones, plus the conflict copy
        assert len(project.all("intervention")) == base_count - 1 + 4 + 1
        numbers = [i.number for i in project.interventions()]
        assert len(numbers) == len(set(numbers))
    finally:
        project.close()
    conflicts = [c.line() for c in summary.conflicts]
    assert len(conflicts) == 2
    assert any("is in beide bestanden gewijzigd" in c and "Beide versies zijn bewaard" in c for c in conflicts)
    assert any("in het doelproject verwijderd en in de bron gewijzigd" in c for c in conflicts)
    assert summary.added["intervention"] == 4 and summary.added["session"] == 4
    assert len(summary.deleted) == 2  # x4 by noord (later restored by oost's edit), x3 by west


def test_a_second_merge_of_the_same_files_changes_nothing(laptops):
    target, sources, _uuids = laptops
    merge(target, sources)
    before = reopened_snapshot(target)
    summary = merge(target, sources)
    assert reopened_snapshot(target) == before
    assert summary.changes == 0 and not summary.conflicts
    assert "Er was niets nieuws; het project is niet gewijzigd." in summary.lines()


def test_newest_wins_keeps_one_version(laptops):
    target, sources, (x1, _x2, _x3, x4) = laptops
    summary = merge(target, sources, NEWEST_WINS)
    project = open_project(target, read_only=True)
    try:
        assert project.get("intervention", x1).description == "Omschrijving uit oost"  # oost edited after noord
        assert not [i for i in project.interventions() if i.title == "Titel uit noord"]
        assert project.get("intervention", x4).title == "X4 bewerkt in oost"
    finally:
        project.close()
    assert any("De nieuwste versie (uit de bron) is gebruikt." in c.line() for c in summary.conflicts)
    before = reopened_snapshot(target)
    merge(target, sources, NEWEST_WINS)
    assert reopened_snapshot(target) == before


def test_deleted_on_a_laptop_and_edited_in_the_target_is_a_conflict_that_keeps_the_edit(laptops):
    target, sources, (_x1, _x2, x3, _x4) = laptops
    project = open_project(target)
    try:
        project.execute(EditIntervention(x3, title="Toch bewaren"))
        summary = merge_files(project, [sources[3]])  # west deleted x3
        assert project.get("intervention", x3).title == "Toch bewaren"
        assert any("in de bron verwijderd en in het doelproject gewijzigd" in c.line() for c in summary.conflicts)
    finally:
        project.close()


def test_a_merge_is_one_undo_step(laptops):
    target, sources, _uuids = laptops
    project = open_project(target)
    try:
        before = snapshot(project)
        merge_files(project, sources)
        assert snapshot(project) != before
        project.undo_stack.undo()
        assert snapshot(project) == before
    finally:
        project.close()


def test_provenance_names_the_file_and_session(laptops):
    target, sources, _uuids = laptops
    merge(target, sources)
    project = open_project(target, read_only=True)
    try:
        item = by_title(project, "Nieuw idee zuid")[0]
        assert provenance(project)[item.uuid] == ["zuid.gpkg", "Bijeenkomst zuid"]
    finally:
        project.close()


def test_themes_are_matched_by_name_when_uuids_differ(sample_path, empty_project, tmp_path):
    from workbench.core.theme_commands import AddTheme

    empty_project.execute(AddTheme("groen VERBINDT", "#00ff00"))
    merge_files(empty_project, [sample_path], other_project=True)  # a new project: confirmed
    groen = [t for t in empty_project.themes() if t.name.casefold() == "groen verbindt"]
    assert len(groen) == 1
    tagged = [i for i in empty_project.interventions() if groen[0].uuid in i.theme_uuids]
    assert tagged


def test_merging_the_target_into_itself_is_refused(sample_path):
    project = open_project(sample_path)
    try:
        with pytest.raises(ValidationError, match="het doelproject zelf"):
            merge_files(project, [sample_path])
    finally:
        project.close()


def test_cli_merge(laptops, capsys):
    target, sources, _uuids = laptops
    assert main(["merge", str(target), *map(str, sources)]) == 0
    out = capsys.readouterr().out
    assert "Samengevoegd: noord.gpkg, oost.gpkg, zuid.gpkg, west.gpkg." in out
    assert "Conflicten: 2." in out
    assert main(["merge", str(target), str(target.parent / "bestaat-niet.gpkg")]) == 2


def test_merging_into_a_laptop_file_loses_nothing_either(laptops):
    _target, sources, (x1, x2, x3, x4) = laptops
    noord, others = sources[0], sources[1:]
    merge(noord, others)
    project = open_project(noord, read_only=True)
    try:
        titles = [i.title for i in project.interventions()]
        for name in LAPTOPS:
            assert titles.count(f"Nieuw idee {name}") == 1
        assert project.get("intervention", x1).title == "Titel uit noord"          # noord's own edit stands
        assert [i for i in project.interventions() if i.description == "Omschrijving uit oost"]  # oost's kept too
        assert project.get("intervention", x2).status == "besloten"
        assert project.get("intervention", x3) is None
        assert project.get("intervention", x4).title == "X4 bewerkt in oost"
    finally:
        project.close()
    before = reopened_snapshot(noord)
    assert merge(noord, others).changes == 0
    assert reopened_snapshot(noord) == before


def test_an_edit_with_a_clock_running_behind_is_not_overwritten(laptops, monkeypatch):
    target, sources, (_x1, x2, _x3, _x4) = laptops
    zuid = sources[2]
    merge(target, [zuid])  # zuid set x2 to "besloten"; the target takes it
    project = open_project(target)
    try:
        session = project.execute(AddSession("Samenvoegavond")).uuid
        project.set_current_session(session)
        # This laptop's clock is a day behind: its edit is stamped before zuid's.
        monkeypatch.setattr("workbench.core.commands.now_iso", lambda: "2000-01-01T00:00:00.000+00:00")
        project.execute(EditIntervention(x2, title="Hier aangepast"))
        monkeypatch.undo()
    finally:
        project.close()
    edit_laptop(zuid, "zuid-2", lambda p: p.execute(EditIntervention(x2, horizon="2040")))
    summary = merge(target, [zuid])
    project = open_project(target, read_only=True)
    try:
        assert project.get("intervention", x2).title == "Hier aangepast"
        assert [i for i in project.interventions() if i.horizon == "2040" and i.status == "besloten"]
    finally:
        project.close()
    assert any("is in beide bestanden gewijzigd" in c.line() for c in summary.conflicts)


def test_a_file_from_an_older_version_merges_without_being_changed(sample_path, tmp_path):
    from workbench.store import gpkg_blob
    from workbench.store.connection import connect
    from workbench.store.migrations import migrate
    from workbench.store.schema import APPLICATION_ID, GPKG_USER_VERSION

    older = tmp_path / "oud.gpkg"  # a schema-1 file, as the first version wrote them
    conn = connect(older)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {GPKG_USER_VERSION}")
    migrate(conn, target=1)
    conn.execute("INSERT INTO interventions (uuid, number, title, status, created_at, changed_at, geom) "
                 "VALUES ('0b7d4c1e-0000-4000-8000-000000000001', 1, 'Uit een oude versie', 'idee', "
                 "'2026-01-01T00:00:00.000+00:00', '2026-01-01T00:00:00.000+00:00', ?)",
                 (gpkg_blob.encode(Point(195000, 325500)),))
    conn.close()
    before = older.read_bytes()
    summary = merge(sample_path, [older])
    assert older.read_bytes() == before
    assert summary.added["intervention"] == 1
    project = open_project(sample_path, read_only=True)
    try:
        assert by_title(project, "Uit een oude versie")
    finally:
        project.close()
