"""Thousands of ideas on paper take time in proportion to the pages, not to pages x ideas.

A 10,000-idea evening took half a minute for the handout (its idea list re-wrapped every
remaining title at each page) and most of a minute for the report (reportlab's Table
scans and copies all its rows at each page split). Both now lay out each page from work
done once; these tests pin the mechanisms and what the reader sees.
"""

import re
import subprocess

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate, Table

from bench.projects import make_evening
from workbench.report import export_pdf, idea_list
from workbench.report.tables import cell, grid

ROWS = 700


def page_texts(path) -> list:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", str(path), "-"],
                          capture_output=True, check=True).stdout.decode("utf-8")
    return text.split("\f")[:-1]


def test_a_long_grid_shows_every_row_once_in_order_with_the_header_on_every_page(tmp_path, monkeypatch):
    split_sizes = []
    real_split = Table.split

    def recording_split(table, width, height):
        split_sizes.append(len(table._cellvalues))
        return real_split(table, width, height)

    monkeypatch.setattr(Table, "split", recording_split)
    style = ParagraphStyle("cell", fontName="Helvetica", fontSize=8, leading=10)
    widths = [60, 300]
    rows = [[cell("Nummer", style, widths[0], bold=True), cell("Omschrijving", style, widths[1], bold=True)]]
    rows += [[cell(f"rij{n:04d}", style, widths[0]), cell(f"tekst van rij {n}", style, widths[1])]
             for n in range(ROWS)]
    out = tmp_path / "lang.pdf"
    SimpleDocTemplate(str(out), pagesize=A4).build([grid(rows, widths)])

    pages = page_texts(out)
    assert len(pages) > 5
    assert all("Omschrijving" in page for page in pages)  # the header repeats at each page's top
    seen = [int(number) for number in re.findall(r"rij(\d{4})", "".join(pages))]
    assert seen == list(range(ROWS))
    # Each page is split off a table of about a page of rows, never off all the rest.
    assert split_sizes and max(split_sizes) < ROWS / 2


def test_a_crowded_handout_wraps_each_title_once(tmp_path, monkeypatch):
    project = make_evening(tmp_path / "avond.gpkg", interventions=1500, sessions=3)
    calls = []
    real_wrap = idea_list.wrap_text

    def counting_wrap(*args, **kwargs):
        calls.append(args[0])
        return real_wrap(*args, **kwargs)

    monkeypatch.setattr(idea_list, "wrap_text", counting_wrap)
    try:
        out = tmp_path / "handout.pdf"
        export_pdf(project, out, kind="handout")
        entries = idea_list.list_entries(project, None)
    finally:
        project.close()
    assert len(page_texts(out)) > 10
    assert len(calls) == len(entries)  # was: every remaining title again at each page


def test_an_idea_list_that_just_fits_its_page_is_laid_out(tmp_path):
    """The balanced column height is searched to within 2 pt; a page whose room fell in
    that gap made the list ask for a split it then refused: LayoutError, no PDF."""
    from reportlab.platypus import SimpleDocTemplate

    from workbench.report import fonts

    fonts.register()
    entries = [("theme", "Groen", "#00aa00")] + [("idea", n, "#00aa00", f"Idee nummer {n} met een titel", n)
                                                 for n in range(1, 60)]
    probe = idea_list.IdeaColumns(entries, 450)
    smallest = probe._balanced_height(10_000) - 3
    while len(probe._layout(smallest)) < len(entries):
        smallest += 0.01
    room = smallest + 0.05  # all fit, yet less than the search's answer
    out = tmp_path / "past.pdf"
    SimpleDocTemplate(str(out), pagesize=(500, room + 12 + 72), topMargin=36, bottomMargin=36,
                      leftMargin=25, rightMargin=25).build([idea_list.IdeaColumns(entries, 450)])
    assert len(page_texts(out)) == 1


