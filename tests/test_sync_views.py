"""The gap and toets summaries as database views, computed in SQL from the synced rows,
equal to what the app shows (analysis/gaps.py), read by the viewer role and by GDAL."""

import shutil
import subprocess

import psycopg
from shapely.geometry import Point

from tests.test_sync_postgis import _role, sync
from workbench.analysis.gaps import gap_view, theme_counts, toets_rows
from workbench.core.commands import AddIntervention, DeleteInterventions, EditIntervention
from workbench.core.toets_commands import AnswerIdea, WeighIdea
from workbench.store import open_project
from workbench.store.merge_source import project_uuid


def weigh_some(path):
    """Verdicts, answers, a new idea under one theme, a deleted idea: enough variety for the views."""
    project = open_project(path)
    try:
        ideas = project.interventions()
        project.execute(WeighIdea(ideas[0].uuid, "eindoordeel", "voldoet", reason="Past in de visie"))
        project.execute(WeighIdea(ideas[0].uuid, "water-en-bodem", "mits", condition="Een wadi"))
        project.execute(WeighIdea(ideas[0].uuid, "koppelkansen", "strijdig", reason="Eén functie"))
        project.execute(WeighIdea(ideas[1].uuid, "eindoordeel", "onderzoek"))
        project.execute(WeighIdea(ideas[1].uuid, "archeologie", "mits", condition="Booronderzoek"))
        project.execute(AnswerIdea(ideas[0].uuid, "doorgezet", "We nemen uw idee mee.", instrument="omgevingsplan",
                                   answered_by="Mw. Jansen, gemeente"))
        project.execute(AnswerIdea(ideas[2].uuid, "niet-overgenomen", "Dat past niet."))
        deepest = max(project.themes(), key=lambda t: t.parent_uuid is not None)
        new = project.execute(AddIntervention("Bankje bij de speeltuin", Point(195100, 325400))).uuid
        project.execute(EditIntervention(new, theme_uuids=(deepest.uuid,)))
        project.execute(DeleteInterventions([ideas[3].uuid]))
        project.execute(AddIntervention("Goedkoper openbaar vervoer", None))  # for the whole city: no place
    finally:
        project.close()


def flatten(counts, pillar=None, level=0):
    for count in counts:
        yield (count.name, pillar or count.name, level, count.count)
        yield from flatten(count.children, pillar or count.name, level + 1)


def test_the_gap_and_toets_views_equal_the_apps_summaries_and_follow_the_next_sync(sample_path, tmp_path, database,
                                                                                   postgis_server):
    other = tmp_path / "ander.gpkg"
    shutil.copy(sample_path, other)
    weigh_some(sample_path)
    sync(sample_path, database)
    viewer = _role(postgis_server, database, "gis_team", "werkbank_viewer")

    def check(path):
        project = open_project(path, read_only=True)
        try:
            uuid = project_uuid(project.repository)
            themes = sorted(flatten(theme_counts(project)))
            toets = sorted((r.number, r.title, r.overall or None, r.disposition or None,
                            *(sum(1 for v in r.verdicts if v[1] == kind)
                              for kind in ("voldoet", "mits", "strijdig", "onderzoek", "nvt")))
                           for r in toets_rows(project))
            gaps = gap_view(project)
        finally:
            project.close()
        with psycopg.connect(viewer, autocommit=True) as conn:
            assert sorted(conn.execute("SELECT thema, pijler, niveau, ideeen FROM werkbank.thema_telling "
                                       "WHERE project_uuid = %s", (uuid,)).fetchall()) == themes
            assert sorted(conn.execute(
                "SELECT nummer, titel, eindoordeel, afhandeling, voldoet, mits, strijdig, onderzoek, nvt "
                "FROM werkbank.toets_per_idee WHERE project_uuid = %s", (uuid,)).fetchall()) == toets
            assert conn.execute("SELECT ideeen, niet_gewogen, niet_beantwoord, zonder_plek, doelen_zonder_idee "
                                "FROM werkbank.toets_samenvatting WHERE project_uuid = %s", (uuid,)).fetchone() == (
                len(toets), len(gaps.not_weighed), len(gaps.not_answered), len(gaps.placeless),
                len(gaps.unserved_goals))
        return themes, toets

    themes, toets = check(sample_path)
    assert any(count == 0 for *_n, count in themes) and any(count > 0 for *_n, count in themes)  # zeros included
    assert any(level > 0 for _n, _p, level, _c in themes)  # sub-themes too, rolled up to their pillar
    assert sum(1 for t in toets if t[1] == "Goedkoper openbaar vervoer") == 1
    assert ("doorgezet", 0, 1, 1) in {(t[3], t[4], t[5], t[6]) for t in toets}
    # another laptop weighs and answers: after its sync the views show it, no refresh needed
    project = open_project(other)
    try:
        idea = project.interventions()[5].uuid
        project.execute(WeighIdea(idea, "eindoordeel", "strijdig"))
        project.execute(AnswerIdea(idea, "opgenomen", "Komt in de visie."))
    finally:
        project.close()
    sync(other, database)
    sync(sample_path, database)
    _themes, later = check(sample_path)
    assert later != toets and ("strijdig", "opgenomen") in {(t[2], t[3]) for t in later}


