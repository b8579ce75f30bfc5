"""The terugkoppeling PDF ("Wat doen we met uw idee?") and handouts scoped to one session."""

from shapely.geometry import Point

from tests.test_report_pdf import pdf_text
from workbench.cli import main
from workbench.core.commands import AddIntervention, SetVotes
from workbench.core.setup_commands import AddSession
from workbench.store import open_project


def test_the_terugkoppeling_tells_per_idea_what_happens_and_why(sample_path, tmp_path, capsys):
    assert main(["weigh", str(sample_path), "7", "--criterion", "water-en-bodem", "--verdict", "voldoet"]) == 0
    assert main(["answer", str(sample_path), "7", "--disposition", "doorgezet", "--instrument", "omgevingsplan",
                 "--text", "De waterberging komt in het omgevingsplan.", "--by", "Wijkteam Heerlerheide",
                 "--date", "2026-03-12"]) == 0
    assert main(["answer", str(sample_path), "2", "--disposition", "niet-overgenomen",
                 "--text", "Op deze plek is geen ruimte, omdat de grond van de school is."]) == 0
    assert main(["answer", str(sample_path), "3", "--disposition", "doorgegeven", "--referred-to",
                 "de wijkagent", "--text", "Dit gaat over handhaving."]) == 0
    out = tmp_path / "terug.pdf"
    assert main(["export", "pdf", str(sample_path), str(out), "--kind", "terugkoppeling"]) == 0
    words = " ".join(pdf_text(out).split())
    assert "Wat doen we met uw idee?" in words
    assert "Deze kaart is een schets, geen omgevingsplankaart." in words
    assert ("Waterberging in het Beersdal Doorgezet naar het omgevingsplan De waterberging komt in het "
            "omgevingsplan. Antwoord van Wijkteam Heerlerheide, 12 maart 2026") in words
    assert "Niet overgenomen Op deze plek is geen ruimte, omdat de grond van de school is." in words
    assert "doorgegeven aan de wijkagent Dit gaat over handhaving." in words
    # an idea without an answer says so, rather than inventing one
    assert "Buurtsupermarkt behouden Nog niet beantwoord" in words


def test_a_session_handout_holds_exactly_that_sessions_ideas(sample_path, tmp_path):
    project = open_project(sample_path)
    first = project.sessions()[0]
    before = {i.number for i in project.interventions()}
    hoensbroek = project.execute(AddSession("Bewonersavond Hoensbroek", method="bewonersavond")).uuid
    project.set_current_session(hoensbroek)
    other = project.execute(AddIntervention("Speeltuin bij kasteel Hoensbroek", Point(194400, 326400))).uuid
    project.execute(SetVotes(other, 3))
    project.close()
    for kind in ("handout", "terugkoppeling", "report"):
        out = tmp_path / f"{kind}.pdf"
        assert main(["export", "pdf", str(sample_path), str(out), "--kind", kind, "--session", first.title]) == 0
        assert "Speeltuin bij kasteel Hoensbroek" not in " ".join(pdf_text(out).split()), kind
        out = tmp_path / f"{kind}-h.pdf"
        assert main(["export", "pdf", str(sample_path), str(out), "--kind", kind,
                     "--session", "Bewonersavond Hoensbroek"]) == 0
        words = " ".join(pdf_text(out).split())
        assert "Speeltuin bij kasteel Hoensbroek" in words, kind
        assert "Groene boulevard Heerlerheide" not in words, kind
    assert before  # the first session's ideas were there to leave out


