"""The new-project wizard: name and municipality, the area, the theme set and the first
session. Aimed at starting a workshop in under a minute: every page has a sensible
default, so Enter-Enter-Enter-Finish works."""

import re
from pathlib import Path

from qtpy.QtCore import Qt
from qtpy.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                            QLineEdit, QListWidget, QListWidgetItem, QPushButton, QRadioButton, QStackedWidget,
                            QVBoxLayout, QWidget, QWizard, QWizardPage)
from shapely.ops import unary_union

from workbench.core import theme_sets
from workbench.errors import WorkbenchError
from workbench.filenames import name_problem, safe_stem, with_project_suffix
from workbench.i18n import _
from workbench.locations import default_project_folder, ensure_default_project_folder
from workbench.ui.area_sketch import AreaSketch
from workbench.ui.combos import color_icon
from workbench.ui.fields import ErrorLabel, TextField
from workbench.ui.labels import escaped
from workbench.ui.sessions import SessionForm
from workbench.ui.wijk_map import WijkMap

AREA_WIJKEN, AREA_DRAW, AREA_FILE, AREA_NONE = "wijken", "draw", "file", "none"


def default_folder() -> Path:
    """~/Werkbank (%USERPROFILE%\\Werkbank): local, unlike Documents, which is OneDrive on
    most municipal laptops (workbench/locations.py); made when the project is."""
    return default_project_folder()


def file_name_for(name: str) -> str:
    stem = re.sub(r"[^\w\- ]+", "", name).strip().replace(" ", "-").lower()[:60].strip("-") or "project"
    return f"{safe_stem(stem)}.gpkg"


class ProjectPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.name, self.municipality, self.path = TextField(), TextField("Heerlen"), QLineEdit()
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        self._path_edited = False
        self.name.textChanged.connect(self._suggest_path)
        self.path.textEdited.connect(lambda _t: setattr(self, "_path_edited", True))
        self.name.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.path.textChanged.connect(lambda _t: self.completeChanged.emit())
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.browse)
        self.labels = [QLabel(), QLabel(), QLabel()]
        form = QFormLayout(self)
        form.addRow(self.labels[0], self.name)
        form.addRow(self.labels[1], self.municipality)
        form.addRow(self.labels[2], where)

    def retranslate(self) -> None:
        self.setTitle(_("Nieuw project"))
        self.setSubTitle(_("Hoe heet het project en waar bewaart u het bestand?"))
        for label, text in zip(self.labels, (_("Naam"), _("Gemeente"), _("Bestand"))):
            label.setText(text)
        self.name.setPlaceholderText(_("Bijvoorbeeld 'Gebiedsvisie Heerlerheide'"))
        self.browse.setText(_("Bladeren…"))

    def _suggest_path(self, name: str) -> None:
        if not self._path_edited:
            self.path.setText(str(default_folder() / file_name_for(name)))

    def _browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Project opslaan als"), self.path.text(),
                                                    _("Projectbestand (*.gpkg)"))
        if path:
            self._path_edited = True
            self.path.setText(with_project_suffix(path))

    def isComplete(self) -> bool:
        return bool(self.name.text().strip() and self.path.text().strip())

    def validatePage(self) -> bool:
        path = Path(self.path.text().strip()).expanduser()
        if not path.name or path.name in (".", ".."):  # "/", "." or a folder: no file name
            self.wizard().show_problem(_("Geef het bestand een naam, bijvoorbeeld {name}.").format(
                name=file_name_for(self.name.text())))
            return False
        if path.suffix.lower() != ".gpkg":  # the file must be recognisable as a project
            path = path.with_name(path.name + ".gpkg")
            self.path.setText(str(path))
        if path.parent == default_folder():
            ensure_default_project_folder()
        try:
            exists, folder = path.exists(), path.parent.is_dir()
        except (OSError, ValueError):  # a name too long for the disk, a NUL byte
            self.wizard().show_problem(_("Deze bestandsnaam is te lang of bevat tekens die niet kunnen. Kies een "
                                         "kortere, eenvoudiger naam."))
            return False
        if name_problem(path):
            self.wizard().show_problem(name_problem(path))
            return False
        if exists:
            self.wizard().show_problem(_("Het bestand {path} bestaat al. Kies een andere naam.").format(path=path))
            return False
        if not folder:
            self.wizard().show_problem(_("De map {path} bestaat niet.").format(path=path.parent))
            return False
        self.wizard().show_problem("")
        return True


