"""Combo boxes filled from the project (themes, sessions, interventions), kept current."""

import bisect

from qtpy.QtGui import QColor, QIcon, QPixmap
from qtpy.QtWidgets import QComboBox

from workbench.ui.labels import intervention_label, short


def color_icon(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class EntityCombo(QComboBox):
    """A combo of one kind of entity with a first "none/all" entry (data None).

    ``kind`` is "theme", "session", "intervention" or "goal". It refills itself when
    that kind changes and keeps the chosen uuid when it still exists.
    """

    def __init__(self, context, kind: str, none_text_fn, parent=None):
        super().__init__(parent)
        self.context, self.kind, self.none_text_fn = context, kind, none_text_fn
        self.setMinimumContentsLength(12)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        context.changed.connect(self._on_changed)
        context.on_project(self.refill)

    def _on_changed(self, event) -> None:
        if event.kind != self.kind:
            return
        if self.kind == "intervention" and event.action in ("added", "changed", "removed"):
            self._update_idea(event)  # one entry: no refill of (possibly) 10,000 entries
        else:
            self.refill()  # sessions and goals may reorder

    def _update_idea(self, event) -> None:
        """One idea added, edited or deleted: its entry alone, at its place by number,
        exactly where a refill would put it (also midway through a batch of events)."""
        current = self.currentData()
        first = int(self.none_text_fn is not None)
        self.blockSignals(True)
        index = self.findData(event.uuid)
        if index >= first:
            self.removeItem(index)
            del self._numbers[index - first]
        if event.action != "removed":
            place = bisect.bisect_left(self._numbers, event.entity.number)
            self._numbers.insert(place, event.entity.number)
            self.insertItem(place + first, self._text(event.entity), event.uuid)
        index = self.findData(current) if current is not None else 0
        self.setCurrentIndex(max(0, index))
        self.blockSignals(False)
        if self.currentData() != current:
            self.currentIndexChanged.emit(self.currentIndex())

    def _entities(self):
        project = self.context.project
        if project is None:
            return []
        return {"theme": project.themes, "session": project.sessions, "intervention": project.interventions,
                "goal": project.goals}[self.kind]()

    def _text(self, entity) -> str:
        if self.kind == "intervention":
            return intervention_label(entity, 80)
        if self.kind == "session":
            return short(f"{entity.title} ({entity.date})" if entity.date else entity.title, 80)
        return short(getattr(entity, "name", None) or entity.title, 80)

    def refill(self) -> None:
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        if self.none_text_fn is not None:
            self.addItem(self.none_text_fn(), None)
        entities = self._entities()
        self._numbers = [entity.number for entity in entities] if self.kind == "intervention" else []
        for entity in entities:
            if self.kind == "theme":
                self.addItem(color_icon(entity.color), self._text(entity), entity.uuid)
            else:
                self.addItem(self._text(entity), entity.uuid)
        index = self.findData(current) if current is not None else 0
        self.setCurrentIndex(max(0, index))
        self.blockSignals(False)
        if self.currentData() != current:
            self.currentIndexChanged.emit(self.currentIndex())

    def set_uuid(self, uuid) -> None:
        index = self.findData(uuid) if uuid else (0 if self.none_text_fn else -1)
        self.setCurrentIndex(max(0, index))

    def retranslate(self) -> None:
        if self.none_text_fn is not None and self.count():
            self.setItemText(0, self.none_text_fn())
