"""Large imports take the bulk paths (shapes built for the whole file at once, rows and
blobs written per table, events only for listeners); what the user gets must be what
the one-by-one paths give."""

import json
import sqlite3
import uuid

import pytest
from shapely.geometry import LineString, MultiPolygon, Point, Polygon
from shapely.geometry import Point as P

from workbench.core.events import ADDED, REMOVED
from workbench.io.import_features import import_file
from workbench.io.projects import new_project
from workbench.io.readers import read
from workbench.store import gpkg_blob

X, Y = 5.97, 50.91


def _write(path, geometries, names=None):
    features = [{"type": "Feature", "geometry": g, "properties": {"naam": (names or {}).get(i, f"Idee {i}"),
                                                                    "thema": "Groen verbindt", "woningen": i % 4}}
                for i, g in enumerate(geometries)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def _clean(i):
    d = 0.0004 * (i % 50)
    return [{"type": "Point", "coordinates": [X + d, Y]},
            {"type": "LineString", "coordinates": [[X + d, Y], [X + d + 0.001, Y + 0.001]]},
            {"type": "Polygon", "coordinates": [[[X + d, Y], [X + d + 0.001, Y], [X + d, Y + 0.001], [X + d, Y]]]}][i % 3]


ODD = [
    {"type": "Point", "coordinates": [X, Y, 80.0]},                                   # 3D among 2D
    {"type": "Polygon", "coordinates": [[[X, Y], [X + 0.001, Y], [X, Y + 0.001], [X + 0.0005, Y]]]},  # open ring
    {"type": "Polygon", "coordinates": [[[X, Y], [X + 0.001, Y], [X, Y]]]},           # too short a ring
    {"type": "Polygon", "coordinates": [[]]},                                         # an empty ring
    {"type": "LineString", "coordinates": [[X, Y], ["5.98", "50.92"]]},               # text coordinates
    {"type": "LineString", "coordinates": [[X, Y], [X + 0.001, Y + 0.001, 3.0]]},     # 2D and 3D in one line
    {"type": "Point", "coordinates": [True, False]},                                  # JSON booleans
]


def _read(tmp_path, name, geometries):
    """(skipped lines, {feature number: WKB in RD}) as the import sees the file."""
    source = read(_write(tmp_path / f"{name}.geojson", geometries))
    return source.skipped, {f.number: f.geometry.wkb for f in source.features}


def test_odd_features_among_hundreds_import_as_they_would_alone(tmp_path):
    geometries = [_clean(i) for i in range(300)]
    for offset, odd in enumerate(ODD):
        geometries.insert(40 * offset + 7, odd)
    skipped, together = _read(tmp_path, "all", geometries)
    skipped_alone, alone = [], {}
    for index, geometry in enumerate(geometries):
        if geometry in ODD or index % 60 == 0:  # every odd one, and a sample of the clean ones
            one_skipped, one = _read(tmp_path, f"one{index}", [geometry])
            skipped_alone += [line.replace("Object 1 ", f"Object {index + 1} ") for line in one_skipped]
            alone.update({index + 1: wkb for wkb in one.values()})
    assert len(alone) > len(ODD) and all(together[number] == wkb for number, wkb in alone.items())
    assert sorted(skipped) == sorted(skipped_alone)  # reported by kind of problem, then by number
    assert len(together) == len(geometries) - len(skipped)


def test_a_big_import_tells_listeners_every_idea_and_undoes_as_one_step(tmp_path):
    project = new_project(tmp_path / "p.gpkg", "Bulk", "heerlen-2050", with_wijken=False)
    try:
        seen = []
        project.events.subscribe(lambda event: seen.append((event.kind, event.action)))
        import_file(project, _write(tmp_path / "a.geojson", [_clean(i) for i in range(500)]))
        assert seen.count(("intervention", ADDED)) == 500
        seen.clear()
        project.undo_stack.undo()
        assert seen.count(("intervention", REMOVED)) == 500
        assert project.interventions() == []
    finally:
        project.close()
    with sqlite3.connect(tmp_path / "p.gpkg") as conn:
        assert conn.execute("SELECT count(*) FROM interventions").fetchone() == (0,)


def test_rows_written_in_bulk_are_what_other_copies_and_gdal_expect(tmp_path):
    project = new_project(tmp_path / "p.gpkg", "Bulk", "heerlen-2050", with_wijken=False)
    try:
        import_file(project, _write(tmp_path / "a.geojson", [_clean(i) for i in range(30)]))
        ideas = {i.uuid: i for i in project.interventions()}
    finally:
        project.close()
    with sqlite3.connect(tmp_path / "p.gpkg") as conn:
        links = conn.execute("SELECT uuid, intervention_uuid, theme_uuid FROM intervention_themes").fetchall()
        links += conn.execute("SELECT uuid, intervention_uuid, quantity_key FROM intervention_quantities").fetchall()
        blobs = dict(conn.execute("SELECT uuid, geom FROM interventions"))
    # A link's UUID is derived from its ends, so a copy of the file written by an older
    # version agrees on it when the two are merged.
    assert all(idea.quantities for idea in ideas.values())  # "woningen" is the quantity homes
    assert len(links) == 30 + 30
    assert all(link == str(uuid.uuid5(uuid.NAMESPACE_URL, f"{owner}/{theme}")) for link, owner, theme in links)
    assert all(uuid.UUID(key).version == 4 for key in ideas)
    assert all(blobs[key] == gpkg_blob.encode(idea.geometry) for key, idea in ideas.items())


def test_blobs_encoded_in_bulk_are_byte_for_byte_the_single_ones():
    shapes = [Point(195000, 325000), P(195000, 325000, 12), LineString([(0, 0), (1, 2)]), Point(),
              Polygon([(0, 0), (4, 0), (4, 4), (0, 0)], [[(1, 1), (2, 1), (1, 2), (1, 1)]]),
              MultiPolygon([Polygon([(0, 0), (1, 0), (0, 1)])]), None]
    assert gpkg_blob.encode_many(shapes) == [gpkg_blob.encode(s) for s in shapes]
    assert gpkg_blob.encode_many([]) == []


def test_ideas_imported_as_columns_are_the_ideas_the_file_gives_back_and_edit_like_any(tmp_path):
    """The import hands ideas over as columns and makes its entities without their
    dataclass __init__: memory must equal what reopening the file reads, and an edit
    and its undo must work on them as on any idea."""
    from workbench.core.commands import EditIntervention
    from workbench.core.import_commands import AddInterventions, NewIntervention
    from workbench.store import open_project

    project = new_project(tmp_path / "p.gpkg", "Bulk", "heerlen-2050", with_wijken=False)
    try:
        session = project.sessions()[0] if project.sessions() else None
        features = [{"type": "Feature", "geometry": _clean(i), "properties": {
            "naam": f"Idee {i}", "omschrijving": f"Regel een\nregel {i}", "thema": ["Groen verbindt", "Groen verbindt"],
            "status": ["Voorstel", "idee", "onzin"][i % 3], "horizon": ["2030", "", "ooit"][i % 3],
            "woningen": [i, "veel", None][i % 3], "stemmen": i % 4,
            "bijeenkomst": session.title if session else None}} for i in range(60)]
        path = tmp_path / "a.geojson"
        path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
        summary = import_file(project, path)
        in_memory = {i.uuid: i for i in project.interventions()}
        assert len(in_memory) == 60
        notes = "\n".join(summary.lines())
        assert "20 waarden van 'status'" in notes and "20 waarden van 'horizon'" in notes
        assert "20 waarden van 'woningen'" in notes
        first = min(in_memory.values(), key=lambda i: i.number)
        assert (first.status, first.horizon, first.description) == ("voorstel", "2030", "Regel een\nregel 0")
        assert len(first.theme_uuids) == 1 and first.primary_theme_uuid == first.theme_uuids[0]
        assert set(vars(first)) == set(first.__dataclass_fields__)  # every field its own, none from the class
        assert hash(first) == hash(type(first)(**vars(first)))
        change = AddInterventions([NewIntervention("Los", P(195000, 325000))]).build(project)[0]
        assert set(vars(change)) == set(change.__dataclass_fields__) and change == type(change)(**vars(change))
        project.execute(EditIntervention(first.uuid, title="Anders"))
        assert project.get("intervention", first.uuid).title == "Anders"
        project.undo_stack.undo()
        assert project.get("intervention", first.uuid) == first
    finally:
        project.close()
    reopened = open_project(tmp_path / "p.gpkg")
    try:
        assert {i.uuid: i for i in reopened.interventions()} == in_memory
    finally:
        reopened.close()


def test_ideas_written_in_bulk_update_rows_the_file_already_has_whether_it_holds_few_or_many(tmp_path):
    """A row memory left out (unusable) can be in the file when a merge brings that idea:
    it is updated, not inserted twice, both when the file holds fewer rows than are
    written (all uuids read) and more (each one looked up)."""
    from dataclasses import replace

    from workbench.core.model import Intervention, new_uuids
    from workbench.store.connection import connect, transaction
    from workbench.store.feature_rows import write_interventions

    new_project(tmp_path / "p.gpkg", "Bulk", "heerlen-2050", with_wijken=False).close()
    conn = connect(tmp_path / "p.gpkg")
    try:
        ideas = [Intervention(uuid, n, f"Idee {n}", P(195000 + n, 325000)) for n, uuid in enumerate(new_uuids(40))]
        with transaction(conn):
            write_interventions(conn, ideas[:10])
        # 20 ideas into 10 rows (5 there), then 18 into 25 rows (3 there)
        for written in (ideas[5:25], ideas[:3] + ideas[25:]):
            with transaction(conn):
                write_interventions(conn, [replace(i, title=i.title + " bis") for i in written])
        rows = dict(conn.execute("SELECT uuid, title FROM interventions"))
    finally:
        conn.close()
    assert len(rows) == 40
    assert [n for n, i in enumerate(ideas) if not rows[i.uuid].endswith(" bis")] == [3, 4]


def test_integers_beyond_64_bits_in_a_big_file_stay_exact(tmp_path):
    """The fast JSON parse (orjson, when installed) reads such integers as floats; the
    import must keep what the file says, as json does."""
    big = [2**64, -(2**63) - 1, 10**30]
    features = [{"type": "Feature", "geometry": _clean(i),
                 "properties": {"naam": f"Idee {i}", "omschrijving": big[i % 3] if i < 3 else "gewoon"}}
                for i in range(300)]
    path = tmp_path / "groot.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    project = new_project(tmp_path / "p.gpkg", "Bulk", "heerlen-2050", with_wijken=False)
    try:
        import_file(project, path)
        descriptions = {i.title: i.description for i in project.interventions()}
    finally:
        project.close()
    assert [descriptions[f"Idee {i}"] for i in range(3)] == ["18446744073709551616", "-9223372036854775809",
                                                             "1" + "0" * 30]


def test_the_fast_parse_gives_every_value_json_gives():
    from workbench.io.geojson import parse_json

    values = [0.1, -0.0, 5e-324, 1.7976931348623157e308, 5.970000000000001, 18446744073709551615, -0, 1e22,
              "é\u00a0\U0001f600", {"a": [None, True, False]}]
    documents = [json.dumps(values), json.dumps(values + [float("nan"), float("inf")]),  # what only json reads
                 '{"a": 1, "a": 2}', "[" * 3000 + "]" * 3000]
    for text in documents:
        try:
            expected = repr(json.loads(text))
        except RecursionError:
            with pytest.raises(RecursionError):
                parse_json(text.encode(), text)
            continue
        assert repr(parse_json(text.encode(), text)) == expected


def test_an_import_in_the_app_keeps_the_open_project_out_of_the_collector(tmp_path):
    """The app freezes the open project's objects (ui/heap.py) so that full collections
    stop landing in panel refreshes at 10,000 ideas; an import must not hand them back
    (its own pause of the collector ended with gc.unfreeze, which thawed everything)."""
    import gc

    project = new_project(tmp_path / "p.gpkg", "Test", "heerlen-2050", with_wijken=False)
    source = _write(tmp_path / "in.geojson", [{"type": "Point", "coordinates": [X, Y + i / 1000]} for i in range(50)])
    gc.freeze()  # what ui.heap.settle() does once the project is shown
    try:
        frozen = gc.get_freeze_count()
        assert import_file(project, source).imported == 50
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()
        project.close()
    assert gc.get_freeze_count() == 0
    project = new_project(tmp_path / "q.gpkg", "Test", "heerlen-2050", with_wijken=False)
    try:  # outside the app (the CLI) nothing stays frozen after an import
        assert import_file(project, source).imported == 50
        assert gc.get_freeze_count() == 0
    finally:
        project.close()


def test_reading_on_another_thread_leaves_the_collector_alone(tmp_path):
    """The import dialog reads a file on a worker thread while the window runs: the
    collector is the whole process's, so only the main thread may pause or freeze it."""
    import gc
    import threading

    source = _write(tmp_path / "in.geojson", [{"type": "Point", "coordinates": [X, Y + i / 1000]} for i in range(50)])
    seen = {}

    def reading():
        from workbench.io.source import paused_gc

        with paused_gc():
            seen["enabled"] = gc.isenabled()
            seen["features"] = len(read(source))

    worker = threading.Thread(target=reading)
    worker.start()
    worker.join()
    assert seen == {"enabled": True, "features": 50}
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_values_every_row_shares_are_stored_as_binding_them_stores(tmp_path):
    """A bulk write binds a value shared by every new row once per statement
    (store.tables.insert_many's ``shared``): quotes, NUL, long text, None and a varying
    column must come back exactly as rows written one by one store them, with their SQL
    types."""
    from dataclasses import replace

    from workbench.core.model import Intervention, new_uuids
    from workbench.store import versions
    from workbench.store.connection import connect, transaction
    from workbench.store.feature_rows import INTERVENTION_COLUMNS, write_interventions

    shared = {"actor": "O'Brien -- '); DROP TABLE interventions; --", "notes": "a\x00b", "horizon": "x" * 300,
              "created_session_uuid": None, "changed_at": "2026-11-30T01:00:00+00:00"}
    ideas = [replace(Intervention(uuid, n, f"Idee {n}", P(195000 + n, 325000)), status=["idee", "voorstel"][n % 2],
                     **shared) for n, uuid in enumerate(new_uuids(30))]
    stored = {}
    for name, batches in (("bulk", [ideas]), ("single", [[idea] for idea in ideas])):
        new_project(tmp_path / f"{name}.gpkg", "Bulk", "heerlen-2050", with_wijken=False).close()
        conn = connect(tmp_path / f"{name}.gpkg")
        try:
            for batch in batches:
                with transaction(conn):
                    write_interventions(conn, batch)
                    versions.record(conn, "r'1", [type("C", (), {"kind": "intervention", "uuid": i.uuid, "after": i,
                                                                "version": None}) for i in batch], True)
            columns = ", ".join(f"{c}, typeof({c})" for c in INTERVENTION_COLUMNS + ("geom",))
            stored[name] = (conn.execute(f"SELECT {columns} FROM interventions ORDER BY number").fetchall(),
                            conn.execute("SELECT uuid, kind, vv, alive FROM row_versions "
                                         "WHERE kind = 'intervention' ORDER BY uuid").fetchall())
        finally:
            conn.close()
    assert stored["bulk"] == stored["single"]
    rows, ticks = stored["bulk"]
    assert len(rows) == 30 and rows[0][14:16] == (shared["actor"], "text") and rows[0][16] == "a\x00b"
    assert len(ticks) == 30 and all(vv == '{"r\'1":1}' and alive == 1 for _uuid, _kind, vv, alive in ticks)


def test_versions_of_many_rows_of_mixed_kinds_count_each_row_once_per_transaction(tmp_path):
    """row_versions is written one statement per kind and liveness: every row of every
    kind gets its own entry, a second local edit counts up, a deletion keeps the entry
    (alive 0), and two changes to one row in one transaction count once."""
    from workbench.core.model import new_uuids
    from workbench.store import versions
    from workbench.store.connection import connect, transaction

    def change(kind, uuid, alive=True):
        return type("C", (), {"kind": kind, "uuid": uuid, "after": object() if alive else None, "version": None})

    new_project(tmp_path / "p.gpkg", "Bulk", "heerlen-2050", with_wijken=False).close()
    ideas, themes = new_uuids(5), new_uuids(2)
    conn = connect(tmp_path / "p.gpkg")
    try:
        with transaction(conn):
            versions.record(conn, "a", [change("intervention", u) for u in ideas] + [change("theme", t) for t in themes]
                            + [change("intervention", ideas[0])], True)
        with transaction(conn):
            versions.record(conn, "b", [change("intervention", ideas[1]), change("intervention", ideas[2], alive=False),
                                        change("tombstone", ideas[2]), change("theme", themes[0], alive=False)], True)
        rows = {uuid: (kind, json.loads(vv), alive) for uuid, kind, vv, alive in
                conn.execute("SELECT uuid, kind, vv, alive FROM row_versions")}
    finally:
        conn.close()
    assert rows[ideas[0]] == ("intervention", {"a": 1}, 1)
    assert rows[ideas[1]] == ("intervention", {"a": 1, "b": 1}, 1)
    assert rows[ideas[2]] == ("intervention", {"a": 1, "b": 1}, 0)
    assert rows[themes[0]] == ("theme", {"a": 1, "b": 1}, 0) and rows[themes[1]] == ("theme", {"a": 1}, 1)
    assert all(rows[u][1] == {"a": 1} for u in ideas[3:])


def test_rows_written_in_statements_of_many_rows_are_all_there_in_order_whatever_the_parameter_limit(tmp_path):
    """New rows go in as multi-row VALUES statements (store.tables.insert_many), cut to
    the connection's parameter limit: 1,203 ideas with a limit of 40 parameters (6 rows
    a statement, a shorter last one) and a shared value with a '?' in it."""
    import sqlite3 as sqlite
    from dataclasses import replace

    from workbench.core.model import Intervention, new_uuids
    from workbench.store.connection import connect, transaction
    from workbench.store.feature_rows import write_interventions

    new_project(tmp_path / "p.gpkg", "Bulk", "heerlen-2050", with_wijken=False).close()
    ideas = [replace(Intervention(uuid, n, f"Idee {n}?", P(195000 + n, 325000)), actor="Wie? Wij.")
             for n, uuid in enumerate(new_uuids(1203))]
    conn = connect(tmp_path / "p.gpkg")
    try:
        conn.setlimit(sqlite.SQLITE_LIMIT_VARIABLE_NUMBER, 40)
        with transaction(conn):
            write_interventions(conn, ideas)
        rows = conn.execute("SELECT uuid, number, title, actor, geom FROM interventions ORDER BY fid").fetchall()
    finally:
        conn.close()
    assert rows == [(i.uuid, i.number, i.title, "Wie? Wij.", gpkg_blob.encode(i.geometry)) for i in ideas]


def test_many_rows_go_in_where_the_connection_cannot_say_its_parameter_limit(tmp_path):
    """Python 3.10 (which pyproject allows) has no Connection.getlimit: the bulk insert then
    keeps to 999 parameters a statement, the smallest limit any SQLite build has had."""
    import sqlite3 as sqlite

    from workbench.core.model import Intervention, new_uuids
    from workbench.store.feature_rows import write_interventions

    class WithoutGetlimit(sqlite.Connection):
        getlimit = None  # as on Python 3.10

    new_project(tmp_path / "p.gpkg", "Bulk", "heerlen-2050", with_wijken=False).close()
    ideas = [Intervention(uuid, n, f"Idee {n}", P(195000 + n, 325000)) for n, uuid in enumerate(new_uuids(2500))]
    conn = sqlite.connect(str(tmp_path / "p.gpkg"), factory=WithoutGetlimit, isolation_level=None)
    try:
        conn.setlimit(sqlite.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
        conn.execute("BEGIN")
        write_interventions(conn, ideas)
        conn.execute("COMMIT")
        rows = conn.execute("SELECT uuid, number FROM interventions ORDER BY fid").fetchall()
    finally:
        conn.close()
    assert rows == [(i.uuid, i.number) for i in ideas]


def test_a_version_row_keeps_a_uuid_with_a_nul_in_it_whole(tmp_path):
    """Version rows go in through json_each, which cuts text at a NUL: a hand-made file's
    uuid "a\\x00b" must get its own version, not count up the one of a row called "a"."""
    from workbench.store import versions
    from workbench.store.connection import connect, transaction

    new_project(tmp_path / "p.gpkg", "Nul", "heerlen-2050", with_wijken=False).close()
    conn = connect(tmp_path / "p.gpkg")
    try:
        with transaction(conn):
            versions.record(conn, "r1", [type("C", (), {"kind": "theme", "uuid": u, "after": object(), "version": None})
                                          for u in ("a", "a\x00b", "c")], True)
        rows = dict(conn.execute("SELECT uuid, vv FROM row_versions WHERE uuid IN ('a', 'a' || char(0) || 'b', 'c')")
                    .fetchall())
    finally:
        conn.close()
    assert sorted(rows) == ["a", "a\x00b", "c"] and set(rows.values()) == {'{"r1":1}'}
