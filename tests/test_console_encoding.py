"""CLI output survives any console encoding.

A Windows console or pipe often encodes in cp1252 (or the OEM code page); a project name
with characters outside it made ``workbench info`` exit 2, and ``workbench new`` create
the project and then fail on printing the confirmation.
"""

import json
import os
import subprocess
import sys

NAME = "Ŋ€✓ Łódź Ideeën"  # outside cp1252: Ŋ ✓ Ł ź; inside: € ó ë


def run(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8", "LC_ALL")}
    environment.update(env)
    return subprocess.run([sys.executable, "-m", "workbench", *map(str, args)], capture_output=True,
                          timeout=60, env=environment)


def test_new_and_info_on_a_cp1252_console(tmp_path):
    path = tmp_path / "project.gpkg"
    made = run("new", path, "--name", NAME, PYTHONIOENCODING="cp1252")
    assert made.returncode == 0, made.stderr
    text = made.stdout.decode("cp1252")
    assert "€" in text and "Ideeën" in text and "?" in text  # what cp1252 lacks becomes '?'
    info = run("info", path, PYTHONIOENCODING="cp1252")
    assert info.returncode == 0, info.stderr
    assert "Łódź".encode("cp1252", "replace").decode("cp1252") in info.stdout.decode("cp1252")


def test_json_is_ascii_and_exact_on_any_console(tmp_path):
    path = tmp_path / "project.gpkg"
    assert run("new", path, "--name", NAME).returncode == 0
    for encoding in ("cp1252", "ascii", "cp850"):
        result = run("info", path, "--json", PYTHONIOENCODING=encoding)
        assert result.returncode == 0, result.stderr
        assert max(result.stdout) < 128  # plain ASCII: \\u escapes survive every code page
        assert json.loads(result.stdout)["name"] == NAME


def test_redirected_output_is_utf8_whatever_the_locale_says(tmp_path):
    # A pipe or file gets the locale's encoding (ANSI cp1252 on Windows, ASCII here under
    # LC_ALL=C without UTF-8 mode); the app writes UTF-8 there instead.
    path = tmp_path / "project.gpkg"
    assert run("new", path, "--name", NAME).returncode == 0
    result = run("info", path, LC_ALL="C", PYTHONCOERCECLOCALE="0", PYTHONUTF8="0")
    assert result.returncode == 0, result.stderr
    assert NAME in result.stdout.decode("utf-8")


def test_errors_with_such_names_are_one_line_on_stderr(tmp_path):
    result = run("info", tmp_path / "Łódź ✓.gpkg", PYTHONIOENCODING="cp1252")
    assert result.returncode == 2
    message = result.stderr.decode("cp1252")
    assert message.startswith("workbench: ") and "bestaat niet" in message and "Traceback" not in message
