"""Issue 14: a handout stays readable and short at 400 ideas, and renders at 2,000."""

import re
import subprocess

import pytest

from bench.projects import make_evening
from workbench.report import export_pdf

PAGE_BUDGET = 8
LIST_NUMBER_HEIGHT = 8.0   # points: the list's number discs use 7.2 pt type, all other numbers 9 pt or more


def pdf_text(path, first=None, last=None) -> str:
    pages = (["-f", str(first)] if first else []) + (["-l", str(last)] if last else [])
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"], capture_output=True, check=True)
    return " ".join(result.stdout.decode("utf-8").split())


def pdf_pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def words_with_boxes(path, page):
    """[(word, x_min, height)] of one page (pdftotext -bbox)."""
    result = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                            capture_output=True, check=True, text=True).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>'
    return [(word, float(x), float(y_max) - float(y_min)) for x, y_min, y_max, word in re.findall(pattern, result)]


@pytest.fixture(scope="module")
def evening(tmp_path_factory):
    folder = tmp_path_factory.mktemp("evening")
    project = make_evening(folder / "avond.gpkg", interventions=400, sessions=7)
    out = folder / "handout.pdf"
    export_pdf(project, out, kind="handout")
    yield project, out
    project.close()


def test_400_ideas_fit_the_page_budget_with_every_number_and_title(evening):
    project, out = evening
    assert pdf_pages(out) <= PAGE_BUDGET
    words = pdf_text(out)
    for item in project.interventions():
        assert f"{item.number} {item.title}" in words or item.title in words, item.number


def test_the_list_names_each_number_exactly_once(evening):
    project, out = evening
    map_page = next(page for page in range(1, pdf_pages(out) + 1)
                    if "Alle ideeën op de kaart" in pdf_text(out, page, page))
    numbers = [int(word) for page in range(1, map_page) for word, _x, height in words_with_boxes(out, page)
               if word.isdigit() and height < LIST_NUMBER_HEIGHT]
    assert sorted(numbers) == [item.number for item in project.interventions()]


def test_every_idea_is_numbered_on_one_of_the_detail_maps(evening):
    project, out = evening
    map_page = next(page for page in range(1, pdf_pages(out) + 1)
                    if "Alle ideeën op de kaart" in pdf_text(out, page, page))
    shown = {int(word) for page in range(map_page + 1, pdf_pages(out) + 1)
             for word, _x, _h in words_with_boxes(out, page) if word.isdigit()}
    assert {item.number for item in project.interventions()} <= shown


def test_the_cover_names_every_session_the_handout_covers(evening):
    project, out = evening
    cover = pdf_text(out, 1, 1)
    for session in project.sessions():
        assert session.title in cover


def test_a_title_copied_into_the_description_is_printed_once(tmp_path):
    project = make_evening(tmp_path / "klein.gpkg", interventions=22, sessions=1)
    try:
        out = tmp_path / "handout.pdf"
        export_pdf(project, out, kind="handout")
        ideas = pdf_text(out).split("De ideeën Hier staan alle ideeën")[1].split("Wat vonden de bewoners")[0]
        copied = [item for item in project.interventions() if item.description == item.title]
        assert copied
        for item in copied:
            assert ideas.count(item.title) == 1, item.number
    finally:
        project.close()


def test_a_handout_of_2000_ideas_renders(tmp_path):
    project = make_evening(tmp_path / "groot.gpkg", interventions=2000, sessions=7)
    try:
        out = tmp_path / "handout.pdf"
        export_pdf(project, out, kind="handout")
        words = pdf_text(out)
        assert all(item.title in words for item in project.interventions())
    finally:
        project.close()


def test_a_crowded_handout_with_an_essay_as_a_title_renders(tmp_path):
    from workbench.core.commands import EditIntervention

    project = make_evening(tmp_path / "essay.gpkg", interventions=45, sessions=2)
    try:
        project.execute(EditIntervention(project.interventions()[0].uuid, title="Heel lang verhaal " * 2000))
        out = tmp_path / "handout.pdf"
        export_pdf(project, out, kind="handout")
        assert "Heel lang verhaal Heel lang verhaal" in pdf_text(out)
    finally:
        project.close()


def test_a_cover_for_a_hundred_sessions_counts_the_ones_that_do_not_fit(tmp_path):
    project = make_evening(tmp_path / "reeks.gpkg", interventions=50, sessions=100)
    try:
        out = tmp_path / "handout.pdf"
        export_pdf(project, out, kind="handout")
        cover = pdf_text(out, 1, 1)
        assert project.sessions()[0].title in cover and "en nog 71 bijeenkomsten" in cover
    finally:
        project.close()
