"""The project's themes: rename, recolour, add, remove (saying what happens to the
ideas tagged with it). All undoable."""

from qtpy.QtCore import Qt
from qtpy.QtGui import QColor
from qtpy.QtWidgets import (QColorDialog, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton,
                            QVBoxLayout, QWidget)

from workbench.core.theme_commands import AddTheme, DeleteTheme, EditTheme, interventions_tagged
from workbench.i18n import _
from workbench.ui.combos import color_icon
from workbench.ui.fields import ErrorLabel, TextField
from workbench.ui.deferred import Deferred
from workbench.ui.i18n_qt import connect_retranslate
from workbench.ui.labels import escaped
from workbench.ui.messages import confirm
from workbench.ui.qt_models import current_uuid, select_uuid

# A palette for new themes that stays apart from the bundled theme colours.
NEW_THEME_COLORS = ("#17becf", "#bcbd22", "#9467bd", "#ff7f0e", "#7f7f7f", "#393b79", "#637939", "#843c39")


def delete_consequences(project, theme) -> str:
    """The sentence the confirmation shows: what the removal does to tagged ideas."""
    tagged = interventions_tagged(project, theme.uuid)
    if not tagged:
        return _("Thema '{name}' verwijderen? Er zijn geen ideeën mee gelabeld.").format(name=theme.name)
    primary = [i for i in tagged if i.primary_theme_uuid == theme.uuid]
    without = [i for i in primary if len(i.theme_uuids) == 1]
    numbers = ", ".join(str(i.number) for i in tagged[:12]) + (" …" if len(tagged) > 12 else "")
    text = _("Thema '{name}' verwijderen? {count} ideeën verliezen dit label (nummers {numbers}).").format(
        name=theme.name, count=len(tagged), numbers=numbers)
    if primary:
        text += " " + _("Bij {count} daarvan is het het hoofdthema: zij krijgen hun volgende thema als "
                        "hoofdthema.").format(count=len(primary))
    if without:
        text += " " + _("{count} ideeën houden geen thema over en worden grijs.").format(count=len(without))
    return text + " " + _("U kunt dit ongedaan maken.")


class ThemesPanel(QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.list = QListWidget()
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.name = TextField()
        self.error = ErrorLabel()
        self.add_button, self.rename_button, self.color_button, self.delete_button = (
            QPushButton(), QPushButton(), QPushButton(), QPushButton())
        self.add_button.clicked.connect(self.add_theme)
        self.rename_button.clicked.connect(self.rename_theme)
        self.color_button.clicked.connect(self.choose_color)
        self.delete_button.clicked.connect(self.delete_theme)
        # Enter, or leaving the field (clicking the next theme), keeps the name, as in the editor
        self.name.editingFinished.connect(lambda: self.name.changed() and self.rename_theme())
        self.list.currentRowChanged.connect(lambda _row: self._load_selected())
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        row1.addWidget(self.name, 1)
        row1.addWidget(self.rename_button)
        for button in (self.add_button, self.color_button, self.delete_button):
            row2.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list, 1)
        layout.addLayout(row1)
        layout.addWidget(self.error)
        layout.addLayout(row2)
        self._deferred = Deferred(self, self.refresh)
        context.changed.connect(self._on_changed)
        connect_retranslate(self)
        # another project: counting every idea's themes waits until the panel is on screen
        context.on_project(self._deferred.now_or_when_shown)

    def _on_changed(self, event) -> None:
        if event.kind == "theme":
            self.refresh()  # the list the buttons act on: at once
        elif event.kind == "intervention":
            self._deferred.request()  # only the counts change: once per burst, when on screen

    def retranslate(self) -> None:
        self.name.setPlaceholderText(_("Naam van het thema"))
        self.add_button.setText(_("Nieuw thema"))
        self.rename_button.setText(_("Hernoemen"))
        self.color_button.setText(_("Kleur…"))
        self.delete_button.setText(_("Verwijderen"))
        self._deferred.now_or_when_shown()

    def refresh(self) -> None:
        self._deferred.done()
        project = self.context.project
        selected = self.selected_uuid()
        self.list.blockSignals(True)
        self.list.clear()
        counts = {}  # one pass over the ideas, not one per theme
        for item in (project.all("intervention") if project else []):
            for theme_uuid in set(item.theme_uuids):
                counts[theme_uuid] = counts.get(theme_uuid, 0) + 1
        for theme in (project.themes() if project else []):
            depth = 0
            parent = theme.parent_uuid
            while parent and depth < 5:
                depth += 1
                parent_theme = project.get("theme", parent)
                parent = parent_theme.parent_uuid if parent_theme else None
            count = counts.get(theme.uuid, 0)
            row = QListWidgetItem(color_icon(theme.color, 16), "    " * depth + f"{theme.name}  ({count})")
            row.setData(Qt.ItemDataRole.UserRole, theme.uuid)
            row.setToolTip(escaped(theme.description) if theme.description else "")
            self.list.addItem(row)
            if theme.uuid == selected:
                self.list.setCurrentItem(row)
        self.list.blockSignals(False)
        self._load_selected()

    def selected_uuid(self):
        return current_uuid(self.list)

    def selected_theme(self):
        uuid = self.selected_uuid()
        return self.context.project.get("theme", uuid) if uuid and self.context.project else None

    def _load_selected(self) -> None:
        theme = self.selected_theme()
        self.name.set_committed_text(theme.name if theme else "")
        read_only = self.context.project is None or self.context.project.read_only
        self.name.setReadOnly(read_only)
        self.add_button.setEnabled(not read_only)
        for button in (self.rename_button, self.color_button, self.delete_button):
            button.setEnabled(theme is not None and not read_only)

    def select_theme(self, uuid) -> None:
        select_uuid(self.list, uuid)

    def _run(self, command) -> bool:
        from workbench.errors import WorkbenchError

        try:
            self.context.project.execute(command)
        except WorkbenchError as error:
            self.error.show_error(str(error))
            return False
        self.error.clear_error()
        return True

    def add_theme(self) -> None:
        project = self.context.project
        base = _("Nieuw thema")
        name, number = base, 2
        while project.theme_by_name(name):
            name, number = f"{base} {number}", number + 1
        color = NEW_THEME_COLORS[len(project.themes()) % len(NEW_THEME_COLORS)]
        command = AddTheme(name, color)
        if self._run(command):
            self.select_theme(command.uuid)
            self.name.setFocus()
            self.name.selectAll()

    def rename_theme(self) -> None:
        theme = self.selected_theme()
        if theme is not None and self.name.text().strip() != theme.name:
            self._run(EditTheme(theme.uuid, name=self.name.text()))

    def choose_color(self, color=None) -> None:
        theme = self.selected_theme()
        if theme is None:
            return
        if not color:
            chosen = QColorDialog.getColor(QColor(theme.color), self, _("Kleur van het thema"))
            if not chosen.isValid():
                return
            color = chosen.name()
        self._run(EditTheme(theme.uuid, color=color))

    def delete_theme(self) -> None:
        theme = self.selected_theme()
        if theme is not None and confirm(self, delete_consequences(self.context.project, theme)):
            self._run(DeleteTheme(theme.uuid))
