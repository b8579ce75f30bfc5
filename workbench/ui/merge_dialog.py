""""Bijeenkomsten samenvoegen": choose the project files of other laptops, the rule for
conflicts, merge them into the open project as one undo step, and read the summary.

Self-contained: the main window creates ``MergeDialog(project, parent)`` and ``exec()``s it.
"""

from pathlib import Path

from qtpy.QtWidgets import (QDialog, QFileDialog, QGroupBox, QHBoxLayout, QLabel, QListWidget, QPushButton,
                            QRadioButton, QVBoxLayout)

from workbench.i18n import _
from workbench.io.merge import KEEP_BOTH, NEWEST_WINS, merge_files
from workbench.io.merge_sources import DifferentProjectError
from workbench.ui.busy import add_result_and_buttons, run_busy, show_summary
from workbench.ui.messages import confirm


class MergeDialog(QDialog):
    def __init__(self, project, parent=None):
        super().__init__(parent)
        self.project = project
        self.summary = None
        self.setWindowTitle(_("Bijeenkomsten samenvoegen"))
        intro = QLabel(_("Voeg de projectbestanden van andere laptops samen met dit project. Ideeën, stemmen, "
                         "citaten en bijeenkomsten komen mee; niets wordt dubbel geteld of stilzwijgend overschreven."))
        intro.setWordWrap(True)
        self.files = QListWidget()
        self.add_button = QPushButton(_("Bestanden toevoegen…"))
        self.remove_button = QPushButton(_("Verwijderen uit de lijst"))
        self.add_button.clicked.connect(self._browse)
        self.remove_button.clicked.connect(self._remove_selected)
        self.keep_both = QRadioButton(_("Beide versies bewaren als aparte ideeën (aanbevolen)"))
        self.newest_wins = QRadioButton(_("De nieuwste versie wint"))
        self.keep_both.setChecked(True)
        rule = QGroupBox(_("Als een idee op twee laptops is gewijzigd"))
        rule_layout = QVBoxLayout(rule)
        rule_layout.addWidget(self.keep_both)
        rule_layout.addWidget(self.newest_wins)
        add_result_and_buttons(self, _("Samenvoegen"), self.do_merge)
        file_buttons = QHBoxLayout()
        file_buttons.addWidget(self.add_button)
        file_buttons.addWidget(self.remove_button)
        file_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.files, 1)
        layout.addLayout(file_buttons)
        layout.addWidget(rule)
        layout.addWidget(self.error)
        layout.addWidget(self.result, 1)
        layout.addWidget(self.buttons)
        self.resize(620, 520)

    def add_files(self, paths) -> None:
        present = set(self.paths())
        for path in paths:
            if str(path) not in present:
                self.files.addItem(str(path))
                present.add(str(path))

    def paths(self) -> list:
        return [self.files.item(row).text() for row in range(self.files.count())]

    def _browse(self) -> None:
        folder = str(Path(self.project.path).parent) if self.project.path else ""
        paths, _filter = QFileDialog.getOpenFileNames(self, _("Projectbestanden kiezen"), folder,
                                                      _("Projectbestanden (*.gpkg)"))
        self.add_files(paths)

    def _remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))

    def do_merge(self) -> bool:
        if self.summary is not None:  # the summary is showing: OK closes
            self.accept()
            return True
        paths = self.paths()
        if not paths:
            self.error.show_error(_("Kies eerst de bestanden die u wilt samenvoegen."))
            return False
        rule = NEWEST_WINS if self.newest_wins.isChecked() else KEEP_BOTH
        different = []

        def merge(other_project=False):
            try:
                return merge_files(self.project, paths, rule, other_project=other_project)
            except DifferentProjectError as error:  # asked below, once the busy indicator is gone
                different.append(error)
                return None

        self.summary = run_busy(self, _("Samenvoegen…"), merge, self.error)
        if different:
            question = _("{reason}\n\nToch samenvoegen? Alles uit dat project komt dan in dit project.").format(
                reason=different[0])
            if not confirm(self, question):
                self.error.show_error(_("Er is niets samengevoegd."))
                return False
            self.summary = run_busy(self, _("Samenvoegen…"), lambda: merge(other_project=True), self.error)
        if self.summary is None:
            return False
        for widget in (self.add_button, self.remove_button, self.keep_both, self.newest_wins):
            widget.setEnabled(False)
        show_summary(self, self.summary, _("Sluiten"))
        return True
