"""Opening: migration of older files, refusal of unusable ones (untouched), the in-use lock."""

import hashlib
import os
import sqlite3
import subprocess
import sys
import time

import pytest
from shapely.geometry import Point

from workbench.core.commands import AddIntervention
from workbench.errors import ProjectFileError, ProjectInUseError
from workbench.store import gpkg_blob, migrations, open_project
from workbench.store.connection import connect
from workbench.store.schema import APPLICATION_ID, GPKG_USER_VERSION


def fingerprint(path):
    stat = os.stat(path)
    return hashlib.sha256(open(path, "rb").read()).hexdigest(), stat.st_mtime_ns, stat.st_size


def make_v1_file(path):
    """A file as version 1 of the workbench wrote it, with one intervention in it."""
    conn = connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {GPKG_USER_VERSION}")
    migrations.migrate(conn, target=1)
    conn.execute("INSERT INTO project_info (uuid, name) VALUES ('p1', 'Oud project')")
    conn.execute("INSERT INTO interventions (uuid, number, title, status, geom) VALUES (?, 1, 'Oud idee', 'idee', ?)",
                 ("5d2c1d9e-0000-4000-8000-000000000001", gpkg_blob.encode(Point(1, 2))))
    conn.close()


def test_older_schema_is_migrated_and_keeps_its_data(tmp_path):
    path = tmp_path / "oud.gpkg"
    make_v1_file(path)
    project = open_project(path)
    assert project.info.name == "Oud project"
    (item,) = project.interventions()
    assert item.title == "Oud idee" and item.actor == "" and item.geometry.equals(Point(1, 2))
    project.execute(AddIntervention("Nieuw", Point(3, 4), actor="Gemeente"))
    project.close()
    conn = sqlite3.connect(path)
    assert migrations.schema_version(conn) == migrations.SCHEMA_VERSION
    assert conn.execute("SELECT actor FROM interventions WHERE title = 'Nieuw'").fetchone() == ("Gemeente",)


def test_a_failing_migration_leaves_the_file_at_its_old_version(tmp_path, monkeypatch):
    path = tmp_path / "oud.gpkg"
    make_v1_file(path)

    def broken(conn):
        conn.execute("ALTER TABLE interventions ADD COLUMN half_done TEXT")
        raise RuntimeError("power cut")

    monkeypatch.setattr(migrations, "MIGRATIONS", [migrations.MIGRATIONS[0], broken])
    conn = connect(path)
    with pytest.raises(RuntimeError):
        migrations.migrate(conn, target=2)
    assert migrations.schema_version(conn) == 1
    columns = [row[1] for row in conn.execute("PRAGMA table_info(interventions)")]
    assert "half_done" not in columns
    conn.close()


