"""The Toets dock: weigh the selected idea against the visie and record the answer to
the resident. Hints (themes, goals, wijken, size, marked constraints) are computed and
shown; the verdicts are the user's. Every change is one command, so one undo step."""

import html

from qtpy.QtCore import Qt
from qtpy.QtWidgets import (QComboBox, QFormLayout, QFrame, QGroupBox, QHeaderView, QLabel,
                            QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QScrollArea, QTableWidget,
                            QTableWidgetItem, QTextBrowser, QVBoxLayout, QWidget)

from workbench.analysis.hints import constraint_layers, idea_hints, set_constraint_layers
from workbench.core.criteria import DISPOSITION_LABELS, criteria_for, instruments_for, verdict_label
from workbench.core.model import OVERALL, VERDICTS, answer_uuid, verdict_uuid
from workbench.core.toets_commands import AnswerIdea, WeighIdea
from workbench.i18n import _
from workbench.ui.fields import TextField
from workbench.ui.deferred import Deferred
from workbench.ui.i18n_qt import connect_retranslate


class ToetsPanel(QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.hints = QLabel()
        self.hints.setWordWrap(True)
        self.hints.setTextFormat(Qt.TextFormat.RichText)
        # the gap view (nothing selected): at 10,000 ideas its lists of numbers are 120 kB
        # of text; a word-wrapped label laid that out again and again (0.3 s per change),
        # a text browser lays it out once and scrolls it
        self.gaps = QTextBrowser()
        self.gaps.setFrameShape(QFrame.Shape.NoFrame)
        self.gaps.viewport().setAutoFillBackground(False)
        self.gaps.setMinimumHeight(240)
        self.gaps.hide()
        self.table = QTableWidget(0, 3)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(320)
        self.answer_box = QGroupBox()
        self.disposition = QComboBox()
        self.instrument = QComboBox()
        self.referred_to = TextField()
        self.answered_by = TextField()
        self.text = QPlainTextEdit()
        self.text.setFixedHeight(80)
        self.save = QPushButton()
        self.save.clicked.connect(self._save_answer)
        self.form = QFormLayout(self.answer_box)
        self.form_labels = [QLabel() for _i in range(5)]
        for label, widget in zip(self.form_labels, (self.disposition, self.instrument, self.referred_to,
                                                    self.answered_by, self.text)):
            self.form.addRow(label, widget)
        self.form.addRow(self.save)
        self.constraints_box = QGroupBox()
        self.constraints = QListWidget()
        self.constraints.setFixedHeight(70)
        self.constraints.itemChanged.connect(self._constraints_changed)
        QVBoxLayout(self.constraints_box).addWidget(self.constraints)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(4, 4, 4, 4)
        for widget in (self.title, self.hints, self.table, self.answer_box, self.constraints_box):
            layout.addWidget(widget)
        layout.insertWidget(2, self.gaps, 100)  # most of the height when shown
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._filling = False
        self._answer_shown = None  # (idea uuid, the form's values as filled for it)
        self._unsaved = {}  # idea uuid -> the answer typed for it that could not be saved
        self._later = Deferred(self, self.refresh)
        self._gap_inputs = None  # uuid -> the idea as the gap view last counted it
        context.selectionChanged.connect(lambda _u: self._later.now_or_when_shown())
        context.changed.connect(self._on_changed)
        connect_retranslate(self)
        # built behind another tab (after the first painted map): nothing computed until shown
        context.on_project(self._later.now_or_when_shown)

    def _on_changed(self, event) -> None:
        if event.kind == "intervention" and not self._concerns_toets(event):
            return  # a title edit of another idea: the gap view counts nothing of it
        if event.kind in ("verdict", "answer", "intervention", "reference_layer", "theme", "goal", "area"):
            self._refresh_when_seen()

    def _concerns_toets(self, event) -> bool:
        """Whether an idea's change shows here: the selected idea, or a field the gap
        view counts (the fields it declares next to its computation, gaps.IDEA_FIELDS)."""
        from workbench.analysis.gaps import counts_differently

        selected = self.context.selected_intervention()
        if selected is not None or self._gap_inputs is None:
            return True
        before, after = self._gap_inputs.get(event.uuid), event.entity
        if before is None or after is None or event.action == "removed":
            return True
        return counts_differently(before, after)

    def _refresh_when_seen(self) -> None:
        """Refresh once the edits rest and the map has shown them, when the dock is on
        screen; behind another dock tab the gap view (every idea placed in its wijken:
        0.2 s at 10,000 ideas) waits until shown."""
        self._later.request()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_("Criterium"), _("Oordeel"), _("Voorwaarde of toelichting")])
        self.answer_box.setTitle(_("Wat doen we met dit idee?"))
        for label, text in zip(self.form_labels, (_("Afhandeling"), _("Instrument"), _("Doorgegeven aan"),
                                                  _("Wie antwoordt"), _("Antwoord (B1)"))):
            label.setText(text)
        self.save.setText(_("Antwoord opslaan"))
        self.constraints_box.setTitle(_("Referentielagen die een beperking zijn"))
        self._later.now_or_when_shown()

    # -- filling -------------------------------------------------------------------------

    def refresh(self) -> None:
        self._later.done()
        self._filling = True
        try:
            self._fill()
        finally:
            self._filling = False

    def _fill(self) -> None:
        project = self.context.project
        item = self.context.selected_intervention()
        # an answer being typed: kept when a verdict or a vote refreshes the panel, saved
        # for its idea when another idea is chosen (both wiped it without a word)
        keep_form = self._answer_shown is not None and self._answer_typed() and item is not None \
            and item.uuid == self._answer_shown[0]
        if not keep_form:
            self.keep_typing()
        self._fill_constraints(project)
        enabled = item is not None and not project.read_only
        for widget in (self.table, self.answer_box):
            widget.setEnabled(enabled)
        if item is None:
            self.title.setText(_("Selecteer één idee om het te toetsen aan de omgevingsvisie."))
            self.hints.hide()
            self.gaps.setHtml(self._gaps_html(project) if project is not None else "")
            self.gaps.show()
            self.table.setRowCount(0)
            self.table.hide()
            self.answer_box.hide()
            return
        self.gaps.hide()
        self.hints.show()
        self.table.show()
        self.answer_box.show()
        self.title.setText(_("Idee {number}: {title}").format(number=item.number, title=item.title))
        self.hints.setText(self._hints_html(project, item))
        criteria = criteria_for(project.info.theme_set)
        rows = [(OVERALL, _("Eindoordeel"), _("Draagt het idee bij aan een goede inrichting van de omgeving? "
                                              "(visie L353-357)"))]
        relevant = set(idea_hints(project, item).relevant_criteria)
        # the criteria the idea's themes point at first: what a planner checks before the rest
        criteria = sorted(criteria, key=lambda c: c.key not in relevant)
        rows += [(c.key, c.label + (" \u2605" if c.key in relevant else ""), f"{c.question} ({c.seed})")
                 for c in criteria]
        self.table.setRowCount(len(rows))
        for row, (key, label, tip) in enumerate(rows):
            verdict = project.get("verdict", verdict_uuid(item.uuid, key))
            cell = QTableWidgetItem(label)
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
            cell.setToolTip(html.escape(tip))
            self.table.setItem(row, 0, cell)
            combo = QComboBox()
            combo.addItem("\u2014", None)
            for code in VERDICTS:
                combo.addItem(verdict_label(code), code)
            combo.setCurrentIndex(combo.findData(verdict.verdict) if verdict else 0)
            note = TextField((verdict.condition or verdict.reason) if verdict else "")
            note.setCursorPosition(0)  # the start of a long condition, not its end
            combo.currentIndexChanged.connect(lambda _i, k=key, c=combo, n=note: self._weigh(k, c, n))
            note.editingFinished.connect(lambda k=key, c=combo, n=note: self._weigh(k, c, n))
            self.table.setCellWidget(row, 1, combo)
            self.table.setCellWidget(row, 2, note)
        if not keep_form:
            self._fill_answer(project, item)

    def _gaps_html(self, project) -> str:
        """Without a selection: what the input covers of the visie, zeros included."""
        from workbench.analysis.gaps import gap_view, number_ranges

        view = gap_view(project)
        self._gap_inputs = {item.uuid: item for item in project.interventions()}
        e = html.escape

        def count(entry, bold=False):
            line = f"{e(entry.name)}: {entry.count}"
            line = f"<b>{line}</b>" if bold else line
            return f"<span style='color:#b00000'>{line}</span>" if entry.count == 0 else line

        parts = ["<b>" + e(_("Wat ontbreekt nog?")) + "</b>", e(_("Thema's (aantal ideeën, ook nul):"))]
        for pillar in view.pillars:
            parts.append(count(pillar, bold=True))
            parts += ["&nbsp;&nbsp;&nbsp;" + count(child) for child in pillar.children]
        if view.wijken:
            parts.append(e(_("Wijken (aantal ideeën, ook nul):")))
            parts += [count(wijk) for wijk in view.wijken]
        numbers = lambda values: number_ranges(values) or _("geen")  # noqa: E731
        parts.append(e(_("Doelen zonder idee: {goals}").format(goals="; ".join(view.unserved_goals) or _("geen"))))
        parts.append(e(_("Nog niet getoetst (eindoordeel): {numbers}").format(numbers=numbers(view.not_weighed))))
        parts.append(e(_("Nog niet beantwoord: {numbers}").format(numbers=numbers(view.not_answered))))
        parts.append(e(_("Zonder plek op de kaart: {numbers}").format(numbers=numbers(view.placeless))))
        return "<br>".join(parts)

    def _hints_html(self, project, item) -> str:
        hints = idea_hints(project, item)
        e = html.escape
        lines = [(_("Pijlers"), ", ".join(hints.pillars) or "-"), (_("Subthema's"), ", ".join(hints.sub_themes) or "-"),
                 (_("Doelen"), ", ".join(hints.goals) or "-"), (_("Wijken"), ", ".join(hints.wijken) or "-"),
                 (_("Omvang"), hints.size)]
        text = "<br>".join(f"<b>{e(label)}:</b> {e(value)}" for label, value in lines)
        for layer, labels in hints.constraints:
            text += "<br><b style='color:#b00000'>" + e(_("Beperking: {layer}").format(layer=layer)) + \
                    f"</b> {e(', '.join(labels))}"
        if hints.relevant_criteria:
            text += "<br><i>" + e(_("\u2605 = criterium dat bij de thema's van dit idee hoort")) + "</i>"
        return "<small>" + e(_("Hulp bij het toetsen (berekend, geen oordeel)")) + "</small><br>" + text

    def _fill_answer(self, project, item) -> None:
        answer = project.get("answer", answer_uuid(item.uuid))
        self.disposition.clear()
        self.disposition.addItem("\u2014", None)
        for code, label in DISPOSITION_LABELS.items():
            self.disposition.addItem(_(label), code)
        self.instrument.clear()
        self.instrument.addItem("\u2014", "")
        for instrument in instruments_for(project.info.theme_set):
            self.instrument.addItem(instrument.label, instrument.key)
            self.instrument.setItemData(self.instrument.count() - 1, instrument.seed, Qt.ItemDataRole.ToolTipRole)
        self.disposition.setCurrentIndex(self.disposition.findData(answer.disposition) if answer else 0)
        self.instrument.setCurrentIndex(max(self.instrument.findData(answer.instrument), 0) if answer else 0)
        self.referred_to.setText(answer.referred_to if answer else "")
        self.answered_by.setText(answer.answered_by if answer else "")
        self.text.setPlainText(answer.text if answer else "")
        self._answer_shown = (item.uuid, self._answer_values())
        typed = self._unsaved.pop(item.uuid, None)  # typed for it before, and not savable then
        if typed is not None:
            self.disposition.setCurrentIndex(self.disposition.findData(typed[0]))
            self.instrument.setCurrentIndex(max(self.instrument.findData(typed[1]), 0))
            self.referred_to.setText(typed[2])
            self.answered_by.setText(typed[3])
            self.text.setPlainText(typed[4])

    def _answer_values(self) -> tuple:
        return (self.disposition.currentData(), self.instrument.currentData() or "", self.referred_to.text(),
                self.answered_by.text(), self.text.toPlainText())

    def _answer_typed(self) -> bool:
        return self._answer_shown is not None and self._answer_values() != self._answer_shown[1]

    def keep_typing(self) -> bool:
        """Save an answer typed and not saved for the idea it was typed for (another idea
        chosen, the window closed). Without an afhandeling it cannot be saved: the status
        bar says so, the typing is kept for that idea (shown again when it is chosen) and
        False tells a closing window to stay open."""
        shown = self._answer_shown
        project = self.context.project
        if shown is None or project is None or project.read_only or project.get("intervention", shown[0]) is None:
            return True
        values = self._answer_values()
        if values == shown[1]:
            return True
        if values[0] is None:
            if self._unsaved.get(shown[0]) != values:  # said once, not at every refresh
                self._unsaved[shown[0]] = values
                self.context.message.emit(_("Het antwoord op idee {number} is niet opgeslagen: kies eerst wat er met "
                                            "het idee gebeurt.").format(
                                                number=project.get("intervention", shown[0]).number))
            return False
        self._answer_shown = None
        self._unsaved.pop(shown[0], None)
        return self.context.run(AnswerIdea(shown[0], values[0], values[4], instrument=values[1],
                                           referred_to=values[2], answered_by=values[3]))

    def _fill_constraints(self, project) -> None:
        self.constraints.clear()
        marked = constraint_layers(project) if project else set()
        for layer in (project.reference_layers() if project else ()):
            entry = QListWidgetItem(layer.name)
            entry.setData(Qt.ItemDataRole.UserRole, layer.uuid)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if layer.uuid in marked else Qt.CheckState.Unchecked)
            self.constraints.addItem(entry)

    # -- commands ------------------------------------------------------------------------

    def _weigh(self, key, combo, note) -> None:
        item = self.context.selected_intervention()
        if self._filling or item is None:
            return
        verdict = combo.currentData()
        text = note.text()
        current = self.context.project.get("verdict", verdict_uuid(item.uuid, key))
        if verdict is None and current is None:
            return
        if verdict == "mits" and not text.strip():
            note.setPlaceholderText(_("Onder welke voorwaarde?"))
            note.setFocus()
            return  # weighed once the condition is typed
        command = WeighIdea(item.uuid, key, verdict, reason="" if verdict == "mits" else text,
                            condition=text if verdict == "mits" else "")
        if not self.context.run(command):
            self.refresh()

    def _save_answer(self) -> None:
        item = self.context.selected_intervention()
        if item is None or self.disposition.currentData() is None:
            self.context.error.emit(_("Kies eerst wat er met het idee gebeurt."))
            return
        if self.context.run(AnswerIdea(item.uuid, self.disposition.currentData(), self.text.toPlainText(),
                                       instrument=self.instrument.currentData() or "",
                                       referred_to=self.referred_to.text(), answered_by=self.answered_by.text())):
            self._answer_shown = (item.uuid, self._answer_values())

    def _constraints_changed(self, entry) -> None:
        project = self.context.project
        if self._filling or project is None or project.read_only:
            return
        marked = {self.constraints.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.constraints.count())
                  if self.constraints.item(i).checkState() == Qt.CheckState.Checked}
        set_constraint_layers(project, marked)
        self.hints.setText(self._hints_html(project, self.context.selected_intervention())
                           if self.context.selected_intervention() else "")