class AreaPage(QWizardPage):
    def __init__(self, wijken, parent=None):
        super().__init__(parent)
        self.wijken = wijken  # [(short name, RD geometry)]
        self.choice = QButtonGroup(self)
        self.radios = {}
        self.stack = QStackedWidget()
        choices = QHBoxLayout()
        for index, key in enumerate((AREA_WIJKEN, AREA_DRAW, AREA_FILE, AREA_NONE)):
            radio = QRadioButton()
            self.radios[key] = radio
            self.choice.addButton(radio, index)
            choices.addWidget(radio)
        self.radios[AREA_WIJKEN].setChecked(True)
        self.choice.idToggled.connect(lambda index, on: on and self._show(index))

        self.wijk_list = QListWidget()
        for name, _geometry in wijken:
            row = QListWidgetItem(name)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Unchecked)
            self.wijk_list.addItem(row)
        self.wijk_list.itemChanged.connect(lambda _row: self.completeChanged.emit())
        self.wijk_map = WijkMap(wijken, self.wijk_list)  # the same choice, with the names on the map
        self.wijk_list.setMaximumWidth(220)
        wijk_page = QWidget()
        wijk_layout = QHBoxLayout(wijk_page)
        wijk_layout.setContentsMargins(0, 0, 0, 0)
        wijk_layout.addWidget(self.wijk_list)
        wijk_layout.addWidget(self.wijk_map, 1)
        self.sketch = AreaSketch(wijken)
        self.sketch.changed.connect(self.completeChanged.emit)
        self.clear_sketch = QPushButton()
        self.clear_sketch.clicked.connect(self.sketch.clear_points)
        draw = QWidget()
        draw_layout = QVBoxLayout(draw)
        draw_layout.setContentsMargins(0, 0, 0, 0)
        draw_layout.addWidget(self.sketch, 1)
        draw_layout.addWidget(self.clear_sketch, 0, Qt.AlignmentFlag.AlignLeft)
        self.file_path = QLineEdit()
        self.file_path.textChanged.connect(self._read_file)
        self.file_browse = QPushButton()
        self.file_browse.clicked.connect(self._browse)
        self.file_status = QLabel()
        self.file_status.setWordWrap(True)
        self.file_status.setTextFormat(Qt.TextFormat.PlainText)
        file_page = QWidget()
        file_layout = QVBoxLayout(file_page)
        row = QHBoxLayout()
        row.addWidget(self.file_path, 1)
        row.addWidget(self.file_browse)
        file_layout.addLayout(row)
        file_layout.addWidget(self.file_status)
        file_layout.addStretch(1)
        self.none_label = QLabel()
        self.none_label.setWordWrap(True)
        for widget in (wijk_page, draw, file_page, self.none_label):
            self.stack.addWidget(widget)
        self.file_area = None
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.stack, 1)

    def retranslate(self) -> None:
        self.setTitle(_("Het gebied"))
        self.setSubTitle(_("Over welk gebied gaat de visie? Kies wijken, teken het of lees een GeoJSON-bestand."))
        for key, text in ((AREA_WIJKEN, _("Wijken kiezen")), (AREA_DRAW, _("Tekenen")),
                          (AREA_FILE, _("GeoJSON-bestand")), (AREA_NONE, _("Later"))):
            self.radios[key].setText(text)
        self.clear_sketch.setText(_("Opnieuw tekenen"))
        self.file_browse.setText(_("Bladeren…"))
        self.none_label.setText(_("U kunt het gebied later nog vastleggen; de kaart toont dan heel Heerlen."))

    def _show(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.completeChanged.emit()

    def mode(self) -> str:
        return (AREA_WIJKEN, AREA_DRAW, AREA_FILE, AREA_NONE)[self.choice.checkedId()]

    def set_mode(self, mode: str) -> None:
        self.radios[mode].setChecked(True)

    def check_wijken(self, names) -> None:
        for row in range(self.wijk_list.count()):
            item = self.wijk_list.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.text() in names else Qt.CheckState.Unchecked)

    def chosen_wijken(self) -> list:
        return [self.wijk_list.item(r).text() for r in range(self.wijk_list.count())
                if self.wijk_list.item(r).checkState() == Qt.CheckState.Checked]

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Gebied uit bestand"), str(default_folder()),
                                                    _("GeoJSON (*.geojson *.json)"))
        if path:
            self.file_path.setText(path)

    def _read_file(self, path: str) -> None:
        from workbench.geo.measure import format_area
        from workbench.io.areas import area_from_geojson

        self.file_area = None
        if path.strip():
            try:
                self.file_area = area_from_geojson(path.strip())
                self.file_status.setText(_("Gelezen: een vlak van {area}.").format(area=format_area(self.file_area.area)))
            except WorkbenchError as error:
                self.file_status.setText(str(error))
            except OSError:
                self.file_status.setText(_("Het bestand {path} kan niet worden gelezen.").format(path=path))
        else:
            self.file_status.setText("")
        self.completeChanged.emit()

    def area(self):
        """(geometry or None, name) for the chosen way."""
        mode = self.mode()
        if mode == AREA_WIJKEN:
            names = self.chosen_wijken()
            geometry = unary_union([g for n, g in self.wijken if n in names]) if names else None
            return geometry, " / ".join(names)
        if mode == AREA_DRAW:
            return self.sketch.geometry(), None
        if mode == AREA_FILE:
            return self.file_area, Path(self.file_path.text()).stem if self.file_area is not None else None
        return None, None

    def isComplete(self) -> bool:
        return self.mode() == AREA_NONE or self.area()[0] is not None


class ThemesPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.theme_set = QComboBox()
        for key, name in theme_sets.available().items():
            self.theme_set.addItem(name, key)
        self.theme_set.setCurrentIndex(max(0, self.theme_set.findData(theme_sets.DEFAULT)))
        self.preview = QListWidget()
        self.theme_set.currentIndexChanged.connect(lambda _i: self._preview())
        self.label = QLabel()
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.label)
        row.addWidget(self.theme_set, 1)
        layout.addLayout(row)
        layout.addWidget(self.preview, 1)
        self._preview()

    def retranslate(self) -> None:
        self.setTitle(_("Thema's"))
        self.setSubTitle(_("Met welke thema's labelt u de ideeën? U kunt ze later nog aanpassen."))
        self.label.setText(_("Themaset"))
        self._preview()

    def _preview(self) -> None:
        self.preview.clear()
        data = theme_sets.load(self.theme_set.currentData())

        def walk(themes, depth):
            for theme in themes:
                self.preview.addItem(QListWidgetItem(color_icon(theme["color"]), "    " * depth + theme["name"]))
                walk(theme.get("children", ()), depth + 1)

        walk(data["themes"], 0)
        if not data["themes"]:
            self.preview.addItem(_("(nog geen thema's; u maakt ze zelf aan)"))

    def key(self) -> str:
        return self.theme_set.currentData()


class SessionPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.start = QCheckBox()
        self.start.setChecked(True)
        self.form = SessionForm()
        self.start.toggled.connect(self.form.setEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(self.start)
        layout.addWidget(self.form)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.setTitle(_("De eerste bijeenkomst"))
        self.setSubTitle(_("Alles wat u vanavond toevoegt, hoort bij deze bijeenkomst."))
        self.start.setText(_("Meteen een bijeenkomst beginnen"))
        if not self.form.title.text():
            self.form.title.setText(_("Bijeenkomst 1"))


class NewProjectWizard(QWizard):
    """After ``accepted``, ``self.project`` is the new, open project."""

    def __init__(self, parent=None):
        super().__init__(parent)
        from workbench.io.reference import short_wijk_name, wijken_features

        self.project = None
        wijken = [(short_wijk_name(name), geometry) for name, geometry in wijken_features()]
        self.project_page = ProjectPage()
        self.area_page = AreaPage(wijken)
        self.themes_page = ThemesPage()
        self.session_page = SessionPage()
        for page in (self.project_page, self.area_page, self.themes_page, self.session_page):
            self.addPage(page)
        self.problem = ErrorLabel()
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.resize(720, 560)
        from workbench.ui.i18n_qt import connect_retranslate

        connect_retranslate(self)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Nieuw project"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("Volgende >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< Vorige"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Project maken"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Annuleren"))
        for page in (self.project_page, self.area_page, self.themes_page, self.session_page):
            page.retranslate()

    def show_problem(self, text: str) -> None:
        """Problems show in the page's subtitle area as a Dutch sentence, not a dialog."""
        page = self.currentPage()
        if page is not None:
            page.retranslate()
            if text:
                page.setSubTitle(escaped(text))  # may quote a path the user typed

    def accept(self) -> None:
        try:
            self.project = self.create_project()
        except WorkbenchError as error:
            self.show_problem(str(error))
            return
        super().accept()

    def create_project(self):
        from workbench.core.setup_commands import AddSession
        from workbench.io.projects import new_project

        area, area_name = self.area_page.area()

        def start_session(project):
            # Like the rest of the set-up, the first session is not an undo step.
            if self.session_page.start.isChecked():
                command = project.execute(AddSession(**self.session_page.form.values()))
                project.set_current_session(command.uuid)

        # Built completely before the file gets its name: a refusal leaves no file.
        return new_project(self.project_page.path.text().strip(), self.project_page.name.text(),
                           self.themes_page.key(), self.project_page.municipality.text().strip(),
                           area=area, area_name=area_name or self.project_page.name.text(),
                           then=start_session)
