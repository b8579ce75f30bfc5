"""`workbench export pdf` and `export_pdf`: clear Dutch errors, no half files, progress
and cancelling."""

import pytest

from tests.test_report_pdf import pdf_text
from workbench.cli import main
from workbench.report import ExportCancelled, ExportError, export_pdf
from workbench.store import open_project


def test_unknown_session_is_one_dutch_line(sample_path, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    code = main(["export", "pdf", str(sample_path), str(out), "--session", "Bestaat niet"])
    error = capsys.readouterr().err
    assert code == 2
    assert "Onbekende bijeenkomst 'Bestaat niet'" in error
    assert "Voorbeeldavond Heerlerheide (fictief)" in error   # says which sessions do exist
    assert len(error.strip().splitlines()) == 1
    assert not out.exists()


def test_session_title_is_found_case_insensitively(sample_path, tmp_path):
    out = tmp_path / "x.pdf"
    assert main(["export", "pdf", str(sample_path), str(out), "--session", "voorbeeldavond heerlerheide (fictief)"]) == 0
    assert "Buurthuis (fictief)" in pdf_text(out)


def test_not_a_project_is_refused(tmp_path, capsys):
    bogus = tmp_path / "geen.gpkg"
    bogus.write_text("dit is geen project")
    code = main(["export", "pdf", str(bogus), str(tmp_path / "x.pdf")])
    assert code == 2
    assert capsys.readouterr().err.startswith("workbench: ")
    assert not (tmp_path / "x.pdf").exists()


def test_unwritable_target_is_refused_without_leftovers(sample_path, tmp_path, capsys):
    code = main(["export", "pdf", str(sample_path), str(tmp_path / "bestaat-niet" / "x.pdf")])
    assert code == 2
    assert "bestaat niet" in capsys.readouterr().err
    code = main(["export", "pdf", str(sample_path), str(tmp_path)])   # a folder, not a file
    assert code == 2
    assert "is een map" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == [sample_path.name]  # no temporary file left


def test_progress_rises_to_one(project, tmp_path):
    seen = []
    export_pdf(project, tmp_path / "r.pdf", kind="report", progress=lambda f: seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen) and len(seen) > 3


def test_cancel_leaves_no_file(project, tmp_path):
    out = tmp_path / "r.pdf"
    with pytest.raises(ExportCancelled):
        export_pdf(project, out, kind="report", progress=lambda fraction: fraction < 0.3)
    assert list(tmp_path.glob("*.pdf*")) == []
    assert not any(p.name.startswith(".werkbank-") for p in tmp_path.iterdir())


def test_cancelled_export_keeps_an_existing_pdf(project, tmp_path):
    out = tmp_path / "r.pdf"
    out.write_bytes(b"oude versie")
    with pytest.raises(ExportCancelled):
        export_pdf(project, out, kind="handout", progress=lambda fraction: fraction < 0.5)
    assert out.read_bytes() == b"oude versie"


def test_unknown_kind_and_session_uuid(project, tmp_path):
    with pytest.raises(ExportError, match="Onbekende soort PDF"):
        export_pdf(project, tmp_path / "x.pdf", kind="folder")
    with pytest.raises(ExportError, match="bestaat niet"):
        export_pdf(project, tmp_path / "x.pdf", session_uuid="geen-uuid")


def test_export_reads_a_read_only_project(sample_path, tmp_path):
    project = open_project(sample_path, read_only=True)
    try:
        out = export_pdf(project, tmp_path / "h.pdf")
    finally:
        project.close()
    assert out.read_bytes().startswith(b"%PDF-")


def test_report_and_analysis_never_load_qt():
    import subprocess
    import sys

    code = ("import sys, workbench.report.handout, workbench.report.planner_report, workbench.report.poster, "
            "workbench.report.cli, workbench.analysis.wijken, workbench.analysis.goals, workbench.analysis.coverage; "
            "print([m for m in sys.modules if m.startswith(('PySide6', 'qtpy'))])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
