"""Tests that need a file or folder the user may not read or write, run where the tests
run as root (containers, CI): root reads and writes anything, so the command under test
runs without those capabilities."""

import os
import shutil

import pytest


def without_root_powers() -> list:
    """A prefix for a subprocess that runs without root's right to read or write any
    file or folder ([] for a normal user)."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):  # util-linux, on every Debian: .ci/run's machine has it
        pytest.skip("running as root without setpriv: a file cannot be made unreadable for this test")
    caps = "-dac_override,-dac_read_search,-fowner"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", "--"]
