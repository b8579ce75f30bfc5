"""The installer files agree with each other (they cannot be run here: no Windows)."""

import re
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent


def test_inno_setup_installs_the_windowed_program_the_spec_builds():
    spec = (ROOT / "build_installer.spec").read_text(encoding="utf-8")
    iss = (ROOT / "installer" / "werkbank.iss").read_text(encoding="utf-8")
    app_name = re.search(r'^APP_NAME = "(.+)"', spec, re.M).group(1)
    assert re.search(r"name=APP_NAME, console=False", spec) and re.search(r'name="workbench", console=True', spec)
    assert f'#define AppExe "{app_name}.exe"' in iss
    assert re.search(r"^PrivilegesRequired=lowest$", iss, re.M)  # per user, no administrator
    # "Openen met" only: the default program for .gpkg (QGIS) is left alone
    assert "Software\\Classes\\.gpkg\\OpenWithProgids" in iss
    assert not re.search(r'Subkey: "Software\\Classes\\.gpkg"; ValueType', iss)
    icon = re.search(r"^SetupIconFile=(.+)$", iss, re.M).group(1).replace("\\", "/")
    assert (ROOT / icon).is_file()


def test_the_windows_icon_has_the_sizes_explorer_asks_for():
    with Image.open(ROOT / "resources" / "icons" / "app.ico") as icon:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(icon.info["sizes"])
