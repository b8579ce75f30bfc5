"""The table of all ideas with their sticker count: one model and one view, no widgets
per idea (10,000 ideas made 30,000 buttons and spin boxes: seconds to show, hundreds of
megabytes). The "-" and "+" cells are painted as buttons and act on a click; the count
is edited in a spin box that exists only while it is being edited."""

from qtpy.QtCore import QAbstractTableModel, QEvent, QModelIndex, Qt
from qtpy.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionButton

from workbench.core.commands import AddVotes
from workbench.i18n import _
from workbench.ui.combos import color_icon
from workbench.ui.labels import intervention_label

IDEA, MINUS, COUNT, PLUS = range(4)


class VotesModel(QAbstractTableModel):
    """Rows: ideas by number. Columns: idea (theme colour), "-", count, "+"."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self._rows, self._row_of, self._icons = [], {}, {}
        context.changed.connect(self._on_changed)
        context.on_project(self.reload)

    def reload(self) -> None:
        self.beginResetModel()
        project = self.context.project
        self._rows = [item.uuid for item in project.interventions()] if project else []
        self._row_of = {uuid: row for row, uuid in enumerate(self._rows)}
        self.endResetModel()

    def _on_changed(self, event) -> None:
        if event.kind == "intervention" and event.action == "changed" and event.uuid in self._row_of:
            row = self._row_of[event.uuid]
            self.dataChanged.emit(self.index(row, IDEA), self.index(row, IDEA))
        elif event.kind == "intervention" or (event.kind == "theme" and event.action != "added"):
            self.reload()
        elif event.kind in ("vote", "session", "session_current") and self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, PLUS))

    def session(self):
        project = self.context.project
        return project.current_session_uuid if project else None

    def editable(self) -> bool:
        project = self.context.project
        return bool(project and self.session() and not project.read_only)

    def uuid_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, uuid) -> int:
        return self._row_of.get(uuid, -1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 4

    def flags(self, index):
        flags = Qt.ItemFlag.ItemIsEnabled if self.editable() or index.column() == IDEA else Qt.ItemFlag.NoItemFlags
        if index.column() == COUNT and self.editable():
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        project = self.context.project
        item = project.get("intervention", self.uuid_at(index.row())) if project and index.isValid() else None
        if item is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == IDEA:
                return intervention_label(item)
            if column == COUNT:
                session = self.session()
                count = project.votes(item.uuid, session) if session else 0
                return count if role == Qt.ItemDataRole.EditRole else str(count)
            return "\u2212" if column == MINUS else "+" if column == PLUS else None
        if role == Qt.ItemDataRole.DecorationRole and column == IDEA:
            hex_colour = project.primary_color(item)
            if hex_colour not in self._icons:
                self._icons[hex_colour] = color_icon(hex_colour)
            return self._icons[hex_colour]
        if role == Qt.ItemDataRole.ToolTipRole and column in (MINUS, PLUS):
            return _("Eén stem eraf") if column == MINUS else _("Eén stem erbij")
        if role == Qt.ItemDataRole.TextAlignmentRole and column != IDEA:
            return int(Qt.AlignmentFlag.AlignCenter if column != COUNT else
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [_("Idee"), "", _("Stemmen"), ""][section]
        return None

    def click(self, index) -> None:
        """A click on "-" or "+": one sticker off or on, as one undoable command."""
        if index.column() in (MINUS, PLUS) and self.editable():
            uuid = self.uuid_at(index.row())
            if uuid:
                self.context.run(AddVotes(uuid, -1 if index.column() == MINUS else 1))


class VotesDelegate(QStyledItemDelegate):
    """Paints "-" and "+" as push buttons; edits the count in a VoteSpin."""

    def __init__(self, context, model, parent=None):
        super().__init__(parent)
        self.context, self.model = context, model

    def paint(self, painter, option, index):
        if index.column() not in (MINUS, PLUS):
            super().paint(painter, option, index)
            return
        button = QStyleOptionButton()
        button.rect = option.rect.adjusted(2, 1, -2, -1)
        button.text = index.data()
        button.state = QStyle.StateFlag.State_Enabled if self.model.editable() else QStyle.StateFlag.State_None
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_PushButton, button, painter, widget)

    def createEditor(self, parent, option, index):
        from workbench.ui.vote_counter import VoteSpin  # the spin commits SetVotes itself

        spin = VoteSpin(self.context, self.model.uuid_at(index.row()), parent)
        spin.show_count(index.data(Qt.ItemDataRole.EditRole) or 0)
        return spin

    def setEditorData(self, editor, index):
        editor.show_count(index.data(Qt.ItemDataRole.EditRole) or 0)

    def setModelData(self, editor, model, index):
        pass  # the spin box ran the command when the typing was done

    def eventFilter(self, editor, event):
        """Tab, Enter and Shift+Tab keep the typed count and open the next (or previous)
        idea's count, all selected, as in a spreadsheet: ten counts are ten "number +
        Tab" (Qt's own Tab would move to the painted "+" cell, and the next digits
        typed would be lost)."""
        keys = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if event.type() == QEvent.Type.KeyPress and event.key() in keys and hasattr(editor, "uuid"):
            editor.interpretText()  # the spin box commits SetVotes once, here
            step = -1 if event.key() == Qt.Key.Key_Backtab else 1
            row = self.model.row_of(editor.uuid) + step
            self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
            view = self.parent()
            if 0 <= row < self.model.rowCount():
                following = self.model.index(row, COUNT)
                view.scrollTo(following)
                view.setCurrentIndex(following)
                view.edit(following)
            return True
        if event.type() == QEvent.Type.FocusOut:
            focus = QApplication.focusWidget()
            if focus is None or focus.window() is not editor.window():
                return False  # another window (a closing dialog) took focus for a moment: keep editing
        return super().eventFilter(editor, event)
