"""The first thing a new user sees: start a new project, open one, or look at an
example, instead of landing in the Heerlerheide sample with 22 ideas and nothing that
says it is an example. And, whenever the sample is open, a band over the map that says
so, with a button for a project of one's own."""

from qtpy.QtCore import Qt
from qtpy.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout

from workbench.i18n import _

BUTTON_STYLE = "QPushButton { font-size: 18px; padding: 14px 24px; text-align: left; }"


class StartScreen(QDialog):
    """Three big choices; ``choice`` is "new", "open", "example" or None."""

    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.choice = None
        self.setWindowTitle(_("Welkom bij de Gebiedsvisie Werkbank"))
        intro = QLabel(_("Leg ideeën van bewoners vast op de kaart, gelabeld met de thema's van de "
                         "omgevingsvisie. Alles wordt meteen bewaard in één projectbestand."))
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.buttons = {}
        for key, text in (("new", _("Nieuw project…  (voor uw eigen avond)")),
                          ("open", _("Project openen…")),
                          ("example", _("Voorbeeld bekijken  (Heerlerheide, om te oefenen)"))):
            button = QPushButton(text)
            button.setStyleSheet(BUTTON_STYLE)
            button.clicked.connect(lambda _c=False, k=key: self.choose(k))
            layout.addWidget(button)
            self.buttons[key] = button
        self.buttons["new"].setDefault(True)
        self.resize(520, 300)

    def choose(self, key: str) -> None:
        self.choice = key
        self.accept()
        window = self.window_
        if key == "new":
            window.new_project()
        elif key == "open":
            window.open_dialog()
        else:
            from workbench.ui.app import ensure_sample

            window.open_path(ensure_sample())


class SampleBanner(QLabel):
    """Over the top of the map while a bundled sample is open."""

    def __init__(self, window):
        super().__init__(window.map_view)
        self.window_ = window
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setStyleSheet("background: #fff3bf; color: #1b1b1b; border: 2px solid #b08900; "
                           "padding: 6px 12px; font-size: 15px;")
        self.linkActivated.connect(lambda _link: window.new_project())
        window.map_view.installEventFilter(self)  # as wide as the map allows, once it has its size
        window.context.changed.connect(lambda event: event.kind == "info" and self.refresh())
        self.hide()
        window.context.on_project(self.refresh)

    def eventFilter(self, watched, event) -> bool:
        from qtpy.QtCore import QEvent

        if event.type() == QEvent.Type.Resize and not self.isHidden():
            self.refresh()
        return False

    def refresh(self) -> None:
        from workbench.io.sample_identity import is_sample  # not io.samples: that builds them

        project = self.window_.context.project
        if project is None or not is_sample(project.info):
            self.hide()
            return
        self.setText(_("Dit is een <b>voorbeeldproject</b> om te oefenen. Voor een echte avond: "
                       "<a href='new'>maak een nieuw project</a>."))
        width = max(200, min(640, self.window_.map_view.width() - 24))
        self.ensurePolished()  # the style sheet's font first
        from qtpy.QtGui import QTextDocument

        text = QTextDocument()  # QLabel's own height-for-width left half the band empty
        text.setDefaultFont(self.font())
        text.setHtml(self.text())
        text.setTextWidth(width - 2 * (12 + 2))  # padding and border of the style sheet
        self.setFixedSize(width, int(text.size().height()) + 2 * (6 + 2))
        self.move(12, 12)
        self.show()
        self.raise_()


def wants_start_screen(requested_path, screenshot) -> bool:
    """The very first start (no project asked for, none opened before)."""
    from workbench.ui import settings

    # recent_files() only reads the settings: whether those files still exist is asked
    # in a worker thread (a share that does not answer must not block the start)
    return not requested_path and not screenshot and not settings.recent_files()
