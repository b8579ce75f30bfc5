"""Dot votes for the current session: a counter for the selected idea (+/- or typed)
and a table of all ideas for entering the stickers after the round."""

from qtpy.QtCore import Qt
from qtpy.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSpinBox, QTableView,
                            QVBoxLayout, QWidget)

from workbench.core.commands import AddVotes, SetVotes
from workbench.i18n import _
from workbench.ui.i18n_qt import connect_retranslate
from workbench.ui.votes_table import COUNT, IDEA, MINUS, PLUS, VotesDelegate, VotesModel

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
        connect_retranslate(self)
        context.on_project(self.refresh)

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
    """All ideas with their sticker count for the current session (model and view, see
    ``ui/votes_table.py``)."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.model = VotesModel(context, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegate(VotesDelegate(context, self.model, self.table))
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.SelectedClicked
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.clicked.connect(self.model.click)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(IDEA, QHeaderView.ResizeMode.Stretch)
        for column in (MINUS, COUNT, PLUS):  # fixed: ResizeToContents would read every row
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.header)
        layout.addWidget(self.table, 1)
        context.changed.connect(self._on_changed)
        connect_retranslate(self)
        context.on_project(self._update_header)

    def _on_changed(self, event) -> None:
        if event.kind in ("session", "session_current"):
            self._update_header()

    def retranslate(self) -> None:
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        for column in (MINUS, PLUS):
            header.resizeSection(column, 32)
        header.resizeSection(COUNT, max(metrics.horizontalAdvance("99999") + 40,
                                        metrics.horizontalAdvance(_("Stemmen")) + 16))
        self._update_header()

    def _update_header(self) -> None:
        project = self.context.project
        session = project.current_session_uuid if project else None
        if project is None:
            self.header.setText("")
        elif session:
            self.header.setText(_("Stemmen voor: {session}").format(session=project.get("session", session).title))
        else:
            self.header.setText(_("Kies eerst een bijeenkomst; stemmen horen bij een bijeenkomst."))

    def spin_for(self, uuid):
        """The count editor of idea ``uuid`` (opened for typing), or None."""
        row = self.model.row_of(uuid)
        if row < 0 or not self.model.editable():
            return None
        index = self.model.index(row, COUNT)
        self.table.scrollTo(index)
        self.table.setCurrentIndex(index)
        self.table.edit(index)
        return self.table.indexWidget(index)
