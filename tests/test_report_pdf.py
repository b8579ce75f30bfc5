"""The three PDFs of both sample projects, checked the way a reader would: the text
pdftotext finds, embedded fonts, page counts and sizes, metadata, bookmarks, and
byte-identical output for the same project."""

import re
import shutil
import subprocess

import pytest

from workbench.cli import main
from workbench.core.commands import SetVotes
from workbench.core.setup_commands import AddSession
from workbench.store import open_project

KINDS = ("handout", "report", "poster")


def pdf_text(path) -> str:
    """The PDF's text with all whitespace (line breaks too) folded to single spaces."""
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return " ".join(result.stdout.decode("utf-8").split())


def pdf_lines(path) -> list:
    """The PDF's text lines as laid out on the page (pdftotext -layout)."""
    result = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return result.stdout.decode("utf-8").splitlines()


def chart_line(path, number, title, votes) -> bool:
    """Whether a bar of the vote chart reads "number  title  votes" on one line."""
    pattern = re.compile(rf"^\s*{number}\s+{re.escape(title)}\s+{votes}\s*$")
    lines = pdf_lines(path)
    start = next(i for i, line in enumerate(lines) if "Wat vonden de bewoners het belangrijkst?" in line)
    return any(pattern.match(line) for line in lines[start:])


def pdf_info(path) -> dict:
    result = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    return {key.strip(): value.strip() for key, _sep, value in
            (line.partition(":") for line in result.stdout.splitlines())}


