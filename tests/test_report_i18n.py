"""Every string the PDFs show has an English translation, and the English PDF uses it."""

import ast
import json
from pathlib import Path

from tests.test_report_pdf import pdf_text
from workbench.i18n import set_language
from workbench.paths import resource
from workbench.report import export_pdf

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted((ROOT / "workbench" / "report").glob("*.py")) + [
    ROOT / "workbench" / "analysis" / f"{name}.py" for name in ("wijken", "goals", "coverage")]


def _literals():
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "_" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                yield path.name, node.args[0].value


def test_every_report_string_has_english():
    english = json.loads(resource("translations", "en", "report.json").read_text(encoding="utf-8"))
    missing = [(name, text) for name, text in _literals() if text not in english]
    assert missing == []


def test_placeholders_survive_translation():
    english = json.loads(resource("translations", "en", "report.json").read_text(encoding="utf-8"))
    for dutch, translated in english.items():
        assert sorted(part.split("}")[0] for part in dutch.split("{")[1:]) == \
            sorted(part.split("}")[0] for part in translated.split("{")[1:]), dutch


def test_english_handout(project, tmp_path):
    set_language("en")
    try:
        out = export_pdf(project, tmp_path / "en.pdf")
    finally:
        set_language("nl")
    words = pdf_text(out)
    assert "What did residents find most important?" in words
    assert "Thursday 12 March 2026" in words
    assert "Page 1 of" in words
