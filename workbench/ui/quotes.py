"""What residents said: "..." - Bewoner uit Heerlerheide, optionally about one idea."""

from qtpy.QtCore import Qt
from qtpy.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                            QPushButton, QVBoxLayout, QWidget)

from workbench.core.commands import AddQuote, DeleteQuote, EditQuote
from workbench.errors import WorkbenchError
from workbench.i18n import _
from workbench.ui.combos import EntityCombo
from workbench.ui.fields import CommitTextEdit, ErrorLabel, TextField
from workbench.ui.i18n_qt import connect_retranslate
from workbench.ui.qt_models import choose_keeping_typing, current_uuid


def default_speaker(project) -> str:
    area = project.area.name if project and project.area and project.area.name else ""
    return _("Bewoner uit {place}").format(place=area) if area else _("Bewoner")


class QuotesPanel(QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.text = CommitTextEdit()
        self.text.setMaximumHeight(80)
        self.speaker = TextField()
        self.intervention = EntityCombo(context, "intervention", lambda: _("(geen idee)"))
        self.theme = EntityCombo(context, "theme", lambda: _("(geen thema)"))  # input about a theme
        self.error = ErrorLabel()
        self.new_button, self.save_button, self.delete_button = QPushButton(), QPushButton(), QPushButton()
        self.labels = [QLabel(), QLabel(), QLabel(), QLabel()]
        form = QFormLayout()
        for label, widget in zip(self.labels, (self.text, self.speaker, self.intervention, self.theme)):
            form.addRow(label, widget)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.new_button.clicked.connect(self.new_quote)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.list.currentRowChanged.connect(lambda _row: self._quote_chosen())
        context.selectionChanged.connect(self._follow_selection)
        context.sessionFilterChanged.connect(lambda _uuid: self.refresh())
        context.changed.connect(lambda e: e.kind in ("quote", "intervention", "session") and self.refresh())
        self.editing_uuid = None
        self._loaded_quote = None  # the quote as the form shows it
        self._shown_form = None  # the form's values as loaded for it
        self._default_speaker = ""
        connect_retranslate(self)
        context.on_project(self._reset)

    def retranslate(self) -> None:
        for label, text in zip(self.labels, (_("Citaat"), _("Wie zei het"), _("Over idee"), _("Over thema"))):
            label.setText(text)
        self.text.setPlaceholderText(_("Wat zei de bewoner? Schrijf het zo letterlijk mogelijk op."))
        self.new_button.setText(_("Nieuw"))
        self.delete_button.setText(_("Verwijderen"))
        self.intervention.retranslate()
        self.theme.retranslate()
        if self.editing_uuid is None and self.speaker.text() == self._default_speaker:
            # the untouched "Bewoner uit ..." of a new quote follows the language
            self._default_speaker = default_speaker(self.context.project)
            self.speaker.setText(self._default_speaker)
        self._update_buttons()
        self.refresh()

    def _reset(self) -> None:
        self.new_quote()
        self.refresh()

    def refresh(self) -> None:
        project = self.context.project
        self.list.blockSignals(True)
        self.list.clear()
        wanted = self.context.session_filter()
        for quote in (project.quotes() if project else []):
            if wanted is not None and quote.session_uuid != wanted:
                continue  # the lists follow the session filter, like the map
            about = project.get("intervention", quote.intervention_uuid) if quote.intervention_uuid else None
            text = f"“{quote.text}” — {quote.speaker}" if quote.speaker else f"“{quote.text}”"
            if about:
                text += f"  [{about.number}]"
            row = QListWidgetItem(text)
            row.setData(Qt.ItemDataRole.UserRole, quote.uuid)
            self.list.addItem(row)
            if quote.uuid == self.editing_uuid:
                self.list.setCurrentItem(row)
        self.list.blockSignals(False)
        if self.editing_uuid and project and project.get("quote", self.editing_uuid) is None:
            self.new_quote()
        elif self.editing_uuid and project and project.get("quote", self.editing_uuid) != self._loaded_quote:
            self._load_selected()  # changed by undo/redo: the form shows what is stored

    def _update_buttons(self) -> None:
        self.save_button.setText(_("Toevoegen") if self.editing_uuid is None else _("Opslaan"))
        read_only = self.context.project is None or self.context.project.read_only
        self.text.setReadOnly(read_only)
        self.speaker.setReadOnly(read_only)
        self.intervention.setEnabled(not read_only)
        self.theme.setEnabled(not read_only)
        self.new_button.setEnabled(not read_only)
        self.save_button.setEnabled(not read_only)
        self.delete_button.setEnabled(self.editing_uuid is not None and not read_only)

    def new_quote(self) -> None:
        """An empty form, about the selected idea if there is one."""
        self.editing_uuid = None
        self._loaded_quote = None
        self.list.blockSignals(True)
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self.text.set_committed_text("")
        self._default_speaker = default_speaker(self.context.project)
        self.speaker.setText(self._default_speaker)
        selected = self.context.selected_intervention()
        self.intervention.set_uuid(selected.uuid if selected else None)
        self.theme.set_uuid(None)
        self.error.clear_error()
        self._update_buttons()

    def _follow_selection(self, uuids) -> None:
        """A new, untouched quote is about the idea selected on the map."""
        if self.editing_uuid is None and not self.text.toPlainText().strip():
            selected = self.context.selected_intervention()
            self.intervention.set_uuid(selected.uuid if selected else None)

    def typed_changes(self) -> bool:
        """Whether the form holds what was typed and not yet added or saved."""
        project = self.context.project
        if project is None or project.read_only:
            return False
        if self.editing_uuid is None:
            return bool(self.text.toPlainText().strip())
        # against what the form showed, not the stored quote: Qt hands a no-break space or
        # a leading byte-order mark back changed, which is no typing
        return project.get("quote", self.editing_uuid) is not None and self._form_values() != self._shown_form

    def _form_values(self) -> tuple:
        return (self.text.toPlainText(), self.speaker.text(), self.intervention.currentData(),
                self.theme.currentData())

    def keep_typing(self) -> bool:
        """Add or save what was typed, as leaving any other field keeps it: a quote typed
        and then left for another quote, or the window closed, was lost. False when the
        form's text is refused (it stays, with the reason under it)."""
        if not self.typed_changes():
            return True
        self.save()
        return not self.error.isVisible()

    def _quote_chosen(self) -> None:
        choose_keeping_typing(self.list, self.editing_uuid, self.typed_changes, self.keep_typing, self._load_selected)

    def _load_selected(self) -> None:
        uuid = current_uuid(self.list)
        quote = self.context.project.get("quote", uuid) if uuid else None
        if quote is None:
            return
        self.editing_uuid = quote.uuid
        self._loaded_quote = quote
        self.text.set_committed_text(quote.text)
        self.speaker.setText(quote.speaker)
        self.intervention.set_uuid(quote.intervention_uuid)
        self.theme.set_uuid(quote.theme_uuid)
        self._shown_form = self._form_values()
        self.error.clear_error()
        self._update_buttons()

    def save(self) -> None:
        project = self.context.project
        values = dict(text=self.text.toPlainText(), speaker=self.speaker.text(),
                      intervention_uuid=self.intervention.currentData(), theme_uuid=self.theme.currentData())
        try:
            if self.editing_uuid is None:
                command = project.execute(AddQuote(**values))
                self.editing_uuid = command.uuid
            else:
                project.execute(EditQuote(self.editing_uuid, **values))
        except WorkbenchError as error:
            self.error.show_error(str(error))
            return
        self.error.clear_error()
        self.new_quote()

    def delete(self) -> None:
        if self.editing_uuid is not None and self.context.run(DeleteQuote(self.editing_uuid)):
            self.new_quote()
