"""The editor of the selected intervention. Every field change is one EditIntervention
command (one undo step); refused input shows a Dutch message under the form."""

from qtpy.QtCore import Qt
from qtpy.QtWidgets import (QComboBox, QFormLayout, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                            QListWidgetItem, QPushButton, QScrollArea, QStackedWidget, QVBoxLayout, QWidget)

from workbench.core.commands import EditIntervention
from workbench.core.model import HORIZONS, STATUSES
from workbench.errors import WorkbenchError
from workbench.geo.measure import describe
from workbench.i18n import _
from workbench.ui.combos import color_icon
from workbench.ui.fields import (CommitTextEdit, ErrorLabel, TextField, error_border, format_plain_number,
                                 parse_number)
from workbench.ui.i18n_qt import connect_retranslate
from workbench.ui.labels import escaped, horizon_label, quantity_label, quantity_unit, status_label
from workbench.ui.vote_counter import VoteCounter


def _check_list(height: int) -> QListWidget:
    widget = QListWidget()
    widget.setMaximumHeight(height)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setTextElideMode(Qt.TextElideMode.ElideRight)
    return widget


class InterventionEditor(QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.uuid = None
        self._loading = False

        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)

        self.title = TextField()
        self.description = CommitTextEdit()
        self.description.setMaximumHeight(90)
        self.themes = _check_list(220)
        self.primary = QComboBox()
        self.goals = _check_list(110)
        self.status = QComboBox()
        self.horizon = QComboBox()
        self.quantities = QGridLayout()
        self.quantity_edits = {}
        self.quantity_labels = {}  # key -> (name, unit) labels
        self.new_quantity_label = QLineEdit()
        self.new_quantity_unit = QLineEdit()
        self.new_quantity_unit.setMaximumWidth(80)
        self.add_quantity = QPushButton()
        self.actor = TextField()
        self.notes = CommitTextEdit()
        self.notes.setMaximumHeight(70)
        self.measure = QLabel()
        self.measure.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.votes = VoteCounter(context)
        self.votes.label.hide()  # the form's own label says "Deze bijeenkomst"
        self.error = ErrorLabel()
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(self._delete)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels = {}
        new_quantity = QHBoxLayout()
        new_quantity.addWidget(self.new_quantity_label, 2)
        new_quantity.addWidget(self.new_quantity_unit, 1)
        new_quantity.addWidget(self.add_quantity)
        quantities = QVBoxLayout()
        quantities.addLayout(self.quantities)
        quantities.addLayout(new_quantity)
        for key, widget in (("title", self.title), ("description", self.description), ("themes", self.themes),
                            ("primary", self.primary), ("goals", self.goals), ("status", self.status),
                            ("horizon", self.horizon), ("quantities", quantities), ("actor", self.actor),
                            ("notes", self.notes), ("measure", self.measure), ("votes", self.votes)):
            self.labels[key] = QLabel()
            self.form.addRow(self.labels[key], widget)

        form_widget = QWidget()
        form_layout = QVBoxLayout(form_widget)
        form_layout.addWidget(self.error)
        form_layout.addLayout(self.form)
        form_layout.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignRight)
        form_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.title.editingFinished.connect(lambda: self._commit_text("title", self.title))
        self.description.editingFinished.connect(
            lambda: self._commit_text("description", self.description))
        self.actor.editingFinished.connect(lambda: self._commit_text("actor", self.actor))
        self.notes.editingFinished.connect(lambda: self._commit_text("notes", self.notes))
        self.themes.itemChanged.connect(self._themes_ticked)
        self.goals.itemChanged.connect(self._goals_ticked)
        self.primary.activated.connect(lambda _i: self._commit(primary_theme_uuid=self.primary.currentData()))
        self.status.activated.connect(lambda _i: self._commit(status=self.status.currentData()))
        self.horizon.activated.connect(lambda _i: self._commit(horizon=self.horizon.currentData()))
        self.add_quantity.clicked.connect(self._add_quantity_kind)
        self.new_quantity_unit.returnPressed.connect(self._add_quantity_kind)

        context.selectionChanged.connect(lambda _u: self.load())
        context.changed.connect(self._on_changed)
        connect_retranslate(self)
        context.on_project(self.load)

    # -- texts -----------------------------------------------------------------------

    def retranslate(self) -> None:
        names = {"title": _("Titel"), "description": _("Beschrijving"), "themes": _("Thema's"),
                 "primary": _("Hoofdthema"), "goals": _("Doelen"), "status": _("Status"),
                 "horizon": _("Tijdshorizon"), "quantities": _("Hoeveelheden"), "actor": _("Trekker"),
                 "notes": _("Notities"), "measure": _("Gemeten"), "votes": _("Deze bijeenkomst")}
        for key, label in self.labels.items():
            label.setText(names[key])
        self.title.setPlaceholderText(_("Korte titel, bijvoorbeeld 'Bomen langs de Ganzeweide'"))
        self.actor.setPlaceholderText(_("Wie trekt dit? Bijvoorbeeld 'Gemeente' of 'Buurtvereniging'"))
        self.new_quantity_label.setPlaceholderText(_("Eigen hoeveelheid, bijv. Parkeerplaatsen"))
        self.new_quantity_unit.setPlaceholderText(_("eenheid"))
        self.add_quantity.setText(_("Toevoegen"))
        self.delete_button.setText(_("Idee verwijderen"))
        self.delete_button.setToolTip(_("Verwijdert dit idee met zijn stemmen; Ctrl+Z haalt het terug."))
        self.status.blockSignals(True)
        self.status.clear()
        for code in STATUSES:
            self.status.addItem(status_label(code), code)
        self.status.blockSignals(False)
        self.horizon.blockSignals(True)
        self.horizon.clear()
        for code in ("",) + HORIZONS:
            self.horizon.addItem(horizon_label(code), code)
        self.horizon.blockSignals(False)
        self.load()

    # -- showing the model ----------------------------------------------------------

    def _on_changed(self, event) -> None:
        if event.kind in ("theme", "goal", "quantity_kind") or (event.kind == "intervention" and event.uuid == self.uuid):
            self.load()

    def load(self) -> None:
        project = self.context.project
        item = self.context.selected_intervention()
        if item is None:
            count = len(self.context.selection())
            self.placeholder.setText(
                _("{count} ideeën geselecteerd.").format(count=count) if count > 1
                else _("Selecteer een idee op de kaart of in de lijst om het te bewerken."))
            self.stack.setCurrentIndex(0)
            if self.uuid is not None:
                self.error.clear_error()
            self.uuid = None
            return
        other = item.uuid != self.uuid
        if other:
            self.error.clear_error()
        self.uuid = item.uuid
        self._loading = True
        try:
            self.stack.setCurrentIndex(1)
            self.setEnabled(True)
            self.title.set_committed_text(item.title)  # also clears the field's own undo history
            if other or not self.title.hasFocus():
                # show a long title from its start, not its last words (setText puts the
                # cursor at the end); the tooltip has all of it
                self.title.setCursorPosition(0)
            self.title.setToolTip(escaped(item.title))
            self.title.setStyleSheet("")
            self.description.set_committed_text(item.description)
            self.actor.set_committed_text(item.actor)
            self.notes.set_committed_text(item.notes)
            self._fill_checks(self.themes, project.themes(), item.theme_uuids, lambda t: t.name,
                              lambda t: color_icon(t.color))
            self._fill_checks(self.goals, project.goals(), item.goal_uuids, lambda g: g.title, None)
            self.primary.clear()
            for theme_uuid in item.theme_uuids:
                theme = project.get("theme", theme_uuid)
                if theme:
                    self.primary.addItem(color_icon(theme.color), theme.name, theme.uuid)
            self.primary.setCurrentIndex(max(0, self.primary.findData(item.primary_theme_uuid)))
            self.primary.setEnabled(self.primary.count() > 1)
            self.status.setCurrentIndex(max(0, self.status.findData(item.status)))
            self.horizon.setCurrentIndex(max(0, self.horizon.findData(item.horizon)))
            self._fill_quantities(project, item)
            self.measure.setText(describe(item.geometry))
            read_only = project.read_only
            for widget in (self.title, self.actor, self.description, self.notes, self.new_quantity_label,
                           self.new_quantity_unit):
                widget.setReadOnly(read_only)
            # a read-only project: nothing to choose, tick or press that would be refused
            for widget in (self.status, self.horizon, self.add_quantity, self.delete_button):
                widget.setEnabled(not read_only)
            self.primary.setEnabled(self.primary.count() > 1 and not read_only)
        finally:
            self._loading = False

    def _fill_checks(self, widget, entities, ticked, text_fn, icon_fn) -> None:
        widget.blockSignals(True)
        widget.clear()
        for entity in entities:
            row = QListWidgetItem(text_fn(entity))
            row.setToolTip(escaped(text_fn(entity)))  # long names are cut off in the narrow dock
            if icon_fn:
                row.setIcon(icon_fn(entity))
            row.setData(Qt.ItemDataRole.UserRole, entity.uuid)
            if self.context.project is not None and self.context.project.read_only:
                row.setFlags(row.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)  # shown, not changeable
            else:
                row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked if entity.uuid in ticked else Qt.CheckState.Unchecked)
            widget.addItem(row)
        widget.blockSignals(False)
        # tall enough for its rows (up to its maximum): on a 768-pixel screen the form
        # scrolls, rather than squeezing fourteen themes into a four-row list
        rows = sum(widget.sizeHintForRow(i) for i in range(widget.count()))
        widget.setMinimumHeight(min(widget.maximumHeight(), rows + 2 * widget.frameWidth() + 2))

    def _fill_quantities(self, project, item) -> None:
        kinds = project.quantity_kinds()
        if [k.key for k in kinds] != list(self.quantity_edits):
            while self.quantities.count():
                child = self.quantities.takeAt(0).widget()
                if child:
                    child.deleteLater()
            self.quantity_edits, self.quantity_labels = {}, {}
            for row, kind in enumerate(kinds):
                edit = QLineEdit()
                edit.setAlignment(Qt.AlignmentFlag.AlignRight)
                edit.editingFinished.connect(lambda k=kind.key: self._commit_quantity(k))
                name, unit = QLabel(quantity_label(kind)), QLabel(quantity_unit(kind))
                for label in (name, unit):  # users name their own quantities
                    label.setTextFormat(Qt.TextFormat.PlainText)
                self.quantities.addWidget(name, row, 0)
                self.quantities.addWidget(edit, row, 1)
                self.quantities.addWidget(unit, row, 2)
                self.quantity_edits[kind.key] = edit
                self.quantity_labels[kind.key] = (name, unit)
        for kind in kinds:
            name, unit = self.quantity_labels[kind.key]
            # again each time: the standard names follow a language switch
            name.setText(quantity_label(kind))
            unit.setText(quantity_unit(kind))
            edit = self.quantity_edits[kind.key]
            edit.setText(format_plain_number(item.quantity(kind.key)))
            edit.setReadOnly(project.read_only)
            edit.setStyleSheet("")

    # -- committing ------------------------------------------------------------------

    def _commit(self, **fields) -> bool:
        if self._loading or self._current() is None:
            return False
        try:
            self.context.project.execute(EditIntervention(self.uuid, **fields))
        except WorkbenchError as error:
            self.error.show_error(str(error))
            return False
        self.error.clear_error()
        return True

    def _current(self):
        """The intervention being edited; None once it or the project is gone (a field
        may lose focus, and so commit, while the window closes)."""
        project = self.context.project
        return project.get("intervention", self.uuid) if project is not None and self.uuid else None

    def _commit_text(self, field: str, widget) -> None:
        item, value = self._current(), widget.value()
        if item is None or getattr(item, field) == value or not widget.changed():
            return  # unchanged, or changed only by how Qt shows it: no edit
        if not self._commit(**{field: value}) and field == "title":
            self.title.setStyleSheet(error_border(self.title))

    def _ticked(self, widget) -> list:
        return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
                if widget.item(i).checkState() == Qt.CheckState.Checked]

    def _in_tick_order(self, widget, current) -> list:
        """Ticked uuids, keeping the order they were tagged in; new ticks go last."""
        ticked = self._ticked(widget)
        return [u for u in current if u in ticked] + [u for u in ticked if u not in current]

    def _themes_ticked(self, _row) -> None:
        item = self._current()
        if item is not None:
            self._commit(theme_uuids=self._in_tick_order(self.themes, item.theme_uuids))

    def _goals_ticked(self, _row) -> None:
        item = self._current()
        if item is not None:
            self._commit(goal_uuids=self._in_tick_order(self.goals, item.goal_uuids))

    def _commit_quantity(self, key: str) -> None:
        item = self._current()
        edit = self.quantity_edits.get(key)
        if item is None or edit is None or self._loading:
            return
        kind = next((k for k in self.context.project.quantity_kinds() if k.key == key), None)
        try:
            value = parse_number(edit.text(), quantity_label(kind) if kind else key)
        except ValueError as error:
            edit.setStyleSheet(error_border(edit))
            self.error.show_error(str(error))
            return
        if value is not None and value < 0:
            edit.setStyleSheet(error_border(edit))
            self.error.show_error(_("Een hoeveelheid kan niet negatief zijn."))
            return
        edit.setStyleSheet("")
        quantities = dict(item.quantities)
        if quantities.get(key) == value or (value is None and key not in quantities):
            self.error.clear_error()
            return
        if value is None:
            quantities.pop(key, None)
        else:
            quantities[key] = value
        self._commit(quantities=quantities)

    def _delete(self) -> None:
        from workbench.core.commands import DeleteInterventions

        item = self._current()
        if item is not None and self.context.run(DeleteInterventions([item.uuid])):
            self.context.message.emit(_("Idee {number} verwijderd; Ctrl+Z maakt dit ongedaan.").format(
                number=item.number))

    def _add_quantity_kind(self) -> None:
        # the project setup's commands: loaded when first used, not before the first map
        from workbench.core.setup_commands import AddQuantityKind

        if self.context.project is None:
            return
        label = self.new_quantity_label.text()
        unit = self.new_quantity_unit.text()
        if not label.strip():
            self.error.show_error(_("Geef de hoeveelheid een naam."))
            return
        try:
            self.context.project.execute(AddQuantityKind(label, unit))
        except WorkbenchError as error:
            self.error.show_error(str(error))
            return
        self.error.clear_error()
        self.new_quantity_label.clear()
        self.new_quantity_unit.clear()
