"""Verdicts and answers through the shared database: decided by versions like every row
(real PostgreSQL + PostGIS; skipped where not installed)."""

import shutil

from tests.test_sync_postgis import of_database, sync
from workbench.core.toets_commands import AnswerIdea, WeighIdea
from workbench.store import open_project


def weigh(path, *commands):
    project = open_project(path)
    try:
        idea = project.interventions()[0].uuid
        for command in commands:
            project.execute(command(idea))
    finally:
        project.close()


def toets(path):
    project = open_project(path, read_only=True)
    try:
        return (sorted((v.criterion, v.verdict) for v in project.all("verdict")),
                sorted(a.text for a in project.all("answer")))
    finally:
        project.close()


def test_verdicts_weighed_apart_are_listed_once_and_a_clear_travels(sample_path, tmp_path, database):
    other = tmp_path / "ander.gpkg"
    shutil.copy(sample_path, other)
    weigh(sample_path, lambda i: WeighIdea(i, "koppelkansen", "strijdig"),
          lambda i: AnswerIdea(i, "in-uitvoering", "Wordt aangelegd"))
    weigh(other, lambda i: WeighIdea(i, "koppelkansen", "voldoet"), lambda i: WeighIdea(i, "archeologie", "onderzoek"))
    conflicts = []
    for path in (sample_path, other, sample_path, other):
        conflicts += [c.line() for c in sync(path, database).conflicts]
    assert len(conflicts) == 1 and "koppelkansen" in conflicts[0]
    assert toets(sample_path) == toets(other)
    assert toets(other)[0] == [("archeologie", "onderzoek"), ("koppelkansen", "voldoet")]  # the second syncer kept its own
    weigh(sample_path, lambda i: WeighIdea(i, "archeologie", None))
    sync(sample_path, database)
    sync(other, database)
    assert toets(other)[0] == [("koppelkansen", "voldoet")] and toets(other) == toets(sample_path)
    rows = of_database(database, other)
    assert rows["ideas"]  # the database holds the same project
