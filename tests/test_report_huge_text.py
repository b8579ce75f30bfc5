"""PDF work stays bounded for any text size: a 1 MB description without a single space
and 100 kB titles (pasted by accident, or from a file edited outside the app) export in
seconds, show their beginning, and say that they were cut."""

import subprocess
import sys

import pytest

from tests.test_report_pdf import pdf_info, pdf_text
from workbench.report import text as report_text

# Runs in a child process so that a hang is seen as a timeout instead of blocking the
# test run. 60 s is an upper bound for "hangs" (a normal export takes about a second),
# not a performance threshold.
HANG = 60

_EXPORT = """
import dataclasses, sys
from workbench.report import export_pdf
from workbench.store import open_project

BIG = {"description", "notes", "text", "next_steps"}         # 1 MB without spaces
NAMES = {"name", "title", "place", "facilitator", "speaker", "actor", "label", "unit", "indicator",
         "municipality", "contact", "credits"}                  # 100 kB without spaces

def huge(field, value):
    if field in BIG:
        return "BEGIN" + field.upper() + "x" * 1_000_000
    if field in NAMES:
        return "BEGIN" + field.upper() + "y" * 100_000
    return value

project = open_project(sys.argv[1], read_only=True).scratch_copy()
state = project.state
state.info = dataclasses.replace(state.info, **{f: huge(f, v) for f, v in vars(state.info).items()})
for kind, table in state.entities.items():
    for uuid in list(table)[:1]:
        entity = table[uuid]
        changed = {f: huge(f, getattr(entity, f)) for f in entity.__dataclass_fields__
                   if isinstance(getattr(entity, f), str)}
        table[uuid] = dataclasses.replace(entity, **changed)
session = project.sessions()[0].uuid
export_pdf(project, sys.argv[2], kind=sys.argv[3], session_uuid=session)
"""


@pytest.mark.parametrize("kind", ["handout", "report", "poster"])
def test_huge_unbroken_text_exports_without_hanging(sample_path, tmp_path, kind):
    out = tmp_path / f"{kind}.pdf"
    run = subprocess.run([sys.executable, "-c", _EXPORT, str(sample_path), str(out), kind],
                         capture_output=True, text=True, timeout=HANG)
    assert run.returncode == 0, run.stderr[-2000:]
    words = pdf_text(out)
    assert "BEGINTITLE" in words          # the session title (100 kB)
    if kind != "poster":
        assert "BEGINDESCRIPTION" in words  # the start of the 1 MB description
        assert "ingekort, volledige tekst in het project" in words
    # Cut, not printed in full: a dozen fields of 10,000 characters each fill a few dozen
    # pages (the sample alone has 6 to 14); repeated names (a session per idea) are clipped.
    assert int(pdf_info(out)["Pages"]) <= 50


def test_names_repeated_for_every_idea_are_clipped_to_a_line():
    assert report_text.label("Avond in de Kroon") == "Avond in de Kroon"
    clipped = report_text.label("Avond " + "y" * 100_000)
    assert clipped.startswith("Avond yyy") and clipped.endswith("\u2026") and len(clipped) <= 101
