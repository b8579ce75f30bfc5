"""The visie-toets and the answers: stored in the file, one undo step each, carried by a merge."""

import shutil

import pytest

from workbench.core.commands import DeleteInterventions
from workbench.core.criteria import criteria_for, instruments_for
from workbench.core.setup_commands import AddSession, EditSession
from workbench.core.toets_commands import AnswerIdea, WeighIdea
from workbench.errors import ValidationError
from workbench.io.merge import merge_files
from workbench.store import open_project

def test_every_criterion_and_instrument_names_the_lines_of_the_visie_it_comes_from():
    criteria = criteria_for("heerlen-2050")
    keys = {c.key for c in criteria}
    assert {"water-en-bodem", "sociale-veiligheid", "koppelkansen", "afkoppelen", "archeologie",
            "risicobronnen", "revisie-boven-sloop", "spreiding-sociale-huur", "energierechtvaardigheid",
            "voorzorg", "vervuiler-betaalt", "afwenteling"} <= keys
    assert all(c.seed.startswith("L") and c.label and c.question for c in criteria)
    assert {"omgevingsplan", "programma", "buurtaanpak-warmte", "herstructureringsplan", "nphn"} <= {
        i.key for i in instruments_for("heerlen-2050")}
    # the empty theme set still weighs against the visie's criteria
    assert [c.key for c in criteria_for("leeg")] == [c.key for c in criteria]


def test_weigh_and_answer_are_stored_and_each_is_one_undo_step(project, sample_path):
    idea = project.interventions()[0]
    project.execute(WeighIdea(idea.uuid, "water-en-bodem", "mits", condition="Een wadi in het ontwerp"))
    project.execute(WeighIdea(idea.uuid, "eindoordeel", "voldoet", reason="Past in de visie"))
    project.execute(AnswerIdea(idea.uuid, "doorgezet", "We nemen uw idee mee in het omgevingsplan.",
                               instrument="omgevingsplan", answered_by="Team gebiedsvisie"))
    project.undo_stack.undo()
    assert project.all("answer") == []
    project.undo_stack.redo()
    project.close()
    reopened = open_project(sample_path)
    verdicts = {v.criterion: v for v in reopened.all("verdict")}
    assert verdicts["water-en-bodem"].verdict == "mits"
    assert verdicts["water-en-bodem"].condition == "Een wadi in het ontwerp"
    assert verdicts["eindoordeel"].reason == "Past in de visie"
    (answer,) = reopened.all("answer")
    assert (answer.disposition, answer.instrument, answer.answered_by) == ("doorgezet", "omgevingsplan",
                                                                           "Team gebiedsvisie")
    assert answer.answered_on  # today
    reopened.close()


def test_weighing_again_replaces_the_verdict_and_deleting_the_idea_takes_both_along(project):
    idea = project.interventions()[0]
    project.execute(WeighIdea(idea.uuid, "koppelkansen", "strijdig", reason="Eén functie"))
    project.execute(WeighIdea(idea.uuid, "koppelkansen", "voldoet"))
    assert [v.verdict for v in project.all("verdict")] == ["voldoet"]
    project.execute(AnswerIdea(idea.uuid, "opgenomen", "Uw idee staat in de gebiedsvisie."))
    project.execute(DeleteInterventions([idea.uuid]))
    assert project.all("verdict") == [] and project.all("answer") == []
    project.undo_stack.undo()
    assert len(project.all("verdict")) == 1 and len(project.all("answer")) == 1


@pytest.mark.parametrize("command, message", [
    (lambda u: WeighIdea(u, "geen-criterium", "voldoet"), "Onbekend criterium"),
    (lambda u: WeighIdea(u, "water-en-bodem", "misschien"), "Onbekend oordeel"),
    (lambda u: WeighIdea(u, "water-en-bodem", "mits"), "voorwaarde"),
    (lambda u: AnswerIdea(u, "doorgezet", "Tekst", instrument=""), "instrument"),
    (lambda u: AnswerIdea(u, "opgenomen", "  "), "antwoord"),
    (lambda u: AnswerIdea(u, "weg", "Tekst"), "Onbekende afhandeling"),
])
def test_what_cannot_be_stored_is_refused_in_dutch(project, command, message):
    idea = project.interventions()[0]
    with pytest.raises(ValidationError, match=message):
        project.execute(command(idea.uuid))
    assert project.all("verdict") == [] and project.all("answer") == []


def test_a_session_records_its_method_and_target_group(project, sample_path):
    session = project.execute(AddSession("Straatgesprek Passart", method="straatgesprek",
                                         target_group="jongeren")).uuid
    with pytest.raises(ValidationError, match="werkvorm"):
        project.execute(EditSession(session, method="borrel"))
    project.close()
    reopened = open_project(sample_path, read_only=True)
    stored = reopened.get("session", session)
    assert (stored.method, stored.target_group) == ("straatgesprek", "jongeren")
    reopened.close()


def test_merge_of_two_laptops_that_weighed_different_ideas_keeps_both(sample_path, tmp_path):
    laptops = []
    for name, index, criterion in (("a", 0, "water-en-bodem"), ("b", 1, "sociale-veiligheid")):
        path = tmp_path / f"{name}.gpkg"
        shutil.copy(sample_path, path)
        project = open_project(path)
        idea = project.interventions()[index]
        project.execute(WeighIdea(idea.uuid, criterion, "onderzoek", reason=f"Laptop {name}"))
        project.execute(AnswerIdea(idea.uuid, "in-uitvoering", f"Antwoord van laptop {name}"))
        project.close()
        laptops.append(path)
    target = tmp_path / "totaal.gpkg"
    shutil.copy(laptops[0], target)
    project = open_project(target)
    summary = merge_files(project, [laptops[1]])
    assert not summary.conflicts
    project.close()
    merged = open_project(target, read_only=True)
    assert sorted(v.reason for v in merged.all("verdict")) == ["Laptop a", "Laptop b"]
    assert sorted(a.text for a in merged.all("answer")) == ["Antwoord van laptop a", "Antwoord van laptop b"]
    merged.close()
    again = open_project(target)
    assert merge_files(again, [laptops[1]]).changes == 0  # idempotent
    again.close()


def test_a_file_from_before_the_toets_opens_read_only_and_then_migrates(sample_path):
    import sqlite3

    conn = sqlite3.connect(sample_path)
    conn.executescript("""
        DROP TABLE verdicts; DROP TABLE answers;
        DELETE FROM gpkg_contents WHERE table_name IN ('verdicts', 'answers');
        ALTER TABLE sessions DROP COLUMN method; ALTER TABLE sessions DROP COLUMN target_group;
        ALTER TABLE sessions DROP COLUMN part; ALTER TABLE project_info DROP COLUMN disclaimer;
        ALTER TABLE quotes DROP COLUMN theme_uuid;
        UPDATE workbench_meta SET value = '5' WHERE key = 'schema_version';""")
    conn.close()
    old = open_project(sample_path, read_only=True)
    assert old.all("verdict") == [] and old.sessions()[0].method == "" and old.info.disclaimer == ""
    assert len(old.quotes()) == 3
    old.close()
    project = open_project(sample_path)
    project.execute(WeighIdea(project.interventions()[0].uuid, "archeologie", "onderzoek"))
    project.execute(EditSession(project.sessions()[0].uuid, method="groepsgesprek"))
    project.close()
