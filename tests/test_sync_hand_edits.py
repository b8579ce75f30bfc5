"""Rows of the shared database edited by hand (anyone with write access, in QGIS or
psql, can): what a laptop pulls is checked as a file's content is on opening. A row
that makes no idea is left out and named, a broken shape repaired, a number typed as
text made usable; the good rows arrive and the project stays sound (real PostgreSQL +
PostGIS; skipped where not installed)."""

import json
import shutil

import psycopg
from psycopg.types.json import Jsonb

from tests.test_sync_postgis import sync
from workbench.cli import main
from workbench.store import open_project
from workbench.store.merge_source import project_uuid
from workbench.store.project_file import check_project

BOW_TIE = "POLYGON ((195000 325000, 195100 325100, 195100 325000, 195000 325100, 195000 325000))"


def ideas(path) -> dict:
    project = open_project(path, read_only=True)
    try:
        return {i.uuid: i for i in project.interventions()}
    finally:
        project.close()


def test_hand_edited_rows_are_checked_before_they_reach_a_laptop(sample_path, tmp_path, database, capsys):
    laptop = tmp_path / "laptop.gpkg"
    shutil.copy(sample_path, laptop)
    sync(sample_path, database)
    project = open_project(sample_path, read_only=True)
    uuid = project_uuid(project.repository)
    project.close()
    base = ideas(sample_path)
    first, second, third = sorted(base)[:3]
    with psycopg.connect(database, autocommit=True) as conn:
        def version(idea):  # the row's version after one edit by a hand in the database: newer than the laptop's
            stored = conn.execute("SELECT versie FROM werkbank.rijen WHERE project_uuid = %s AND uuid = %s",
                                  (uuid, idea)).fetchone()[0]
            return json.dumps({**(json.loads(stored) if isinstance(stored, str) else stored), "hand": 1})

        # a shape drawn as a bow tie in QGIS
        conn.execute("UPDATE werkbank.rijen SET geom = ST_GeomFromText(%s, 28992), versie = %s "
                     "WHERE project_uuid = %s AND uuid = %s", (BOW_TIE, version(first), uuid, first))
        # a number typed as text, a title of a megabyte
        data = conn.execute("SELECT gegevens FROM werkbank.rijen WHERE project_uuid = %s AND uuid = %s",
                            (uuid, second)).fetchone()[0]
        conn.execute("UPDATE werkbank.rijen SET gegevens = %s, versie = %s WHERE project_uuid = %s AND uuid = %s",
                     (Jsonb({**data, "number": "zeven", "title": "Lang " * 200_000}), version(second), uuid, second))
        # a row that makes no idea at all
        conn.execute("UPDATE werkbank.rijen SET gegevens = %s, versie = %s WHERE project_uuid = %s AND uuid = %s",
                     (Jsonb({"titel": "geen idee"}), version(third), uuid, third))
    assert main(["sync", str(laptop), "--db", database]) == 0
    out = capsys.readouterr().out
    assert "Een rij uit de database (intervention) is onbruikbaar en is niet overgenomen." in out
    assert f"De vorm van idee {base[first].number} was ongeldig en is hersteld." in out  # said, as on opening
    pulled = ideas(laptop)
    assert pulled[first].geometry.is_valid and pulled[first].geometry.geom_type in ("Polygon", "MultiPolygon")
    assert isinstance(pulled[second].number, int) and pulled[second].title.startswith("Lang ")
    # the unusable row changed nothing here (its number may move to make room for the repaired one's)
    assert (pulled[third].title, pulled[third].geometry) == (base[third].title, base[third].geometry)
    numbers = [i.number for i in pulled.values()]
    assert len(numbers) == len(set(numbers)) == len(base)
    assert check_project(laptop) == []
