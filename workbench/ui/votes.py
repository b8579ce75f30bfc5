"""Dot votes for the current session: a table of all ideas for entering the stickers
after the round. The counter for the selected idea (+/- or typed) is ``ui/vote_counter.py``."""

from qtpy.QtCore import Qt
from qtpy.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from workbench.i18n import _
from workbench.ui.i18n_qt import connect_retranslate
from workbench.ui.votes_table import COUNT, IDEA, MINUS, PLUS, VotesDelegate, VotesModel


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