def test_newer_schema_is_refused_and_untouched(sample_path):
    conn = sqlite3.connect(sample_path)
    conn.execute("UPDATE workbench_meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    before = fingerprint(sample_path)
    with pytest.raises(ProjectFileError, match="nieuwere versie"):
        open_project(sample_path)
    assert fingerprint(sample_path) == before


def _plain_sqlite(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


def _foreign_geopackage(path):
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("CREATE TABLE gpkg_contents (table_name TEXT)")
    conn.commit()
    conn.close()


def _damaged(path, sample):
    data = bytearray(open(sample, "rb").read())
    data[4096 * 3: 4096 * 6] = b"\xff" * (4096 * 3)  # overwrite pages in the middle
    open(path, "wb").write(bytes(data))


@pytest.mark.parametrize("kind, message", [
    ("text", "geen GeoPackage"),
    ("empty", "geen GeoPackage"),
    ("sqlite", "geen GeoPackage"),
    ("foreign_gpkg", "geen werkbankproject"),
    ("truncated", "beschadigd|geen GeoPackage|kan niet"),
    ("damaged", "beschadigd"),
])
def test_unusable_files_are_refused_with_a_dutch_message_and_untouched(tmp_path, sample_path, kind, message):
    path = tmp_path / f"{kind}.gpkg"
    if kind == "text":
        path.write_text("Dit is een boodschappenlijstje.\n", encoding="utf-8")
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "sqlite":
        _plain_sqlite(path)
    elif kind == "foreign_gpkg":
        _foreign_geopackage(path)
    elif kind == "truncated":
        path.write_bytes(open(sample_path, "rb").read()[:5000])
    elif kind == "damaged":
        _damaged(path, sample_path)
    before = fingerprint(path)
    with pytest.raises(ProjectFileError, match=f"(?i){message}"):
        open_project(path)
    assert fingerprint(path) == before
    assert not os.path.exists(str(path) + "-journal")


def test_missing_file_and_folder_are_refused(tmp_path):
    with pytest.raises(ProjectFileError, match="bestaat niet"):
        open_project(tmp_path / "nergens.gpkg")
    with pytest.raises(ProjectFileError, match="map"):
        open_project(tmp_path)


HOLDER = """
import sys, time
from workbench.store import open_project
project = open_project(sys.argv[1])
print("open", flush=True)
time.sleep(60)
"""


def test_second_process_is_told_the_project_is_in_use(sample_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(sample_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        before = fingerprint(sample_path)
        with pytest.raises(ProjectInUseError, match="al geopend"):
            open_project(sample_path)
        # Read-only is offered instead, and sees everything.
        readonly = open_project(sample_path, read_only=True)
        assert len(readonly.interventions()) == 22
        with pytest.raises(ProjectFileError, match="alleen-lezen"):
            readonly.execute(AddIntervention("Mag niet", Point(1, 1)))
        assert len(readonly.interventions()) == 22
        readonly.close()
        assert fingerprint(sample_path) == before
    finally:
        holder.kill()
        holder.wait()
    # The lock dies with the process: no stale lock after a crash.
    deadline = time.monotonic() + 5
    while True:
        try:
            open_project(sample_path).close()
            break
        except ProjectInUseError:
            assert time.monotonic() < deadline
            time.sleep(0.05)


def test_same_process_cannot_open_a_project_twice_for_writing(project):
    with pytest.raises(ProjectInUseError):
        open_project(project.path)


DAMAGE = {
    "schema version is text": ("UPDATE workbench_meta SET value = 'abc' WHERE key = 'schema_version'", "beschadigd"),
    "schema version is missing": ("DELETE FROM workbench_meta WHERE key = 'schema_version'", "beschadigd"),
    "project table deleted": ("DROP TABLE project_info", "mist de tabellen project_info"),
    "area layer deleted": ("DROP TABLE area", "mist de tabellen area"),
    "idea column deleted": ("ALTER TABLE interventions DROP COLUMN notes", "beschadigd"),
    "session column deleted": ("ALTER TABLE sessions DROP COLUMN place", "beschadigd"),
}


@pytest.mark.parametrize("table", ["votes", "quotes", "tombstones"])
def test_a_project_missing_a_table_is_refused_not_failing_at_the_first_edit(sample_path, table):
    conn = sqlite3.connect(sample_path)
    conn.execute(f"DROP TABLE {table}")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectFileError, match=f"mist de tabellen {table}"):
        open_project(sample_path)


@pytest.mark.parametrize("name", sorted(DAMAGE))
def test_a_damaged_project_is_a_dutch_refusal_that_does_not_lock_it(sample_path, name):
    from workbench.store.project_file import check_project

    statement, message = DAMAGE[name]
    conn = sqlite3.connect(sample_path)
    conn.execute(statement)
    conn.commit()
    conn.close()
    if name != "schema version is missing":  # that one a read-only open can still show
        with pytest.raises(ProjectFileError, match=message):
            open_project(sample_path, read_only=True)
        assert any(message in problem for problem in check_project(sample_path))
    for _attempt in range(2):  # the second attempt is not told the file is in use
        with pytest.raises(ProjectFileError, match=message):
            open_project(sample_path)