def pdf_fonts(path) -> list:
    """[(name, embedded 'yes'/'no')] from pdffonts."""
    result = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    rows = []
    for line in result.stdout.splitlines()[2:]:
        match = re.match(r"(\S+)\s+.*?\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line)
        assert match, f"unexpected pdffonts line: {line!r}"
        rows.append((match.group(1), match.group(2)))
    return rows


def export(path, out, kind, session=None) -> int:
    argv = ["export", "pdf", str(path), str(out), "--kind", kind]
    return main(argv + (["--session", session] if session else []))


@pytest.fixture(params=["heerlerheide", "caumerbeekdal"])
def sample(request, _built_samples):
    return _built_samples[request.param]


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_shows_the_projects_content(sample, kind, tmp_path):
    out = tmp_path / f"{kind}.pdf"
    assert export(sample, out, kind) == 0
    words = pdf_text(out)
    project = open_project(sample, read_only=True)
    try:
        assert project.area.name in words
        for item in project.interventions():
            # The number right before the title, as in the list beside or below the map.
            assert re.search(rf"(^| ){item.number} {re.escape(item.title)}", words), item.title
        for item in project.interventions():
            theme = project.get("theme", item.primary_theme_uuid)
            assert theme.name in words
        for session in project.sessions():
            assert session.title in words
            assert session.place in words
        if kind != "poster":  # the poster shows quotes only where the list leaves room
            for quote in project.quotes():
                assert quote.text in words
                assert quote.speaker in words
    finally:
        project.close()


def test_handout_has_the_meeting_facts_in_plain_dutch(sample, tmp_path):
    out = tmp_path / "handout.pdf"
    assert export(sample, out, "handout") == 0
    words = pdf_text(out)
    project = open_project(sample, read_only=True)
    try:
        session = project.sessions()[-1]
        assert f"Aantal deelnemers {session.participants}" in words
        assert "Wat vonden de bewoners het belangrijkst?" in words
        assert "Wat gebeurt er nu?" in words
        assert " ".join(project.info.next_steps.split()) in words
        assert project.info.contact in words
        assert re.search(r"Pagina 1 van \d+", words)
        # The most voted idea is the first bar of the chart, with its vote count.
        top = max(project.interventions(), key=lambda item: (project.votes(item.uuid), -item.number))
        assert chart_line(out, top.number, top.title, project.votes(top.uuid))
    finally:
        project.close()


def test_poster_shows_quotes_where_the_list_leaves_room(_built_samples, tmp_path):
    out = tmp_path / "poster.pdf"
    assert export(_built_samples["caumerbeekdal"], out, "poster") == 0
    words = pdf_text(out)
    project = open_project(_built_samples["caumerbeekdal"], read_only=True)
    try:
        for quote in project.quotes():
            assert f"\u201c{quote.text}\u201d" in words
            assert f"- {quote.speaker}" in words
    finally:
        project.close()


def test_dates_are_written_out_in_dutch(_built_samples, tmp_path):
    out = tmp_path / "handout.pdf"
    assert export(_built_samples["heerlerheide"], out, "handout") == 0
    assert "donderdag 12 maart 2026" in pdf_text(out)


@pytest.mark.parametrize("kind", KINDS)
def test_every_font_is_embedded(sample, kind, tmp_path):
    out = tmp_path / f"{kind}.pdf"
    assert export(sample, out, kind) == 0
    fonts = pdf_fonts(out)
    assert fonts, "no fonts at all"
    assert all(embedded == "yes" for _name, embedded in fonts), fonts
    assert any("DejaVuSans" in name for name, _embedded in fonts)


@pytest.mark.parametrize("kind, size, pages", [("handout", "A4", (3, 10)), ("report", "A4", (6, 30)),
                                               ("poster", "A3", (1, 1))])
def test_page_size_and_count_are_sane(sample, kind, size, pages, tmp_path):
    out = tmp_path / f"{kind}.pdf"
    assert export(sample, out, kind) == 0
    info = pdf_info(out)
    assert pages[0] <= int(info["Pages"]) <= pages[1]
    assert size in info["Page size"]
    width, height = (float(v) for v in re.findall(r"[\d.]+", info["Page size"])[:2])
    assert (width > height) == (kind == "poster")
    total = int(info["Pages"])
    assert f"Pagina {total} van {total}" in pdf_text(out)


def test_the_report_holds_more_than_the_handout(_built_samples, tmp_path):
    sample = _built_samples["heerlerheide"]
    assert export(sample, tmp_path / "h.pdf", "handout") == 0
    assert export(sample, tmp_path / "r.pdf", "report") == 0
    assert int(pdf_info(tmp_path / "r.pdf")["Pages"]) > int(pdf_info(tmp_path / "h.pdf")["Pages"])
    words = pdf_text(tmp_path / "r.pdf")
    for heading in ("Doelen en indicatoren", "Per bijeenkomst", "Per wijk", "Bijlage: alle ideeën"):
        assert heading in words
    # Goal progress is the sum of the linked quantities: 1.300 m + 1.650 m of cycle path.
    assert re.search(r"Veilig fietsen naar school en werk .*?2\.950 m 3\.000 m 98%", words)
    assert "Voorbeeldavond Heerlerheide (fictief): 11" in words  # votes per session for idea 1


@pytest.mark.parametrize("kind", KINDS)
def test_metadata_and_bookmarks(_built_samples, kind, tmp_path):
    out = tmp_path / f"{kind}.pdf"
    assert export(_built_samples["heerlerheide"], out, kind) == 0
    info = pdf_info(out)
    assert "Gebiedsvisie Heerlerheide" in info["Title"]
    assert info["Author"] == "Gemeente Heerlen"
    assert info["Subject"]
    assert "2026" not in info["CreationDate"] or info["CreationDate"] == info["ModDate"]
    data = out.read_bytes()
    assert b"/Outlines" in data and b"/First" in data
    assert b"(Gebiedsvisie Heerlerheide \\(fictief voorbeeld\\))" in data  # the first bookmark: the title
    if kind != "poster":
        assert b"(Wat gebeurt er nu?)" in data


@pytest.mark.parametrize("kind", KINDS)
def test_same_project_gives_byte_identical_pdf(sample, kind, tmp_path):
    first, second = tmp_path / "first.pdf", tmp_path / "other-name.pdf"
    assert export(sample, first, kind) == 0
    assert export(sample, second, kind) == 0
    assert first.read_bytes() == second.read_bytes()


def test_session_choice_changes_the_votes(_built_samples, tmp_path):
    path = tmp_path / "two.gpkg"
    shutil.copy(_built_samples["heerlerheide"], path)
    project = open_project(path)
    try:
        project.execute(AddSession("Tweede avond", date="2023-09-14", place="Buurthuis De Kemp", participants=21))
        session_uuid = project.session_by_title("Tweede avond").uuid
        idea = project.intervention_by_number(22)
        project.execute(SetVotes(idea.uuid, 40, session_uuid=session_uuid))
    finally:
        project.close()
    assert export(path, tmp_path / "second.pdf", "handout", session="Tweede avond") == 0
    words = pdf_text(tmp_path / "second.pdf")
    assert "Buurthuis De Kemp" in words and "Aantal deelnemers 21" in words
    assert chart_line(tmp_path / "second.pdf", 22, "Groene verbinding door Heksenberg", 40)
    assert export(path, tmp_path / "first.pdf", "handout", session="Voorbeeldavond Heerlerheide (fictief)") == 0
    assert not chart_line(tmp_path / "first.pdf", 22, "Groene verbinding door Heksenberg", 40)
    assert chart_line(tmp_path / "first.pdf", 1, "Groene boulevard Heerlerheide", 11)
    # The report shows both sessions: votes per session, and the sessions as table columns.
    assert export(path, tmp_path / "report.pdf", "report") == 0
    words = pdf_text(tmp_path / "report.pdf")
    assert "Tweede avond: 40; Voorbeeldavond Heerlerheide (fictief): 4" in words  # sessions by date
    assert "Bijeenkomsten 2" in words and "Deelnemers 35" in words


@pytest.mark.parametrize("kind", KINDS)
def test_the_map_is_vector_not_an_image(_built_samples, kind, tmp_path):
    out = tmp_path / f"{kind}.pdf"
    assert export(_built_samples["caumerbeekdal"], out, kind) == 0
    listing = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    assert len(listing.strip().splitlines()) == 2   # the header only: no raster images


def test_detailed_geometry_is_simplified_to_paper_resolution(project, tmp_path):
    from shapely.geometry import Point

    from workbench.core.commands import AddIntervention

    plain = tmp_path / "plain.pdf"
    assert export(project.path, plain, "handout") == 0
    # A circle of 200,000 vertices looks the same on paper as one of a few hundred.
    centre = project.area.geometry.representative_point()
    detailed = Point(centre.x, centre.y).buffer(300, quad_segs=50_000)
    project.execute(AddIntervention("Heel gedetailleerd vlak", detailed))
    busy = tmp_path / "busy.pdf"
    assert export(project.path, busy, "handout") == 0
    assert "Heel gedetailleerd vlak" in pdf_text(busy)
    assert busy.stat().st_size < plain.stat().st_size + 20_000
