"""Qt item models that mirror the project (read-only views; edits go through commands)."""

import bisect

from qtpy.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from qtpy.QtGui import QColor

from workbench.i18n import _
from workbench.ui.labels import escaped, short


def current_uuid(list_widget):
    """The UUID kept (as UserRole data) by a list's current row, or None."""
    row = list_widget.currentItem()
    return row.data(Qt.ItemDataRole.UserRole) if row else None


def choose_keeping_typing(list_widget, editing_uuid, typed, keep_typing, load) -> None:
    """Another row chosen in ``list_widget`` while its form shows ``editing_uuid``: what
    was typed (``typed()``) is kept first (``keep_typing()``, False when refused: the form
    stays, with its reason), then the chosen row is loaded (``load()``); the save fills
    the list again, so the chosen row is made current again, which loads it."""
    chosen = current_uuid(list_widget)
    if chosen != editing_uuid and typed():
        if not keep_typing():
            return
        if select_uuid(list_widget, chosen):
            return
    load()


def select_uuid(list_widget, uuid) -> bool:
    """Make the row keeping ``uuid`` (as UserRole data) current; False when none does."""
    for row in range(list_widget.count()):
        if list_widget.item(row).data(Qt.ItemDataRole.UserRole) == uuid:
            list_widget.setCurrentRow(row)
            return True
    return False

UUID_ROLE = Qt.ItemDataRole.UserRole + 1


class InterventionTableModel(QAbstractTableModel):
    """Rows: interventions by number. Columns: number (theme colour), title, votes."""

    NUMBER, TITLE, VOTES = range(3)

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self._rows = []
        context.changed.connect(self._on_changed)
        context.sessionFilterChanged.connect(lambda _uuid: self._votes_changed())
        context.on_project(self.reload)

    def reload(self) -> None:
        self.beginResetModel()
        project = self.context.project
        items = project.interventions() if project else []
        self._rows = [i.uuid for i in items]
        self._numbers = [i.number for i in items]
        self._index_rows()
        self.endResetModel()

    def _index_rows(self, start=0) -> None:
        self._row_of = getattr(self, "_row_of", {}) if start else {}
        for row in range(start, len(self._rows)):
            self._row_of[self._rows[row]] = row

    def _on_changed(self, event) -> None:
        # One idea added, changed or removed touches one row: with 10,000 ideas a reset of
        # the whole list (and of the view's selection and scroll position) on every edit
        # or undo was a visible stutter.
        if event.kind == "intervention" and event.action == "changed" and event.uuid in self._row_of:
            row = self._row_of[event.uuid]
            if event.entity.number == self._numbers[row]:
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
            else:
                self.reload()  # renumbered (a merge): the order changes
        elif event.kind == "intervention" and event.action == "added" and event.uuid not in self._row_of:
            row = bisect.bisect_left(self._numbers, event.entity.number)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.insert(row, event.uuid)
            self._numbers.insert(row, event.entity.number)
            self._index_rows(row)
            self.endInsertRows()
        elif event.kind == "intervention" and event.action == "removed" and event.uuid in self._row_of:
            row = self._row_of.pop(event.uuid)
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row], self._numbers[row]
            self._index_rows(row)
            self.endRemoveRows()
        elif event.kind == "intervention" or (event.kind == "theme" and event.action != "added"):
            self.reload()
        elif event.kind in ("vote", "session_current"):
            self._votes_changed()

    def _votes_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, self.VOTES), self.index(len(self._rows) - 1, self.VOTES))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 3

    def uuid_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, uuid: str) -> int:
        return self._row_of.get(uuid, -1)

    def intervention(self, row: int):
        uuid = self.uuid_at(row)
        return self.context.project.get("intervention", uuid) if uuid else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        item = self.intervention(index.row()) if index.isValid() else None
        if item is None:
            return None
        column = index.column()
        if role == UUID_ROLE:
            return item.uuid
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NUMBER:
                return str(item.number)
            if column == self.TITLE:
                return short(item.title)
            return str(self.context.project.votes(item.uuid, self.context.session_filter()))
        if role == Qt.ItemDataRole.DecorationRole and column == self.NUMBER:
            return QColor(self.context.project.primary_color(item))
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            theme = self.context.project.get("theme", item.primary_theme_uuid) if item.primary_theme_uuid else None
            return escaped(f"{item.title}\n{theme.name if theme else _('(geen thema)')}")
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.TITLE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [_("Nr"), _("Titel"), _("Stemmen")][section]
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)


class InterventionFilter(QSortFilterProxyModel):
    """Filters by theme (any tagged theme), by the context's session filter and by text."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.theme_uuid = None
        self.text = ""
        context.sessionFilterChanged.connect(lambda _uuid: self.invalidate())  # invalidateFilter is deprecated in Qt 6.10

    def set_theme(self, theme_uuid) -> None:
        self.theme_uuid = theme_uuid or None
        self.invalidate()

    def set_text(self, text: str) -> None:
        self.text = text.strip().casefold()
        self.invalidate()

    def filterAcceptsRow(self, row, parent) -> bool:
        item = self.sourceModel().intervention(row)
        if item is None:
            return False
        if self.theme_uuid and self.theme_uuid not in item.theme_uuids:
            return False
        if not self.context.in_session_filter(item):
            return False
        if self.text:
            haystack = " ".join((str(item.number), item.title, item.description, item.actor, item.notes)).casefold()
            return self.text in haystack
        return True
