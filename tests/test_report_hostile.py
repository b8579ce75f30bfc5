"""Text users type (or that arrives through QGIS edits) never breaks the PDF: markup
stays literal, control characters and emoji disappear, very long text is shortened
where space is fixed and shown in full where it flows, empty text is handled."""

import dataclasses

import pytest
from shapely.geometry import GeometryCollection, LineString, Point, Polygon

from tests.test_report_pdf import pdf_fonts, pdf_info, pdf_text
from workbench.core.model import Intervention, Quote, Session, Theme
from workbench.report import export_pdf
from workbench.report import text as report_text
from workbench.store import open_project

MARKUP = '<b>Vet</b> & "aanhalingstekens" \'enkel\' <para> </font> &amp;'
EMOJI = "Boom \U0001F333 en duim \U0001F44D\U0001F3FD erbij"
LONG_TAIL = "EINDEVANDELANGETITEL"
LONG_TITLE = ("heel lange titel " * 700)[:9980] + LONG_TAIL          # 10,000 characters
LONG_WORD = "x" * 3000                                                # no place to break


def hostile_project(path):
    """The sample with hostile text everywhere, put straight into memory as a file
    edited outside the app could hold it (no validation, no cleaning)."""
    project = open_project(path, read_only=True).scratch_copy()
    entities = project.state.entities
    theme_uuid = "hostile-theme"
    entities["theme"][theme_uuid] = Theme(theme_uuid, '<i>Thema</i> & "co" \x07', "#ffeb3b", sort_order=0)
    entities["theme"]["bad-colour"] = Theme("bad-colour", "Kleur uit QGIS", '"><b>rood', sort_order=1)
    session_uuid = "hostile-session"
    entities["session"][session_uuid] = Session(session_uuid, "Avond <b>3</b> & meer \x00", "2024-13-45",
                                                "Zaal \u201cDe Kroon\u201d \u2013 \u20ac 5", "", 0)
    base = Point(194800, 325500)
    rows = [
        (MARKUP, "Beschrijving met <br/> en & en \x1b[31m kleur\x1b[0m", base),
        (EMOJI, "\U0001F600" * 50, base.buffer(40)),
        (LONG_TITLE, LONG_TITLE, LineString([(194700, 325400), (194900, 325600)])),
        ("", "", Point(194810, 325510)),
        ("\U0001F333", "Alleen een emoji als titel", Point(194790, 325490)),
        (LONG_WORD, LONG_WORD, Polygon([(194600, 325300), (194650, 325300), (194650, 325350)])),
        ("ëéïöü € \u2018quote\u2019 \u2014 dash \u2026", "Tab\tna tab\r\nnieuwe regel", Point(194805, 325505)),
        ("中文 标题", "Tekens die het lettertype niet kent", Point(194815, 325495)),
        ("Vlinderdas", "Een vlak dat zichzelf snijdt (uit QGIS)",
         Polygon([(194700, 325700), (194900, 325900), (194900, 325700), (194700, 325900)])),
        ("Verzameling", "Punt, lijn en vlak in een", GeometryCollection([
            Point(194750, 325450), LineString([(194760, 325460), (194860, 325560)]), Point(194900, 325400).buffer(30)])),
        ("Leeg vlak", "Geen geometrie", Polygon()),
    ]
    themes_of = {len(rows) - 1: "bad-colour"}   # the last idea gets the theme with a broken colour
    number = max(i.number for i in project.interventions())
    for index, (title, description, geometry) in enumerate(rows):
        number += 1
        uuid = f"hostile-{index}"
        theme = themes_of.get(index, theme_uuid)
        entities["intervention"][uuid] = Intervention(uuid, number, title, geometry, description,
                                                      theme_uuids=(theme,), primary_theme_uuid=theme,
                                                      created_session_uuid=session_uuid)
    goal = next(g for g in project.goals() if g.quantity_key == "green_m2")
    entities["goal"][goal.uuid] = dataclasses.replace(goal, target=float("inf"), unit="<m²>")
    entities["intervention"]["hostile-nan"] = Intervention(
        "hostile-nan", number + 1, "Onmogelijke hoeveelheid", Point(194820, 325520),
        quantities=(("green_m2", float("nan")), ("onbekend", 3.0)), goal_uuids=(goal.uuid,))
    entities["quote"]["hostile-quote"] = Quote("hostile-quote", MARKUP + " " + EMOJI, "<Bewoner> & co",
                                               session_uuid=session_uuid)
    entities["quote"]["long-quote"] = Quote("long-quote", LONG_TITLE, "", session_uuid=None)
    project.state.info = dataclasses.replace(project.info, name=MARKUP, contact=LONG_TITLE,
                                             next_steps="", credits="<credit> & \U0001F30D")
    return project


