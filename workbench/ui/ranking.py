"""The ranking of dot votes: bars per idea and per theme, for one session or overall."""

from qtpy.QtCore import QRectF, QSize, Qt
from qtpy.QtGui import QColor, QFont, QFontMetrics, QPainter
from qtpy.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout,
                            QWidget)

from workbench.analysis import ranking
from workbench.i18n import _
from workbench.style import UNTHEMED
from workbench.ui.deferred import Deferred
from workbench.ui.i18n_qt import connect_retranslate
from workbench.ui.labels import intervention_label

ROW_HEIGHT = 26


class BarChart(QWidget):
    """Horizontal bars: label on the left, a bar in the theme colour, the count after it.

    ``rows`` are (label, count, colour). Painted directly: a few dozen rows, no need for
    a chart library, and it reads well on a projector.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows = []
        self.empty_text = ""
        self._by_length, self._top = [], 1
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def row_height(self) -> int:
        """Rows grow with the font, so the big version reads from the back of the room."""
        return max(ROW_HEIGHT, QFontMetrics(self.font()).height() + 10)

    def set_rows(self, rows, empty_text="") -> None:
        self.rows = list(rows)
        self.empty_text = empty_text
        # longest text first: the label column is found from the first few (see _label_width)
        self._by_length = sorted((row[0] for row in self.rows), key=len, reverse=True)
        self._top = max((row[1] for row in self.rows), default=0) or 1
        self.setFixedHeight(max(1, len(self.rows)) * self.row_height() + 8)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(360, self.height())

    def _label_width(self, metrics, width) -> int:
        """The label column: the widest label, at most 55 % of the chart. With 9,000
        ideas measuring every label on each paint held the window for a third of a
        second; a label that reaches the cap settles it, and the longest come first."""
        cap = int(width * 0.55)
        widest = 0
        for text in self._by_length:
            widest = max(widest, metrics.horizontalAdvance(text))
            if widest + 8 >= cap:
                return cap
        return widest + 8

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        metrics = QFontMetrics(font)
        if not self.rows:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        width = self.width()
        label_width = self._label_width(metrics, width)
        count_width = metrics.horizontalAdvance("0000") + 8
        bar_space = max(10, width - label_width - count_width - 8)
        top = self._top
        row_height = self.row_height()
        right = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
        left = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        text_color = self.palette().text().color()
        # only the rows in the part to paint: a scroll area shows a few dozen of thousands
        area = event.rect()
        first = max(0, (area.top() - 4) // row_height)
        last = min(len(self.rows), (area.bottom() - 4) // row_height + 1)
        for index in range(first, last):
            label, count, color = self.rows[index]
            y = 4 + index * row_height
            painter.setPen(text_color)
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.drawText(QRectF(0, y, label_width - 8, row_height - 4), right, text)
            bar = bar_space * count / top
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(color))
            painter.drawRoundedRect(QRectF(label_width, y + 3, max(bar, 2), row_height - 10), 3, 3)
            painter.setPen(text_color)
            painter.drawText(QRectF(label_width + bar + 6, y, count_width, row_height - 4), left, str(count))


class RankingPanel(QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.scope = QComboBox()
        self.scope_label = QLabel()
        self.items_title, self.themes_title = QLabel(), QLabel()
        for label in (self.items_title, self.themes_title):
            label.setStyleSheet("font-weight: bold;")
        self.items_chart, self.themes_chart = BarChart(), BarChart()
        self.total = QLabel()
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addWidget(self.total)
        inner.addWidget(self.items_title)
        inner.addWidget(self.items_chart)
        inner.addWidget(self.themes_title)
        inner.addWidget(self.themes_chart)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        # the combo may shrink (its list still shows the whole names): this dock's
        # minimum width set the map's share of a 1366-pixel laptop
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scope.setMinimumContentsLength(6)
        top = QHBoxLayout()
        top.addWidget(self.scope_label)
        top.addWidget(self.scope, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.big_button = QPushButton()
        self.big_button.clicked.connect(self.show_big)
        top.addWidget(self.big_button)
        self.big = None
        self._labels = {}  # uuid -> (the idea, its label) as the last refresh showed it
        self._later = Deferred(self, self.refresh)
        self.scope.activated.connect(lambda _i: self.refresh())
        context.changed.connect(self._on_changed)
        connect_retranslate(self)
        # another project: the sessions to choose from at once, the bars when on screen
        # (behind another dock tab ranking 10,000 ideas waits until its tab is chosen)
        context.on_project(self.retranslate)

    def _on_changed(self, event) -> None:
        if event.kind in ("session", "session_current"):
            self._fill_scope()
        if event.kind in ("vote", "intervention", "theme", "session", "session_current"):
            # after the map shows the change; behind another dock tab: once it is shown
            self._later.request()

    def show_big(self):
        """The ranking in its own large window, for the projector."""
        if self.big is None:
            # a child made a window: it closes with the main window
            self.big = RankingPanel(self.context, self)
            self.big.setWindowFlag(Qt.WindowType.Window)
            self.big.setStyleSheet("QWidget { font-size: 22px; }")
            self.big.big_button.hide()
            size = QSize(1100, 800)
            screen = self.screen()
            if screen is not None:  # a 1366x768 laptop: the bottom rows must not be below the screen
                available = screen.availableGeometry().size()
                size = size.boundedTo(QSize(available.width() - 16, available.height() - 40))
            self.big.resize(size)
        self.big.set_scope(self.scope.currentData())
        self.big.setWindowTitle(_("Ranglijst"))
        self.big.show()
        self.big.raise_()
        return self.big

    def retranslate(self) -> None:
        if self.parent() is not None and self.isWindow():  # the large one on the projector
            self.setWindowTitle(_("Ranglijst"))
        self.big_button.setText(_("Groot tonen"))
        self.big_button.setToolTip(_("De ranglijst in een eigen, groot venster, voor de beamer"))
        self.scope_label.setText(_("Stemmen van:"))
        self.items_title.setText(_("Per idee"))
        self.themes_title.setText(_("Per thema (hoofdthema)"))
        self._fill_scope()
        self._later.now_or_when_shown()

    def _fill_scope(self) -> None:
        """"Huidige bijeenkomst", "Alle bijeenkomsten", then each session by name."""
        current = self.scope.currentData()
        self.scope.clear()
        self.scope.addItem(_("Huidige bijeenkomst"), "current")
        self.scope.addItem(_("Alle bijeenkomsten"), "all")
        for session in (self.context.project.sessions() if self.context.project else []):
            self.scope.addItem(session.title, session.uuid)
        self.scope.setCurrentIndex(max(0, self.scope.findData(current)))

    def set_scope(self, scope) -> None:
        """"current", "all" or a session uuid."""
        self.scope.setCurrentIndex(max(0, self.scope.findData(scope)))
        self.refresh()

    def session_uuid(self):
        scope = self.scope.currentData()
        if scope == "current":
            return self.context.project.current_session_uuid if self.context.project else None
        return None if scope == "all" else scope

    def _rows(self, project, ranked) -> list:
        """(label, votes, colour) per idea with votes. The label of an idea that did not
        change since the last refresh is reused (an entity is a new object when edited):
        at 10,000 ideas making every label again was half of each refresh."""
        colors = {theme.uuid: theme.color for theme in project.themes()}
        labels, rows = {}, []
        for item, votes in ranked:
            if votes > 0:
                known = self._labels.get(item.uuid)
                label = known[1] if known is not None and known[0] is item else intervention_label(item)
                labels[item.uuid] = (item, label)
                rows.append((label, votes, colors.get(item.primary_theme_uuid, UNTHEMED)))
        self._labels = labels
        return rows

    def refresh(self) -> None:
        self._later.done()
        project = self.context.project
        if project is None:  # closed: no bars of the project that was open
            self.total.setText("")
            self.items_chart.set_rows([])
            self.themes_chart.set_rows([])
            return
        scope = self.scope.currentData()
        session = self.session_uuid()
        if scope == "current" and session is None:
            self.total.setText(_("Er is geen huidige bijeenkomst; kies er een of bekijk alle bijeenkomsten."))
            self.items_chart.set_rows([], _("Nog geen stemmen"))
            self.themes_chart.set_rows([], _("Nog geen stemmen"))
            return
        ranked = ranking.by_intervention(project, session)
        items = self._rows(project, ranked)
        themes = [(theme.name, votes, theme.color) for theme, votes in ranking.by_theme(project, session)]
        unthemed = sum(v for item, v in ranked if not item.primary_theme_uuid)
        if unthemed:
            themes.append((_("(geen thema)"), unthemed, UNTHEMED))
        total = sum(row[1] for row in items)
        self.total.setText(_("{total} stemmen op {count} ideeën").format(total=total, count=len(items)))
        self.items_chart.set_rows(items, _("Nog geen stemmen"))
        self.themes_chart.set_rows(themes, _("Nog geen stemmen"))
