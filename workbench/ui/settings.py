"""User settings between runs (QSettings, INI format) and the settings dialog.

The INI format in the user scope is used on every platform, so tests can redirect it
with ``QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tmp)``.
"""

from pathlib import Path

from qtpy.QtCore import QSettings
from qtpy.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from workbench import i18n
from workbench.i18n import _
from workbench.ui.i18n_qt import connect_retranslate

ORGANISATION = "Gebiedsvisie Werkbank"
APPLICATION = "Werkbank"
MAX_RECENT = 8


def qsettings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def recent_files() -> list:
    value = qsettings().value("recent_files", [])
    if isinstance(value, str):  # QSettings gives a str for a one-element list in INI
        value = [value]
    return [str(v) for v in (value or []) if v]


def add_recent_file(path) -> list:
    path = str(Path(path).resolve())
    files = [path] + [f for f in recent_files() if f != path]
    files = files[:MAX_RECENT]
    qsettings().setValue("recent_files", files)
    return files


def remove_recent_file(path) -> None:
    qsettings().setValue("recent_files", [f for f in recent_files() if f != str(path)])


def last_project():
    """The most recent project that still exists, or None."""
    return next((f for f in recent_files() if Path(f).is_file()), None)


def saved_language() -> str:
    value = str(qsettings().value("language", "nl") or "nl")
    return value if value in i18n.LANGUAGES else "nl"


def save_language(language: str) -> None:
    qsettings().setValue("language", language)


class SettingsDialog(QDialog):
    """Language (takes effect at once, nothing is lost)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.language = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.language())))
        self.language_label = QLabel()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.language_label, self.language)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        connect_retranslate(self)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Instellingen"))
        self.language_label.setText(_("Taal"))
        self.hint.setText(_("De taal verandert meteen; uw werk blijft open."))

    def accept(self) -> None:
        language = self.language.currentData()
        save_language(language)
        i18n.set_language(language)
        super().accept()
