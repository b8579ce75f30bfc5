"""Dot votes for the current session: a counter for the selected idea (+/- or typed)
and a table of all ideas for entering the stickers after the round."""

from qtpy.QtCore import Qt
from qtpy.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSpinBox,
                            QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from workbench.core.commands import AddVotes, SetVotes
from workbench.i18n import _
from workbench.ui.combos import color_icon
from workbench.ui.i18n_qt import connect_retranslate
from workbench.ui.labels import intervention_label

MAX_VOTES = 9999


class VoteSpin(QSpinBox):
    """The sticker count of one idea; typing a number and pressing Enter sets it."""

    def __init__(self, context, uuid, parent=None):
        super().__init__(parent)
        self.context, self.uuid = context, uuid
        self.setRange(0, MAX_VOTES)
        self.setKeyboardTracking(False)  # one command when the typing is done, not per digit
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.valueChanged.connect(self._commit)

    def focusInEvent(self, event) -> None:
        """Select the whole count on entering, however focus came (a click too): typing
        12 into a box showing 0 must store 12, not 120 (the click put the cursor before
        the 0). After the click's own handling, hence the timer."""
        from qtpy.QtCore import QTimer

        super().focusInEvent(event)
        QTimer.singleShot(0, self.selectAll)

    def show_count(self, count: int) -> None:
        self.blockSignals(True)
        self.setValue(count)
        self.blockSignals(False)

    def _commit(self, value: int) -> None:
        project = self.context.project
        if project is None or not self.uuid:
            return
        if not self.context.run(SetVotes(self.uuid, value)):
            self.show_count(project.votes(self.uuid, project.current_session_uuid)
                            if project.current_session_uuid else 0)


def vote_buttons(context, uuid_fn, large=False):
    """The "-" and "+" buttons for the idea ``uuid_fn()`` returns."""
    minus, plus = QPushButton("−"), QPushButton("+")
    for button, delta in ((minus, -1), (plus, 1)):
        button.setFixedWidth(44 if large else 28)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the map keeps focus for the next drawing
        button.clicked.connect(lambda _checked=False, d=delta: uuid_fn() and context.run(AddVotes(uuid_fn(), d)))
    return minus, plus


class VoteCounter(QWidget):
    """Votes of the selected idea in the current session: [-] [count] [+]."""

    def __init__(self, context, large=False, parent=None):
        super().__init__(parent)
        self.context = context
        self.label = QLabel()
        self.spin = VoteSpin(context, None)
        self.minus, self.plus = vote_buttons(context, self._uuid, large)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.minus)
        layout.addWidget(self.spin)
        layout.addWidget(self.plus)
        context.selectionChanged.connect(lambda _u: self.refresh())
        context.changed.connect(self._on_changed)
        context.projectReplaced.connect(self.refresh)
        connect_retranslate(self)

    def _uuid(self):
        item = self.context.selected_intervention()
        return item.uuid if item else None

    def _on_changed(self, event) -> None:
        if event.kind in ("vote", "session_current", "session", "intervention"):
            self.refresh()

    def retranslate(self) -> None:
        self.minus.setToolTip(_("Eén stem eraf"))
        self.plus.setToolTip(_("Eén stem erbij"))
        self.refresh()

    def refresh(self) -> None:
        project = self.context.project
        uuid = self._uuid()
        session = project.current_session_uuid if project else None
        enabled = bool(uuid and session and not project.read_only)
        for widget in (self.minus, self.plus, self.spin):
            widget.setEnabled(enabled)
        self.spin.uuid = uuid
        self.spin.show_count(project.votes(uuid, session) if enabled else 0)
        item = project.get("intervention", uuid) if project and uuid else None
        # which idea the count belongs to, readable from the back of the room
        self.label.setText(_("Stemmen voor {number}").format(number=item.number) if item else _("Stemmen"))
        if not session:
            self.setToolTip(_("Kies eerst een bijeenkomst; stemmen horen bij een bijeenkomst."))
        elif not uuid:
            self.setToolTip(_("Selecteer één idee om stemmen te geven."))
        else:
            self.setToolTip("")


class VotesPanel(QWidget):
    """All ideas with their sticker count for the current session."""

    COLUMNS = 4  # number+title, -, count, +

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab goes from one count to the next idea's count (the table itself would take
        # the Tab and the digits typed after it: 7 stickers became 40)
        self.table.setTabKeyNavigation(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        layout.addWidget(self.table, 1)
        self._spins = {}
        self._dirty = True
        context.projectReplaced.connect(self.rebuild)
        context.changed.connect(self._on_changed)
        connect_retranslate(self)

    def _on_changed(self, event) -> None:
        if event.kind == "intervention" and event.action == "changed":
            self._update_labels()
        elif event.kind in ("intervention", "session", "session_current", "theme"):
            self.rebuild()
        elif event.kind == "vote":
            self._update_counts()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_("Idee"), "", _("Stemmen"), ""])
        self.rebuild()

    def rebuild(self) -> None:
        # Three widgets per idea: build them only while the panel is on screen, so a
        # project with a thousand ideas opens as fast as one with ten.
        if not self.isVisible():
            self._dirty = True
            return
        self._dirty = False
        project = self.context.project
        items = project.interventions() if project else []
        session = project.current_session_uuid if project else None
        self.table.setRowCount(len(items))
        self._spins = {}
        for row, item in enumerate(items):
            cell = QTableWidgetItem()
            cell.setData(Qt.ItemDataRole.UserRole, item.uuid)
            self.table.setItem(row, 0, cell)
            minus, plus = vote_buttons(self.context, lambda u=item.uuid: u)
            spin = VoteSpin(self.context, item.uuid)
            # Enter, as in a spreadsheet: this count is kept, on to the next idea's
            spin.lineEdit().returnPressed.connect(lambda r=row: self.focus_row(r + 1))
            self._spins[item.uuid] = spin
            for column, widget in ((1, minus), (2, spin), (3, plus)):
                widget.setEnabled(bool(session) and not project.read_only)
                self.table.setCellWidget(row, column, widget)
        self._update_labels()
        self._update_counts()
        if project is None:
            self.header.setText("")
        elif session:
            self.header.setText(_("Stemmen voor: {session}").format(session=project.get("session", session).title))
        else:
            self.header.setText(_("Kies eerst een bijeenkomst; stemmen horen bij een bijeenkomst."))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self.rebuild()

    def _update_labels(self) -> None:
        project = self.context.project
        for row in range(self.table.rowCount()):
            cell = self.table.item(row, 0)
            item = project.get("intervention", cell.data(Qt.ItemDataRole.UserRole))
            if item is not None:
                cell.setText(intervention_label(item))
                cell.setIcon(color_icon(project.primary_color(item)))

    def _update_counts(self) -> None:
        project = self.context.project
        session = project.current_session_uuid if project else None
        for uuid, spin in self._spins.items():
            spin.show_count(project.votes(uuid, session) if session else 0)

    def focus_row(self, row: int) -> None:
        spin = self.table.cellWidget(row, 2) if 0 <= row < self.table.rowCount() else None
        if spin is not None:
            self.table.scrollToItem(self.table.item(row, 0))
            spin.setFocus(Qt.FocusReason.TabFocusReason)

    def spin_for(self, uuid):
        return self._spins.get(uuid)