def test_the_last_page_of_a_long_grid_sits_where_the_others_do(tmp_path):
    style = ParagraphStyle("cell", fontName="Helvetica", fontSize=8, leading=10)
    widths = [60, 300]  # narrower than the frame: the grid is centred, as a Table is
    rows = [[cell("Nummer", style, widths[0]), cell("Omschrijving", style, widths[1])]]
    rows += [[cell(f"rij{n:04d}", style, widths[0]), cell("tekst", style, widths[1])] for n in range(400)]
    out = tmp_path / "lang.pdf"
    SimpleDocTemplate(str(out), pagesize=A4).build([grid(rows, widths)])
    bbox = subprocess.run(["pdftotext", "-bbox", str(out), "-"], capture_output=True, check=True, text=True).stdout
    lefts = {}
    for page, words in enumerate(bbox.split("<page ")[1:], start=1):
        found = re.search(r'<word xMin="([\d.]+)"[^>]*>rij\d{4}</word>', words)
        lefts[page] = round(float(found.group(1)), 1)
    assert len(lefts) > 3 and len(set(lefts.values())) == 1, lefts


def test_two_ideas_with_one_number_each_show_their_own_answer_in_the_report(tmp_path):
    """QGIS lets a user type a number twice; the report's verantwoording looked an idea's
    row up by its number and showed the other idea's answer on both rows."""
    import sqlite3

    from shapely.geometry import Point

    from workbench.core.commands import AddIntervention
    from workbench.core.toets_commands import AnswerIdea
    from workbench.io.projects import new_project
    from workbench.store import open_project

    path = tmp_path / "dubbel.gpkg"
    project = new_project(path, "Dubbel", "heerlen-2050", with_wijken=False)
    first = project.execute(AddIntervention("Bankje", Point(195000, 325000))).uuid
    second = project.execute(AddIntervention("Boom", Point(195100, 325000))).uuid
    project.close()
    conn = sqlite3.connect(path)  # as QGIS would: the same number typed twice
    conn.execute("UPDATE interventions SET number = 7")
    conn.commit()
    conn.close()
    project = open_project(path)
    try:
        project.execute(AnswerIdea(first, "doorgegeven", "Naar de provincie", referred_to="de provincie"))
        project.execute(AnswerIdea(second, "doorgegeven", "Naar het waterschap", referred_to="het waterschap"))
        out = tmp_path / "rapport.pdf"
        export_pdf(project, out, kind="report")
    finally:
        project.close()
    text = " ".join(" ".join(page_texts(out)).split())
    assert "doorgegeven aan de provincie" in text and "doorgegeven aan het waterschap" in text


def test_a_crowded_report_maps_its_ideas_as_the_handout_does(tmp_path):
    """The planners' report drew one map numbering every idea: at 2,000 ideas a carpet of
    discs and leader lines. Crowded, it now has the handout's overview with counts and
    the detail maps that number each idea; a small project keeps its one map."""
    crowded = make_evening(tmp_path / "vol.gpkg", interventions=120, sessions=2)
    try:
        export_pdf(crowded, tmp_path / "vol.pdf", kind="report")
    finally:
        crowded.close()
    pages = page_texts(tmp_path / "vol.pdf")
    assert any("Alle ideeën op de kaart" in page for page in pages[:4])
    assert any("De ideeën per deel van het gebied" in page for page in pages[:6])


def test_a_crowded_terugkoppeling_maps_its_ideas_as_the_handout_does(tmp_path):
    """The residents' terugkoppeling drew one map numbering every idea (at 2,000 ideas a
    carpet of discs where no resident finds his number). Crowded, it has the handout's
    overview with counts and the detail maps where every idea has its number, before the
    answers; the map is still called a sketch, as the visie does."""
    crowded = make_evening(tmp_path / "vol.gpkg", interventions=120, sessions=2)
    try:
        export_pdf(crowded, tmp_path / "vol.pdf", kind="terugkoppeling")
        expected = {item.number for item in crowded.interventions()}
    finally:
        crowded.close()
    pages = page_texts(tmp_path / "vol.pdf")
    overview = next(index for index, page in enumerate(pages) if "Alle ideeën op de kaart" in page)
    assert "Deze kaart is een schets, geen omgevingsplankaart." in " ".join(pages[overview].split())
    details = next(index for index, page in enumerate(pages) if "De ideeën per deel van het gebied" in page)
    answers = next(index for index, page in enumerate(pages) if "Wat gebeurt er met elk idee?" in page)
    assert overview < details < answers
    shown = {int(word) for page in pages[details:answers] for word in re.findall(r"\b\d+\b", page)}
    assert expected <= shown
