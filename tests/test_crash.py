"""kill -9 at random moments loses nothing acknowledged and leaves nothing half, and the
app then opens the project by itself (a small run of ``make stress``)."""

import pytest

from bench.crash import crash_runs, crash_suite
from bench.crash_kinds import KINDS


def test_kill_9_during_rapid_edits_loses_nothing_committed(sample_path):
    totals = crash_runs(sample_path, runs=12, seed=7)
    assert totals["committed"] > 12  # the child really was committing when it died
    assert totals["failures"] == []
    assert totals["lost"] == 0


@pytest.mark.parametrize("kind", list(KINDS))
def test_kill_9_while_writing_leaves_a_project_that_opens_whole(tmp_path, kind):
    totals = crash_suite(tmp_path, {kind: 3}, seed=11, while_writing=0.8)[kind]
    assert totals["runs"] == 3
    assert totals["killed_midway"] >= 1  # it really died mid-way at least once
    assert totals["failures"] == []
    assert totals["lost"] == 0 and totals["half"] == 0