def test_the_viewer_reads_the_summaries_without_any_name_and_gdal_opens_them(sample_path, database, postgis_server):
    weigh_some(sample_path)
    sync(sample_path, database)
    viewer = _role(postgis_server, database, "gis_team", "werkbank_viewer")
    views = ("thema_telling", "toets_per_idee", "toets_samenvatting", "gebied", "referentie", "wijk_telling")
    with psycopg.connect(viewer, autocommit=True) as conn:
        columns = {name for (name,) in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'werkbank' "
            "AND table_name = ANY(%s)", (list(views),))}
        assert {"eindoordeel", "afhandeling", "ideeen", "pijler"} <= columns
        assert not columns & {"answered_by", "beantwoord_door", "speaker", "spreker", "facilitator", "gegevens",
                              "antwoord", "referred_to"}
        for view in views:
            assert conn.execute(f"SELECT count(*) FROM werkbank.{view}").fetchone()[0] >= 0
        assert "Jansen" not in str(conn.execute("SELECT * FROM werkbank.toets_per_idee").fetchall())
        layers = set(conn.execute("SELECT f_table_name, srid FROM geometry_columns "
                                  "WHERE f_table_schema = 'werkbank'").fetchall())
        assert {("toets_per_idee", 28992), ("gebied", 28992), ("wijk_telling", 28992)} <= layers
    port = viewer.split(":")[2].split("/")[0]
    source = f"PG:host=127.0.0.1 port={port} dbname={viewer.rsplit('/', 1)[1]} user=gis_team"
    out = subprocess.run(["ogrinfo", "-ro", "-al", "-so", source, "werkbank.toets_per_idee", "werkbank.thema_telling"],
                         capture_output=True, text=True, check=True).stdout
    assert "Layer name: werkbank.toets_per_idee" in out and "EPSG\",28992" in out.replace(" ", "")
    assert "eindoordeel" in out and "Layer name: werkbank.thema_telling" in out


def test_the_area_and_the_wijken_as_rows_give_the_gebied_layer_and_the_wijk_counts(sample_path, database):
    """The area and reference layers travel as rows (sync/rows.py): kind 'area' with its
    geometry in ``geom``; kind 'reference_layer' with its features as [uuid, label, WKB
    hex, properties]. The views need nothing more than what the sync wrote."""
    from psycopg.types.json import Jsonb

    from workbench.analysis.gaps import wijk_counts
    from workbench.store import postgis

    from workbench.analysis.wijken import place_interventions

    weigh_some(sample_path)
    project = open_project(sample_path)
    try:  # a wijk nobody raised an idea in: a zero, which is the finding
        inside = {f.label for f in project.reference_layers()[0].features
                  if f.geometry.intersection(project.area.geometry).area > 0.5 * f.geometry.area}
        emptied = min((c for c in wijk_counts(project) if c.name in inside), key=lambda count: count.count).name
        project.execute(DeleteInterventions([u for u, placement in place_interventions(project).items()
                                             if emptied in placement.touched]))
    finally:
        project.close()
    sync(sample_path, database)
    project = open_project(sample_path, read_only=True)
    try:
        uuid, area, layers = project_uuid(project.repository), project.area, project.reference_layers()
        expected = sorted((count.name, count.count) for count in wijk_counts(project))
    finally:
        project.close()
    assert (emptied, 0) in expected and any(count > 0 for _n, count in expected)
    conn = postgis.connect(database)
    try:
        # another layer of lines: not the wijken layer
        conn.execute("INSERT INTO werkbank.rijen (project_uuid, uuid, soort, gegevens) VALUES (%s, 'lijnen', "
                     "'reference_layer', %s)", (uuid, Jsonb({"name": "Aaa fietsroutes", "features": [
                         ["f1", "Route", Point(195000, 325000).buffer(1).exterior.wkb_hex, []]]})))
        naam, size = conn.execute("SELECT naam, ST_Area(geom) FROM werkbank.gebied WHERE project_uuid = %s",
                                  (uuid,)).fetchone()
        counts = sorted(conn.execute("SELECT wijk, ideeen FROM werkbank.wijk_telling WHERE project_uuid = %s",
                                     (uuid,)).fetchall())
        layer_rows = conn.execute("SELECT laag, count(*), min(ST_SRID(geom)) FROM werkbank.referentie "
                                  "WHERE project_uuid = %s GROUP BY laag ORDER BY laag", (uuid,)).fetchall()
        srid, kind = conn.execute("SELECT DISTINCT ST_SRID(geom), GeometryType(geom) FROM werkbank.wijk_telling "
                                  "WHERE project_uuid = %s", (uuid,)).fetchone()
    finally:
        conn.close()
    assert naam == area.name and abs(size - area.geometry.area) < 1
    assert counts == expected
    assert layer_rows == sorted([("Aaa fietsroutes", 1, 28992)] + [(layer.name, len(layer.features), 28992)
                                                                    for layer in layers])
    assert (srid, kind) == (28992, "MULTIPOLYGON")  # QGIS draws the counts as a map of the wijken
