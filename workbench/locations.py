"""Where projects should live on municipal laptops, and where they should not (OneDrive).

On most managed Windows laptops "Documenten" is redirected into OneDrive ("OneDrive -
Gemeente X"); on Macs OneDrive lives in ``~/Library/CloudStorage/OneDrive-*``. A project
there is a live SQLite database that OneDrive syncs while it changes: files kept
"online only" are unavailable offline, two laptops make conflict copies, and the journal
churns. So the workbench warns (never refuses) when a project is created or opened in
OneDrive, suggests ``~/Werkbank`` (``%USERPROFILE%\\Werkbank``) for new projects, and keeps
its first-start sample in local, not roaming, app data. The advice: work locally, share
copies, merge them (README, "OneDrive en netwerkschijven").

Qt-free, and every function takes the environment, platform and home folder as
arguments, so tests emulate Windows and macOS layouts on Linux.
"""

import os
import sys
from pathlib import Path

from workbench.i18n import _

ONEDRIVE_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
LOCAL_FOLDER_NAME = "Werkbank"


def _folded_parts(path) -> tuple:
    return tuple(part.casefold() for part in Path(os.path.abspath(os.path.expanduser(str(path)))).parts)


def onedrive_roots(environ=None, home=None) -> list:
    """The OneDrive folders this user has: from Windows' environment variables, and on
    macOS the ``~/Library/CloudStorage/OneDrive-*`` folders."""
    environ = os.environ if environ is None else environ
    home = Path.home() if home is None else Path(home)
    roots = [Path(environ[name]) for name in ONEDRIVE_VARIABLES if environ.get(name)]
    cloud = home / "Library" / "CloudStorage"
    try:
        roots += sorted(p for p in cloud.iterdir() if p.name.casefold().startswith("onedrive"))
    except OSError:  # no such folder: not a Mac, or no cloud storage there
        pass
    return roots


def _onedrive_folder_name(name: str, parent: str) -> bool:
    """``OneDrive``, ``OneDrive - Gemeente Heerlen`` (Windows), or ``OneDrive-Gemeente``
    under ``CloudStorage`` (macOS); names already case-folded."""
    return (name == "onedrive" or name.startswith("onedrive - ")
            or (parent == "cloudstorage" and name.startswith("onedrive")))


def in_onedrive(path, environ=None, home=None) -> bool:
    """Whether ``path`` (a file or folder, existing or not) lies in a OneDrive folder."""
    parts = _folded_parts(path)
    for root in onedrive_roots(environ, home):
        root_parts = _folded_parts(root)
        if len(root_parts) > 1 and parts[:len(root_parts)] == root_parts:
            return True
    return any(_onedrive_folder_name(name, parent) for parent, name in zip(("",) + parts, parts))


def default_project_folder(home=None) -> Path:
    """Where new projects go unless the user chooses: ``Werkbank`` in the user's own
    folder, local on every laptop (unlike Documents, which is often OneDrive)."""
    return (Path.home() if home is None else Path(home)) / LOCAL_FOLDER_NAME


def ensure_default_project_folder(home=None) -> Path:
    """:func:`default_project_folder`, made when missing; the home folder when it cannot be."""
    folder = default_project_folder(home)
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return folder.parent
    return folder


def local_data_folder(organisation: str, application: str, environ=None, platform=None, home=None) -> Path:
    """The per-user, per-machine data folder (what Qt calls AppLocalDataLocation): on
    Windows under ``%LOCALAPPDATA%``, never the roaming ``%APPDATA%`` that follows the
    user to every laptop and is synced at log-on."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    home = Path.home() if home is None else Path(home)
    if platform == "win32":
        base = Path(environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / organisation / application


def onedrive_warning(path, created: bool = False, environ=None, home=None):
    """A Dutch warning when ``path`` lies in OneDrive, else None."""
    if not in_onedrive(path, environ, home):
        return None
    name = Path(path).name
    local = default_project_folder(home)
    if created:
        text = _("Let op: {name} is gemaakt in OneDrive.")
    else:
        text = _("Let op: {name} staat in OneDrive.")
    return (text + " " + _("OneDrive synchroniseert het bestand terwijl u werkt; dat kan conflictkopieën geven, en "
                           "een bestand dat alleen online staat is zonder internet niet te openen. Werk in een "
                           "lokale map, zoals {local}, deel kopieën en voeg die samen met 'Bijeenkomsten "
                           "samenvoegen'.")).format(name=name, local=local)
