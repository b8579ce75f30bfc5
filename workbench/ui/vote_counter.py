"""The vote counter of the selected idea ([-] [count] [+]), in the quick-capture bar and
the editor. Apart from the votes panel (``ui/votes.py``, a dock behind another tab), so
the first painted map does not load the panel's table (issue 14)."""

from qtpy.QtCore import Qt
from qtpy.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from workbench.core.commands import AddVotes, SetVotes
from workbench.i18n import _
from workbench.ui.i18n_qt import connect_retranslate

MAX_VOTES = 9999  # what the box takes typed by hand; a larger stored count widens it


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
        """Show ``count`` as stored: an import or a sync may bring more than a box typed
        by hand needs (the range grows for it, else the box showed 9999 for 12,000)."""
        self.blockSignals(True)
        self.setMaximum(max(MAX_VOTES, count))  # the next idea's box takes 9999 typed again
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
