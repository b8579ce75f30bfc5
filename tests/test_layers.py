"""The layering of DESIGN.md holds: import-linter contracts in pyproject.toml."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    contracts = (ROOT / "pyproject.toml").read_text(encoding="utf-8").count("[[tool.importlinter.contracts]]")
    assert contracts >= 4  # Qt, SQL, core and store: every one of them is checked and kept
    assert f"Contracts: {contracts} kept, 0 broken." in result.stdout


def test_headless_commands_do_not_load_qt():
    code = "import sys, workbench.cli; workbench.cli.main(['sample', '--list']); print('PySide6' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.stdout.strip().endswith("False")
