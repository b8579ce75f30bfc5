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
