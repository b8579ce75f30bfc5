"""Project details for the handout (name, description, "wat gebeurt er nu?") and the
goals of the vision (theme, indicator, unit, target)."""

from qtpy.QtCore import Qt
from qtpy.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                            QPushButton, QScrollArea, QVBoxLayout, QWidget)

from workbench.core.setup_commands import EditInfo
from workbench.core.theme_commands import AddGoal, DeleteGoal, EditGoal
from workbench.errors import WorkbenchError
from workbench.i18n import _
from workbench.ui.combos import EntityCombo
from workbench.geo.measure import format_number
from workbench.ui.fields import CommitTextEdit, ErrorLabel, TextField, format_plain_number, parse_number
from workbench.ui.labels import quantity_label, quantity_unit
from workbench.ui.i18n_qt import connect_retranslate
from workbench.ui.messages import confirm
from workbench.ui.qt_models import choose_keeping_typing, current_uuid

INFO_FIELDS = ("name", "municipality", "description", "next_steps", "contact")


def goal_progress(project, goal) -> float:
    """The goal's quantity summed over the ideas linked to it: computed, never typed."""
    return sum(i.quantity(goal.quantity_key) or 0 for i in project.interventions() if goal.uuid in i.goal_uuids)


class ProjectPanel(QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.info_box, self.goals_box = QGroupBox(), QGroupBox()
        self.info_edits = {"name": TextField(), "municipality": TextField(), "description": CommitTextEdit(),
                           "next_steps": CommitTextEdit(), "contact": CommitTextEdit()}
        self.info_labels = {key: QLabel() for key in INFO_FIELDS}
        info_form = QFormLayout(self.info_box)
        for key in INFO_FIELDS:
            edit = self.info_edits[key]
            if isinstance(edit, CommitTextEdit):
                edit.setMaximumHeight(70)
            edit.editingFinished.connect(lambda k=key: self._commit_info(k))
            info_form.addRow(self.info_labels[key], edit)
        self.info_error = ErrorLabel()
        info_form.addRow(self.info_error)

        self.goals = QListWidget()
        self.goals.setMaximumHeight(170)  # every goal whole, also in the narrower first-start dock
        self.goals.setWordWrap(True)
        self.goals.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.goals.setAlternatingRowColors(True)
        self.goal_title, self.goal_indicator, self.goal_unit, self.goal_target = (
            TextField(), TextField(), TextField(), QLineEdit())
        self.goal_theme = EntityCombo(context, "theme", lambda: _("(geen thema)"))
        self.goal_quantity = QComboBox()  # progress = this quantity summed over linked ideas
        self.goal_labels = [QLabel() for _i in range(6)]
        self.goal_error = ErrorLabel()
        self.add_goal_button, self.save_goal_button, self.delete_goal_button = (
            QPushButton(), QPushButton(), QPushButton())
        goal_form = QFormLayout()
        for label, widget in zip(self.goal_labels, (self.goal_title, self.goal_theme, self.goal_indicator,
                                                     self.goal_unit, self.goal_target, self.goal_quantity)):
            goal_form.addRow(label, widget)
        goal_buttons = QHBoxLayout()
        for button in (self.add_goal_button, self.save_goal_button, self.delete_goal_button):
            goal_buttons.addWidget(button)
        goals_layout = QVBoxLayout(self.goals_box)
        goals_layout.addWidget(self.goals)
        goals_layout.addLayout(goal_form)
        goals_layout.addWidget(self.goal_error)
        goals_layout.addLayout(goal_buttons)
        self.goals.currentRowChanged.connect(lambda _row: self._goal_chosen())
        self.add_goal_button.clicked.connect(self.new_goal)
        self.save_goal_button.clicked.connect(self.save_goal)
        self.delete_goal_button.clicked.connect(self.delete_goal)

        # in a scroll area: the two forms are taller than a 1366x768 laptop leaves for a
        # dock, and without it the whole window would grow taller than the screen
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.info_box)
        inner.addWidget(self.goals_box)
        inner.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.scroll)
        self.goal_uuid = None
        self._loaded_goal = None  # the goal as the form shows it
        self._shown_goal = None  # the form's values as loaded for it
        context.changed.connect(lambda e: e.kind in ("info", "goal", "theme", "quantity_kind", "intervention")
                                and self.refresh())
        connect_retranslate(self)
        context.on_project(self.refresh)

    def retranslate(self) -> None:
        self.info_box.setTitle(_("Project"))
        self.goals_box.setTitle(_("Doelen"))
        texts = {"name": _("Naam"), "municipality": _("Gemeente"), "description": _("Beschrijving"),
                 "next_steps": _("Wat gebeurt er nu?"), "contact": _("Contact")}
        for key, label in self.info_labels.items():
            label.setText(texts[key])
        self.info_edits["next_steps"].setPlaceholderText(
            _("Wat er met de ideeën gebeurt, voor de handout. Korte zinnen, eenvoudige woorden."))
        for label, text in zip(self.goal_labels, (_("Doel"), _("Thema"), _("Indicator"), _("Eenheid"),
                                                  _("Streefwaarde"), _("Voortgang uit"))):
            label.setText(text)
        self.add_goal_button.setText(_("Nieuw doel"))
        self.delete_goal_button.setText(_("Verwijderen"))
        self.goal_theme.retranslate()
        self._update_goal_buttons()
        self.refresh()  # "(niet meten)", the quantity names, "(gepland: ...)" in the goals

    # -- project info ------------------------------------------------------------------

    def _fill_quantities(self) -> None:
        project = self.context.project
        current = self.goal_quantity.currentData()
        self.goal_quantity.clear()
        self.goal_quantity.addItem(_("(niet meten)"), None)
        for kind in (project.quantity_kinds() if project else []):
            self.goal_quantity.addItem(f"{quantity_label(kind)} ({quantity_unit(kind)})", kind.key)
        self.goal_quantity.setCurrentIndex(max(0, self.goal_quantity.findData(current)))

    def refresh(self) -> None:
        project = self.context.project
        if project is None:
            self._show_no_project()
            return
        self._fill_quantities()
        for key, edit in self.info_edits.items():
            value = getattr(project.info, key)
            edit.set_committed_text(value)
            if isinstance(edit, TextField) and not edit.hasFocus():
                edit.setCursorPosition(0)  # a long name from its start, not its end
            edit.setReadOnly(project.read_only)
        self.goals.blockSignals(True)
        self.goals.clear()
        for goal in project.goals():
            target = f" — {format_plain_number(goal.target)} {goal.unit}".rstrip() if goal.target is not None else ""
            if goal.quantity_key:
                target += "  " + _("(gepland: {value})").format(value=format_number(goal_progress(project, goal)))
            row = QListWidgetItem(goal.title + target)
            row.setData(Qt.ItemDataRole.UserRole, goal.uuid)
            self.goals.addItem(row)
            if goal.uuid == self.goal_uuid:
                self.goals.setCurrentItem(row)
        self.goals.blockSignals(False)
        # its rows, up to its maximum: the panel scrolls rather than squeezing the goals
        # (a goal with its target often wraps to two lines in the narrow dock)
        rows = max(sum(self.goals.sizeHintForRow(i) for i in range(self.goals.count())),
                   self.goals.count() * 2 * self.goals.fontMetrics().lineSpacing())
        self.goals.setMinimumHeight(min(self.goals.maximumHeight(), rows + 2 * self.goals.frameWidth() + 2))
        if self.goal_uuid and project.get("goal", self.goal_uuid) is None:
            self.new_goal()
        elif self.goal_uuid and project.get("goal", self.goal_uuid) != self._loaded_goal:
            self._load_goal()  # changed by undo/redo: the form shows what is stored
        self._update_goal_buttons()

    def _show_no_project(self) -> None:
        """Closed: nothing of the project that was open stays in the fields."""
        for edit in self.info_edits.values():
            if isinstance(edit, CommitTextEdit):
                edit.set_committed_text("")
            else:
                edit.setText("")
        self.goals.blockSignals(True)
        self.goals.clear()
        self.goals.blockSignals(False)
        self.goal_uuid = self._loaded_goal = None
        for edit in (self.goal_title, self.goal_indicator, self.goal_unit, self.goal_target):
            edit.clear()
        self._fill_quantities()
        self._update_goal_buttons()

    def _commit_info(self, key: str) -> None:
        project = self.context.project
        edit = self.info_edits[key]
        value = edit.value()
        if project is None or value == getattr(project.info, key) or not edit.changed():
            return
        try:
            project.execute(EditInfo(**{key: value}))
        except WorkbenchError as error:
            self.info_error.show_error(str(error))
            return
        self.info_error.clear_error()

    # -- goals -----------------------------------------------------------------------------

    def _update_goal_buttons(self) -> None:
        self.save_goal_button.setText(_("Toevoegen") if self.goal_uuid is None else _("Opslaan"))
        read_only = self.context.project is None or self.context.project.read_only
        for edit in (self.goal_title, self.goal_indicator, self.goal_unit, self.goal_target):
            edit.setReadOnly(read_only)
        for widget in (self.goal_theme, self.goal_quantity, self.add_goal_button, self.save_goal_button):
            widget.setEnabled(not read_only)
        self.delete_goal_button.setEnabled(self.goal_uuid is not None and not read_only)

    def _goal_typed(self) -> bool:
        """Whether the goal form holds what was typed and not yet added or saved."""
        project = self.context.project
        if project is None or project.read_only:
            return False
        if self.goal_uuid is None:
            return bool(self.goal_title.text().strip())
        # against what the form showed, not the stored goal: Qt hands a leading byte-order
        # mark back without it, which is no typing
        return project.get("goal", self.goal_uuid) is not None and self._goal_values() != self._shown_goal

    def _goal_values(self) -> tuple:
        return (self.goal_title.text(), self.goal_theme.currentData(), self.goal_indicator.text(),
                self.goal_unit.text(), self.goal_target.text(), self.goal_quantity.currentData())

    def keep_typing(self) -> bool:
        """Add or save the goal being typed (another goal chosen, the window closed), as
        every field keeps what was typed; False when refused (the reason shows)."""
        if not self._goal_typed():
            return True
        self.save_goal()
        return not self.goal_error.isVisible()

    def _goal_chosen(self) -> None:
        choose_keeping_typing(self.goals, self.goal_uuid, self._goal_typed, self.keep_typing, self._load_goal)

    def _load_goal(self) -> None:
        uuid = current_uuid(self.goals)
        goal = self.context.project.get("goal", uuid) if uuid else None
        if goal is None:
            return
        self.goal_uuid = goal.uuid
        self._loaded_goal = goal
        self.goal_title.setText(goal.title)
        self.goal_theme.set_uuid(goal.theme_uuid)
        self.goal_indicator.setText(goal.indicator)
        self.goal_unit.setText(goal.unit)
        self.goal_target.setText(format_plain_number(goal.target))
        self.goal_quantity.setCurrentIndex(max(0, self.goal_quantity.findData(goal.quantity_key)))
        self._shown_goal = self._goal_values()
        self.goal_error.clear_error()
        self._update_goal_buttons()

    def new_goal(self) -> None:
        self.goal_uuid = None
        self._loaded_goal = None
        self.goals.blockSignals(True)
        self.goals.setCurrentRow(-1)
        self.goals.blockSignals(False)
        for edit in (self.goal_title, self.goal_indicator, self.goal_unit, self.goal_target):
            edit.clear()
        self.goal_theme.set_uuid(None)
        self.goal_quantity.setCurrentIndex(0)
        self.goal_error.clear_error()
        self._update_goal_buttons()
        self.goal_title.setFocus()

    def save_goal(self) -> None:
        try:
            target = parse_number(self.goal_target.text(), _("De streefwaarde"))
        except ValueError as error:
            self.goal_error.show_error(str(error))
            return
        values = dict(theme_uuid=self.goal_theme.currentData(), indicator=self.goal_indicator.text(),
                      unit=self.goal_unit.text(), target=target, quantity_key=self.goal_quantity.currentData())
        try:
            if self.goal_uuid is None:
                command = self.context.project.execute(AddGoal(self.goal_title.text(), **values))
                self.goal_uuid = command.uuid
            else:
                self.context.project.execute(EditGoal(self.goal_uuid, title=self.goal_title.text(), **values))
        except WorkbenchError as error:
            self.goal_error.show_error(str(error))
            return
        self.goal_error.clear_error()
        self.refresh()

    def delete_goal(self) -> None:
        goal = self.context.project.get("goal", self.goal_uuid or "")
        if goal is None:
            return
        linked = sum(1 for i in self.context.project.all("intervention") if goal.uuid in i.goal_uuids)
        text = _("Doel '{title}' verwijderen? {count} ideeën verliezen de koppeling. U kunt dit ongedaan "
                 "maken.").format(title=goal.title, count=linked)
        if confirm(self, text) and self.context.run(DeleteGoal(goal.uuid)):
            self.new_goal()
