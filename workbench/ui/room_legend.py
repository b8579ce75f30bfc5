"""The legend the back row reads in presentation mode: a panel on the right of the map
with the selected idea large (number, title, theme, votes), the numbered list of ideas
with their titles (paged when it does not fit; PageUp/PageDown or the arrows), and the
themes in use with their colours. The map itself only has room for numbers."""

import html

from qtpy.QtCore import Qt
from qtpy.QtGui import QAction, QKeySequence
from qtpy.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout

from workbench.i18n import _
from workbench.ui.i18n_qt import connect_retranslate

FONT_PX = 20          # list rows and legend, readable at ten metres on a projector
CARD_TITLE_PX = 28
THEME_PX = 16         # the theme legend: shorter, it is read once
WIDTH_SHARE = 0.3     # of the map's width, at most MAX_WIDTH pixels
MAX_WIDTH = 480


def _disc(colour: str, size: int) -> str:
    return (f'<span style="color:{html.escape(colour)}; font-size:{size}px;">&#9679;</span>')


class RoomLegend(QFrame):
    """A child of the map view, shown only in presentation mode."""

    def __init__(self, context, map_view):
        super().__init__(map_view)
        self.context, self.map_view = context, map_view
        self.page = 0
        self.setObjectName("room_legend")
        self.setStyleSheet(f"#room_legend {{ background: rgba(255, 255, 255, 235); border-left: 2px solid #1b1b1b; }}"
                           f" QLabel {{ color: #1b1b1b; font-size: {FONT_PX}px; }}"
                           f" QLabel#room_themes {{ font-size: {THEME_PX}px; }}")
        self.card, self.rows, self.themes, self.page_label = QLabel(), QLabel(), QLabel(), QLabel()
        for label in (self.card, self.rows, self.themes):
            label.setTextFormat(Qt.TextFormat.RichText)  # every user text is escaped below
            label.setWordWrap(label is self.card)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.themes.setObjectName("room_themes")
        self.previous, self.next = QToolButton(), QToolButton()
        for button, step in ((self.previous, -1), (self.next, 1)):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet(f"font-size: {FONT_PX}px; min-width: 40px;")
            button.clicked.connect(lambda _c=False, s=step: self.turn(s))
        self.previous.setText("◀")
        self.next.setText("▶")
        pager = QHBoxLayout()
        pager.addWidget(self.previous)
        pager.addWidget(self.page_label, 1, Qt.AlignmentFlag.AlignCenter)
        pager.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.card)
        layout.addWidget(self.rows, 1)
        layout.addLayout(pager)
        layout.addWidget(self.themes)
        for key, step in ((Qt.Key.Key_PageDown, 1), (Qt.Key.Key_PageUp, -1)):
            action = QAction(map_view)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _c=False, s=step: self.isVisible() and self.turn(s))
            map_view.addAction(action)
        context.selectionChanged.connect(lambda _u: self.refresh())
        context.changed.connect(lambda event: self.isVisible() and self.refresh())
        map_view.installEventFilter(self)  # follow the map's size (full screen settles late)
        connect_retranslate(self)
        self.hide()
        context.on_project(self.refresh)  # hidden: refreshes once shown

    def eventFilter(self, watched, event) -> bool:
        from qtpy.QtCore import QEvent

        if watched is self.map_view and event.type() == QEvent.Type.Resize and self.isVisible():
            self.place()
            self.refresh()
        return False

    def retranslate(self) -> None:
        self.previous.setToolTip(_("Vorige bladzijde (PageUp)"))
        self.next.setToolTip(_("Volgende bladzijde (PageDown)"))
        self.refresh()

    # -- placing -------------------------------------------------------------------

    def show_over(self) -> None:
        self.place()
        self.show()
        self.raise_()
        self.refresh()

    def place(self) -> None:
        view = self.map_view
        width = min(MAX_WIDTH, int(view.width() * WIDTH_SHARE))
        # the map's viewport ends where the legend starts: nothing of the map hides
        # under it, and zooming to the area fits the part the room can see
        if view.viewportMargins().right() != width:
            centre = view.mapToScene(view.viewport().rect().center())
            view.setViewportMargins(0, 0, width, 0)
            view.centerOn(centre)  # what was in the middle stays in the middle of what is seen
        self.setGeometry(view.width() - width, 0, width, view.height())

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        view = self.map_view
        centre = view.mapToScene(view.viewport().rect().center())
        view.setViewportMargins(0, 0, 0, 0)
        view.centerOn(centre)

    def rows_per_page(self) -> int:
        """How many list rows fit below the card, above the pager and the themes."""
        line = self.rows.fontMetrics().lineSpacing()
        if self.rows.isVisible() and self.rows.height() > line:  # laid out: the room it got
            return max(3, self.rows.contentsRect().height() // line)
        used = self.card.sizeHint().height() + self.themes.sizeHint().height() + 3 * line + 40
        return max(3, (self.height() - used) // line)

    def turn(self, step: int) -> None:
        self.page = max(0, min(self.pages() - 1, self.page + step))
        self.refresh()

    def pages(self) -> int:
        count = len(self.context.project.interventions()) if self.context.project else 0
        return max(1, -(-count // self.rows_per_page()))

    # -- content -----------------------------------------------------------------------

    def refresh(self) -> None:
        project = self.context.project
        if project is None or not self.isVisible():
            return
        self.card.setText(self._card(project))
        items = sorted(project.interventions(), key=lambda i: i.number)
        per_page = self.rows_per_page()
        selected = self.context.selected_intervention()
        if selected is not None and selected in items:  # the page that shows the selected idea
            self.page = items.index(selected) // per_page
        self.page = max(0, min(self.page, self.pages() - 1))
        shown = items[self.page * per_page:(self.page + 1) * per_page]
        rows = []
        self.rows.ensurePolished()
        self.themes.ensurePolished()
        metrics = self.rows.fontMetrics()
        room = max(80, self.width() - 32 - metrics.horizontalAdvance("● 000  "))
        for item in shown:
            # one line per idea, so that a page holds what rows_per_page counted
            title = html.escape(metrics.elidedText(item.title, Qt.TextElideMode.ElideRight, room))
            if selected is not None and item.uuid == selected.uuid:
                title = f"<b><u>{title}</u></b>"
            rows.append(f"{_disc(project.primary_color(item), FONT_PX)} <b>{item.number}</b>&nbsp; {title}")
        self.rows.setText("<br>".join(rows) or html.escape(_("Nog geen ideeën.")))
        self.page_label.setText(_("Blad {page} van {pages}").format(page=self.page + 1, pages=self.pages()))
        for widget in (self.previous, self.next, self.page_label):
            widget.setVisible(self.pages() > 1)
        used = {item.primary_theme_uuid for item in items}
        themes = [t for t in project.themes() if t.uuid in used]
        small = self.themes.fontMetrics()
        self.themes.setText("<br>".join(
            f"{_disc(t.color, FONT_PX)} {html.escape(small.elidedText(t.name, Qt.TextElideMode.ElideRight, room))}"
            for t in themes))

    def _card(self, project) -> str:
        item = self.context.selected_intervention()
        if item is None:
            return html.escape(_("Klik op een idee om het hier groot te zien."))
        theme = project.get("theme", item.primary_theme_uuid) if item.primary_theme_uuid else None
        session = project.current_session_uuid
        votes = project.votes(item.uuid, session) if session else project.votes(item.uuid)
        theme_line = f"{_disc(theme.color, CARD_TITLE_PX)} {html.escape(theme.name)}" if theme else ""
        return (f'<div style="font-size:{CARD_TITLE_PX}px;"><b>{item.number}. {html.escape(item.title)}</b></div>'
                f"<div>{theme_line}</div>"
                f"<div><b>{html.escape(_('Stemmen: {count}').format(count=votes))}</b></div><hr>")