@pytest.fixture
def hostile(sample_path):
    return hostile_project(sample_path)


@pytest.mark.parametrize("kind", ["handout", "report", "poster"])
def test_hostile_text_renders_as_literal_text(hostile, kind, tmp_path):
    out = export_pdf(hostile, tmp_path / f"{kind}.pdf", kind=kind)
    words = pdf_text(out)
    assert "<b>Vet</b> & \"aanhalingstekens\" 'enkel' <para> </font> &amp;" in words
    assert "Boom en duim erbij" in words        # emoji gone, the words around them kept
    assert all(embedded == "yes" for _name, embedded in pdf_fonts(out))
    assert "\x07" not in words and "\x1b" not in words
    assert "Vlinderdas" in words and "Verzameling" in words and "Leeg vlak" in words
    if kind != "poster":
        assert "Kleur uit QGIS" in words   # a theme whose colour is not a colour


def test_long_text_is_shown_in_full_where_it_flows(hostile, tmp_path):
    out = export_pdf(hostile, tmp_path / "handout.pdf", kind="handout", session_uuid="hostile-session")
    words = pdf_text(out)
    assert LONG_TAIL in words              # the 10,000 character title, to its very end
    assert words.count("heel lange titel") >= 600
    assert "Avond <b>3</b> & meer" in words
    assert "Zaal \u201cDe Kroon\u201d \u2013 \u20ac 5" in words
    assert "ëéïöü € \u2018quote\u2019 \u2014 dash \u2026" in words
    assert "(zonder titel)" in words        # empty and emoji-only titles
    assert "2024-13-45" in words            # an impossible date is shown as typed, not dropped


def test_long_text_is_shortened_where_space_is_fixed(hostile, tmp_path):
    out = export_pdf(hostile, tmp_path / "poster.pdf", kind="poster")
    words = pdf_text(out)
    assert LONG_TAIL not in words
    assert "heel lange titel heel\u2026" in words or "heel lange titel\u2026" in words
    assert int(pdf_info(out)["Pages"]) == 1


def test_report_tables_shorten_long_cells(hostile, tmp_path):
    out = export_pdf(hostile, tmp_path / "report.pdf", kind="report")
    words = pdf_text(out)
    assert "Hoeveelheden: Groen ?; onbekend 3" in words   # NaN from a foreign edit: shown as ?
    assert "Groene verbindingen tussen wijk en natuur" in words
    assert LONG_TAIL in words                                  # in the flowing idea text
    appendix = words.split("Bijlage: alle ideeën")[-1]
    assert LONG_TAIL not in appendix and "\u2026" in appendix  # in the appendix table cell


def test_empty_project_renders_every_kind(empty_project, tmp_path):
    for kind in ("handout", "report", "poster"):
        out = export_pdf(empty_project, tmp_path / f"{kind}.pdf", kind=kind)
        words = pdf_text(out)
        assert "Testproject" in words
        assert "Pagina 1 van" in words


def test_plain_drops_what_the_font_cannot_draw():
    assert report_text.plain("Mooi \U0001F333\U0001F3FD plein\x07 ", multiline=False) == "Mooi plein"
    assert report_text.plain("中") == "?"
    assert report_text.plain("Tab\tna tab") == "Tab na tab"
    assert report_text.plain("ë € \u201c\u201d \u2013") == "ë € \u201c\u201d \u2013"


def test_markup_escapes_every_markup_character():
    assert report_text.markup("<b>&</b>\nregel") == "&lt;b&gt;&amp;&lt;/b&gt;<br/>regel"


@pytest.mark.parametrize("width", [5, 40, 120, 400])
def test_shorten_fits_the_width_and_marks_the_cut(width):
    from workbench.report import fonts

    shortened = report_text.shorten(LONG_TITLE, width, 10)
    assert fonts.string_width(shortened, 10) <= width
    assert shortened == "" or shortened.endswith("\u2026")
    assert report_text.shorten("kort", 400, 10) == "kort"
