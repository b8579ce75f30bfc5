"""What a red team fed the command line, and what used to be accepted without a word:
absurd coordinates in ``add``, a project imported into itself, absurd quantities, a
truncated file that passed ``check``."""

import json

import pytest

from workbench.cli import main
from workbench.store import open_project


def refused(capsys, *argv) -> str:
    """Run the CLI in-process; it must refuse with one Dutch line and exit 2."""
    assert main([str(a) for a in argv]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    return err


def count(path) -> int:
    project = open_project(path, read_only=True)
    try:
        return len(project.interventions())
    finally:
        project.close()


@pytest.mark.parametrize("wkt, hint", [
    ("POINT (0 0)", "ver buiten Nederland"),
    ("POINT (1e308 1e308)", "ver buiten Nederland"),
    ("POINT (325500 195000)", "ver buiten Nederland"),                 # x and y swapped
    ("LINESTRING (195000 325000, 195100 1e308)", "ver buiten Nederland"),
    ("POINT (5.98 50.89)", "dit lijken lengte/breedtegraden"),          # lon/lat of Heerlen
    ("POINT (50.89 5.98)", "dit lijken lengte/breedtegraden"),          # lat/lon
    ("POLYGON ((5.9 50.8, 6.0 50.8, 6.0 50.9, 5.9 50.8))", "dit lijken lengte/breedtegraden"),
])
def test_add_refuses_coordinates_far_outside_the_netherlands(sample_path, capsys, wkt, hint):
    before = count(sample_path)
    err = refused(capsys, "add", sample_path, "--title", "Ergens", "--wkt", wkt)
    assert hint in err and "RD-coördinaten (EPSG:28992)" in err
    assert count(sample_path) == before


def test_add_still_takes_rd_coordinates(sample_path, capsys):
    before = count(sample_path)
    assert main(["add", str(sample_path), "--title", "In Heerlen", "--wkt", "POINT (195000 325000)"]) == 0
    assert count(sample_path) == before + 1


def test_importing_the_project_into_itself_is_refused(sample_path, tmp_path, capsys):
    import os

    before = count(sample_path)
    err = refused(capsys, "import", sample_path, sample_path)
    assert "het project zelf" in err
    link = tmp_path / "zelfde.gpkg"  # the same file under another name
    os.link(sample_path, link)
    assert "het project zelf" in refused(capsys, "import", sample_path, link)
    assert "het project zelf" in refused(capsys, "import", sample_path, tmp_path / "." / sample_path.name)
    assert count(sample_path) == before


def test_an_absurd_quantity_is_refused_in_dutch(project):
    from workbench.core.commands import EditIntervention
    from workbench.errors import ValidationError

    item = project.interventions()[0]
    for value in (1e308, -1e13, "2e12"):
        with pytest.raises(ValidationError, match="te groot"):
            project.execute(EditIntervention(item.uuid, quantities={"homes": value}))
    assert project.get("intervention", item.uuid).quantities == item.quantities
    project.execute(EditIntervention(item.uuid, quantities={"homes": 1e12}))  # the limit itself is fine
    assert dict(project.get("intervention", item.uuid).quantities)["homes"] == 1e12


def test_an_absurd_goal_target_is_refused_in_dutch(project):
    from workbench.core.theme_commands import AddGoal
    from workbench.errors import ValidationError

    with pytest.raises(ValidationError, match="De streefwaarde is te groot"):
        project.execute(AddGoal("Veel woningen", target=1e308))


def test_an_absurd_quantity_in_an_imported_file_is_reported_and_left_out(project, tmp_path):
    from tests.test_io_import import feature, write_geojson
    from workbench.io.import_features import import_file

    path = write_geojson(tmp_path / "a.geojson", [feature({"titel": "Veel", "homes": 1e308, "Bomen": 4})])
    summary = import_file(project, path)
    item = project.interventions()[-1]
    assert dict(item.quantities) == {"trees": 4.0}
    assert "homes" in "\n".join(summary.lines())


def test_a_quantity_of_1e308_from_a_foreign_edit_prints_short(sample_path, tmp_path):
    from tests.test_report_pdf import pdf_text
    from workbench.report import export_pdf
    from workbench.store.connection import connect

    conn = connect(sample_path)  # as QGIS could write it: no validation on the way in
    conn.execute("UPDATE intervention_quantities SET value = 1e308")
    conn.close()
    project = open_project(sample_path, read_only=True)
    try:
        words = pdf_text(export_pdf(project, tmp_path / "rapport.pdf", kind="report"))
    finally:
        project.close()
    assert "1,00e+308" in words
    assert "0" * 30 not in words


def test_check_finds_a_file_truncated_by_one_byte(sample_path, capsys):
    with open(sample_path, "rb+") as handle:
        handle.truncate(sample_path.stat().st_size - 1)
    assert main(["check", str(sample_path)]) == 1
    out = capsys.readouterr().out
    assert "is afgekapt" in out
    # The NUL SQLite reads for the missing byte lands in whichever table holds the last
    # page: a timestamp of an idea, or (since versions) a version vector.
    assert "ongeldige tijdstempel" in out or "onleesbare tekens (zoals NUL)" in out


def test_check_finds_nul_in_text_and_garbage_in_timestamps(sample_path, capsys):
    from workbench.store.connection import connect

    conn = connect(sample_path)  # as a foreign writer could leave it
    conn.execute("UPDATE interventions SET title = title || char(0) || 'rest' WHERE number = 1")
    conn.execute("UPDATE interventions SET created_at = 'gisteren' WHERE number = 2")
    conn.close()
    assert main(["check", str(sample_path)]) == 1
    out = capsys.readouterr().out
    assert "Tabel interventions, kolom title: 1 tekst(en) met onleesbare tekens" in out
    assert "Tabel interventions, kolom created_at: 1 ongeldige tijdstempel(s)" in out
    assert "is afgekapt" not in out


def test_check_still_passes_a_sound_project(sample_path, capsys):
    assert main(["check", str(sample_path)]) == 0
    assert "in orde" in capsys.readouterr().out


def test_huge_numbers_print_short_in_the_app_and_the_pdf():
    from workbench.geo.measure import format_number
    from workbench.ui.fields import format_plain_number

    assert format_number(1e308) == "1,00e+308" and format_number(float("nan")) == "?"
    assert format_number(1234567.5, 1) == "1.234.567,5"
    assert format_plain_number(1e308) == "1e+308" and format_plain_number(12.0) == "12"