def test_csv_and_geojson_exports_carry_the_verdict_and_the_answer(sample_path, tmp_path):
    import csv
    import json

    assert main(["weigh", str(sample_path), "4", "--criterion", "eindoordeel", "--verdict", "mits",
                 "--condition", "Alleen met parkeren achter de winkel"]) == 0
    assert main(["answer", str(sample_path), "4", "--disposition", "doorgezet", "--instrument", "omgevingsplan",
                 "--text", "De winkel blijft mogelijk in het omgevingsplan.", "--date", "2026-04-01"]) == 0
    assert main(["export", "csv", str(sample_path), str(tmp_path / "i.csv")]) == 0
    with open(tmp_path / "i.csv", encoding="utf-8-sig", newline="") as handle:
        rows = {r["nummer"]: r for r in csv.DictReader(handle, delimiter=";")}
    assert (rows["4"]["toets_eindoordeel"], rows["4"]["afhandeling"], rows["4"]["instrument"]) == (
        "mits", "doorgezet", "omgevingsplan")
    assert rows["4"]["antwoord"] == "De winkel blijft mogelijk in het omgevingsplan."
    assert rows["5"]["afhandeling"] == ""
    assert main(["export", "geojson", str(sample_path), str(tmp_path / "i.geojson")]) == 0
    features = json.loads((tmp_path / "i.geojson").read_text(encoding="utf-8"))["features"]
    (four,) = [f["properties"] for f in features if f["properties"]["number"] == 4]
    assert (four["verdict"], four["disposition"], four["answered_on"]) == ("mits", "doorgezet", "2026-04-01")


def test_the_report_shows_the_gaps_the_process_and_the_accountability_table(sample_path, tmp_path):
    from workbench.core.setup_commands import EditSession

    project = open_project(sample_path)
    session = project.sessions()[0]
    project.execute(EditSession(session.uuid, method="bewonersavond", target_group="bewoners Heerlerheide"))
    project.close()
    assert main(["weigh", str(sample_path), "1", "--criterion", "eindoordeel", "--verdict", "strijdig",
                 "--reason", "Ligt in een beekdal"]) == 0
    assert main(["answer", str(sample_path), "1", "--disposition", "niet-overgenomen",
                 "--text", "Het beekdal blijft open."]) == 0
    out = tmp_path / "r.pdf"
    assert main(["export", "pdf", str(sample_path), str(out), "--kind", "report"]) == 0
    words = " ".join(pdf_text(out).split())
    assert "Wat ontbreekt nog?" in words and "Het participatieproces" in words
    assert "bewonersavond bewoners Heerlerheide 14 22" in words  # method, target group, participants, ideas
    assert "Verantwoording: toets en terugkoppeling per idee" in words
    assert "1 Groene boulevard Heerlerheide strijdig - Niet overgenomen" in words


def test_a_session_with_its_own_part_of_the_area_frames_its_handout(sample_path, tmp_path):
    from workbench.core.scope import session_scope
    from workbench.core.setup_commands import EditSession

    project = open_project(sample_path)
    session = project.sessions()[0]
    project.execute(EditSession(session.uuid, part="Heksenberg"))
    scoped = session_scope(project, session.uuid)
    heksenberg = next(f.geometry for layer in project.reference_layers() for f in layer.features
                      if f.label == "Heksenberg")
    assert scoped.area.geometry.equals(heksenberg) and project.area.geometry.area > heksenberg.area
    title = session.title
    project.close()
    out = tmp_path / "h.pdf"
    assert main(["export", "pdf", str(sample_path), str(out), "--session", title]) == 0
    assert "Gebied Heksenberg" in " ".join(pdf_text(out).split())
    reopened = open_project(sample_path, read_only=True)
    assert reopened.area.geometry.area > heksenberg.area  # the project's own area is untouched
    reopened.close()


def test_the_flat_geopackage_export_carries_the_answer(sample_path, tmp_path):
    import sqlite3

    assert main(["answer", str(sample_path), "6", "--disposition", "in-uitvoering",
                 "--text", "De route wordt dit jaar aangelegd."]) == 0
    out = tmp_path / "flat.gpkg"
    assert main(["export", "gpkg", str(sample_path), str(out)]) == 0
    conn = sqlite3.connect(out)
    row = conn.execute("SELECT afhandeling, antwoord FROM ideeen WHERE nummer = 6").fetchone()
    conn.close()
    assert row == ("in-uitvoering", "De route wordt dit jaar aangelegd.")
