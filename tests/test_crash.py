"""Nothing committed is lost when the process is killed mid-edit (a small run of make stress)."""

from bench.crash import crash_runs


def test_kill_9_during_rapid_edits_loses_nothing_committed(sample_path):
    totals = crash_runs(sample_path, runs=12, seed=7)
    assert totals["committed"] > 12  # the child really was committing when it died
    assert totals["lost"] == 0
    assert totals["integrity_failures"] == 0
