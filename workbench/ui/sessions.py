"""Bijeenkomsten: the list, a form to create and edit one, and choosing the current one
(everything created from then on belongs to it)."""

from qtpy.QtCore import QDate, Qt
from qtpy.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
                            QListWidget, QListWidgetItem, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from workbench.core.setup_commands import AddSession, DeleteSession, EditSession
from workbench.errors import WorkbenchError
from workbench.i18n import _
from workbench.ui.combos import EntityCombo
from workbench.ui.fields import ErrorLabel, TextField
from workbench.ui.i18n_qt import connect_retranslate
from workbench.ui.messages import confirm
from workbench.ui.qt_models import current_uuid

def method_labels() -> dict:
    return {"bewonersavond": _("Bewonersavond"), "straatgesprek": _("Straatgesprek"),
            "online-vragenlijst": _("Online vragenlijst"), "stakeholdersessie": _("Stakeholdersessie"),
            "groepsgesprek": _("Groepsgesprek"), "telefonisch": _("Telefonisch")}


class SessionForm(QWidget):
    """Title, date, place, facilitator, participants; used by the dialog and the wizard."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = TextField()
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd-MM-yyyy")
        self.date.setDate(QDate.currentDate())
        # The stored date while the user leaves the field alone: a session without a date
        # (made by an import) or with one Qt cannot read (typed in QGIS) shows today's
        # date, which must not be written back by correcting only its place.
        self._kept_date = None
        self.date.dateChanged.connect(self._date_chosen)
        self.place = TextField()
        self.facilitator = TextField()
        self.participants = QSpinBox()
        self.participants.setRange(0, 100000)
        self.method = QComboBox()  # how the input was gathered (the visie's own forms, seed L8604-8638)
        self.target_group = TextField()
        self.part = TextField()  # its own part of the area: wijk names
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.labels = [QLabel() for _i in range(8)]
        for label, widget in zip(self.labels, (self.title, self.date, self.place, self.facilitator,
                                               self.participants, self.method, self.target_group, self.part)):
            self.form.addRow(label, widget)
        connect_retranslate(self)

    def retranslate(self) -> None:
        for label, text in zip(self.labels, (_("Titel"), _("Datum"), _("Plaats"), _("Gespreksleider"),
                                             _("Aantal deelnemers"), _("Werkvorm"), _("Doelgroep"),
                                             _("Deel van het gebied"))):
            label.setText(text)
        current = self.method.currentData()
        self.method.clear()
        self.method.addItem(_("(niet vastgelegd)"), "")
        for code, label in method_labels().items():
            self.method.addItem(label, code)
        self.method.setCurrentIndex(max(self.method.findData(current), 0))
        self.target_group.setPlaceholderText(_("Bijvoorbeeld 'jongeren' of 'ondernemers'"))
        self.part.setPlaceholderText(_("Wijken, gescheiden door ';' (leeg: het hele gebied)"))
        self.title.setPlaceholderText(_("Bijvoorbeeld 'Bewonersavond Heerlerheide'"))
        self.place.setPlaceholderText(_("Bijvoorbeeld 'Buurthuis De Passart'"))

    def _date_chosen(self, _date) -> None:
        self._kept_date = None

    def load(self, session) -> None:
        self.title.setText(session.title)
        if session.date:
            self.date.setDate(QDate.fromString(session.date, "yyyy-MM-dd"))
        self._kept_date = session.date
        self.place.setText(session.place)
        self.facilitator.setText(session.facilitator)
        self.participants.setValue(session.participants)
        self.method.setCurrentIndex(max(self.method.findData(session.method), 0))
        self.target_group.setText(session.target_group)
        self.part.setText(session.part)

    def values(self) -> dict:
        date = self.date.date().toString("yyyy-MM-dd") if self._kept_date is None else self._kept_date
        return {"title": self.title.text(), "date": date,
                "place": self.place.text(), "facilitator": self.facilitator.text(),
                "participants": self.participants.value(), "method": self.method.currentData() or "",
                "target_group": self.target_group.text(), "part": self.part.text()}

class SessionDialog(QDialog):
    """Create (``session`` None) or edit a session; stays open while the input is refused."""

    def __init__(self, context, session=None, parent=None):
        super().__init__(parent)
        self.context, self.session = context, session
        self.form = SessionForm()
        if session is not None:
            self.form.load(session)
        else:
            self.form.title.setText(_("Bijeenkomst {number}").format(number=len(context.project.sessions()) + 1))
        self.make_current = None
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setWindowTitle(_("Nieuwe bijeenkomst") if session is None else _("Bijeenkomst bewerken"))
        self.form.title.selectAll()

    def accept(self) -> None:
        project = self.context.project
        try:
            if self.session is None:
                command = project.execute(AddSession(**self.form.values()))
                # A new session is the evening that starts now: make it current.
                project.set_current_session(command.uuid)
            else:
                project.execute(EditSession(self.session.uuid, **self.form.values()))
        except WorkbenchError as error:
            self.error.show_error(str(error))
            return
        super().accept()

class CurrentSessionCombo(EntityCombo):
    """Chooses the current session of the project (a setting, not an undo step)."""

    def __init__(self, context, parent=None):
        super().__init__(context, "session", lambda: _("(geen bijeenkomst)"), parent)
        self.activated.connect(self._choose)
        context.changed.connect(self._on_current)
        context.on_project(lambda: self._on_current(None))

    def _on_current(self, event) -> None:
        if self.context.project is not None and (event is None or event.kind in ("session_current", "session")):
            self.blockSignals(True)
            self.set_uuid(self.context.project.current_session_uuid)
            self.blockSignals(False)

    def _choose(self, _index) -> None:
        if self.context.project is not None:
            self.context.project.set_current_session(self.currentData())

class SessionsPanel(QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.current_label = QLabel()
        self.current = CurrentSessionCombo(context)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAlternatingRowColors(True)
        self.add_button, self.edit_button, self.delete_button = QPushButton(), QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.add_session)
        self.edit_button.clicked.connect(self.edit_session)
        self.delete_button.clicked.connect(self.delete_session)
        self.list.itemDoubleClicked.connect(lambda _item: self.edit_session())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        current = QHBoxLayout()
        current.addWidget(self.current_label)
        current.addWidget(self.current, 1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(current)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.dialog = None
        context.changed.connect(lambda e: e.kind in ("session", "session_current", "intervention") and self.refresh())
        connect_retranslate(self)
        context.on_project(self.refresh)

    def retranslate(self) -> None:
        self.current_label.setText(_("Huidige bijeenkomst:"))
        self.current.setToolTip(_("Alles wat u nu toevoegt, hoort bij deze bijeenkomst."))
        self.add_button.setText(_("Nieuw…"))
        self.edit_button.setText(_("Bewerken…"))
        self.delete_button.setText(_("Verwijderen"))
        self.current.retranslate()
        self.refresh()

    def refresh(self) -> None:
        project = self.context.project
        selected = self.selected_uuid()
        self.list.clear()
        if project is None:
            return
        for session in project.sessions():
            count = sum(1 for i in project.all("intervention") if i.created_session_uuid == session.uuid)
            parts = [session.title, session.date, session.place]
            text = " · ".join(p for p in parts if p)
            text += "  " + _("({count} ideeën)").format(count=count)
            if session.uuid == project.current_session_uuid:
                text = "▶ " + text
            row = QListWidgetItem(text)
            row.setData(Qt.ItemDataRole.UserRole, session.uuid)
            self.list.addItem(row)
            if session.uuid == selected:
                self.list.setCurrentItem(row)
        self._update_buttons()

    def selected_uuid(self):
        return current_uuid(self.list)

    def _update_buttons(self) -> None:
        read_only = self.context.project is None or self.context.project.read_only
        self.add_button.setEnabled(not read_only)
        self.edit_button.setEnabled(not read_only and self.selected_uuid() is not None)
        self.delete_button.setEnabled(not read_only and self.selected_uuid() is not None)

    def add_session(self) -> SessionDialog:
        self.dialog = SessionDialog(self.context, None, self)
        self.dialog.open()
        return self.dialog

    def edit_session(self):
        session = self.context.project.get("session", self.selected_uuid() or "")
        if session is None:
            return None
        self.dialog = SessionDialog(self.context, session, self)
        self.dialog.open()
        return self.dialog

    def delete_session(self) -> None:
        session = self.context.project.get("session", self.selected_uuid() or "")
        if session is None:
            return
        votes = sum(v.count for v in self.context.project.all("vote") if v.session_uuid == session.uuid)
        text = _("Bijeenkomst '{title}' verwijderen? De {votes} stemmen van deze bijeenkomst verdwijnen; "
                 "de ideeën en citaten blijven. U kunt dit ongedaan maken.").format(title=session.title, votes=votes)
        if confirm(self, text):
            self.context.run(DeleteSession(session.uuid))
