"""The list of interventions with filters; selecting here selects on the map and back."""

from qtpy.QtCore import QItemSelectionModel, Qt, Signal
from qtpy.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from workbench.i18n import _
from workbench.ui.combos import EntityCombo
from workbench.ui.i18n_qt import connect_retranslate
from workbench.ui.qt_models import InterventionFilter, InterventionTableModel


class InterventionsPanel(QWidget):
    #: a double-click on a row: show the selection on the map
    zoomRequested = Signal()

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.model = InterventionTableModel(context, self)
        self.proxy = InterventionFilter(context, self)
        self.proxy.setSourceModel(self.model)

        self.theme_filter = EntityCombo(context, "theme", lambda: _("Alle thema's"))
        self.session_filter = EntityCombo(context, "session", lambda: _("Alle bijeenkomsten"))
        for combo in (self.theme_filter, self.session_filter):  # narrow dock: the map gets the room
            combo.setSizeAdjustPolicy(combo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.theme_filter.currentIndexChanged.connect(lambda _i: self.proxy.set_theme(self.theme_filter.currentData()))
        self.session_filter.currentIndexChanged.connect(
            lambda _i: context.set_session_filter(self.session_filter.currentData()))
        self.search.textChanged.connect(self.proxy.set_text)
        context.sessionFilterChanged.connect(self._show_session_filter)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(InterventionTableModel.TITLE, QHeaderView.ResizeMode.Stretch)
        # Fixed widths, not ResizeToContents: that re-reads every row on every edit,
        # which makes a project with a thousand ideas sluggish.
        for column in (InterventionTableModel.NUMBER, InterventionTableModel.VOTES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection)
        self.table.doubleClicked.connect(lambda _index: self.zoomRequested.emit())
        context.selectionChanged.connect(self._show_selection)
        self.model.modelReset.connect(lambda: self._show_selection(context.selection()))
        self.proxy.layoutChanged.connect(lambda: self._show_selection(context.selection()))

        filters = QHBoxLayout()
        filters.addWidget(self.theme_filter, 1)
        filters.addWidget(self.session_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        self._syncing = False
        connect_retranslate(self)
        # another project starts with the whole list, as the session filter does: a theme
        # filter carried over (themes of one theme set share their ids) showed an empty list
        context.on_project(self._clear_filters)

    def _fit_columns(self) -> None:
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        number = metrics.horizontalAdvance("000") + self.table.iconSize().width() + 20
        votes = max(metrics.horizontalAdvance("0000"), metrics.horizontalAdvance(self.model.headerData(
            InterventionTableModel.VOTES, Qt.Orientation.Horizontal))) + 20
        header.resizeSection(InterventionTableModel.NUMBER, max(number, 48))
        header.resizeSection(InterventionTableModel.VOTES, votes)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Zoek op nummer, titel of tekst"))
        self.theme_filter.setToolTip(_("Toon alleen ideeën met dit thema"))
        self.session_filter.setToolTip(_("Toon op de kaart en in de lijsten alleen ideeën uit deze bijeenkomst"))
        self.theme_filter.retranslate()
        self.session_filter.retranslate()
        self.model.retranslate()
        self._fit_columns()

    def _clear_filters(self) -> None:
        self.theme_filter.set_uuid(None)
        self.search.clear()

    def _show_session_filter(self, session_uuid) -> None:
        if self.session_filter.currentData() != session_uuid:
            self.session_filter.set_uuid(session_uuid)

    def visible_uuids(self) -> list:
        return [self.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole + 1) for row in range(self.proxy.rowCount())]

    def _on_table_selection(self, *_args) -> None:
        if self._syncing:
            return
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        uuids = [self.model.uuid_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row()) for r in rows]
        self.context.select(uuids)

    def _show_selection(self, uuids) -> None:
        self._syncing = True
        try:
            selection_model = self.table.selectionModel()
            selection_model.clearSelection()
            first = None
            for uuid in uuids:
                source_row = self.model.row_of(uuid)
                if source_row < 0:
                    continue
                index = self.proxy.mapFromSource(self.model.index(source_row, 0))
                if not index.isValid():
                    continue
                selection_model.select(index, QItemSelectionModel.SelectionFlag.Select
                                       | QItemSelectionModel.SelectionFlag.Rows)
                first = first or index
            if first is not None:
                self.table.scrollTo(first)
        finally:
            self._syncing = False
