"""``workbench [PATH] [--screenshot OUT.png] [--taal en] [--presentatie]``: the desktop app.

Without PATH it opens the last project, or on the very first start shows the start
screen (new project, open, or the bundled Heerlerheide example, built into the user's
data folder when chosen).
"""

import sys
from pathlib import Path

from workbench.i18n import _

SCREENSHOT_TIMEOUT_MS = 20000


def parse_args(argv):
    from workbench.cli import DutchArgumentParser

    from workbench import __version__

    parser = DutchArgumentParser(prog="workbench", description=_("Gebiedsvisie Werkbank"))
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    parser.add_argument("path", nargs="?")
    parser.add_argument("--screenshot", metavar="OUT.png")
    parser.add_argument("--taal", "--language", dest="language", choices=["nl", "en"])
    parser.add_argument("--presentatie", "--presentation", dest="presentation", action="store_true")
    return parser.parse_args(list(argv))


def load_before_qt() -> None:
    """Import the libraries without Qt that the first map needs, before Qt itself.

    PySide6 replaces ``__import__`` with a hook that reads the source of every module
    imported after it (looking for "PySide6", to decide on its ``__feature__`` switches).
    For numpy's and shapely's hundred-odd modules, and the store and core model behind
    the project file, that was 25-45 ms of every start (issue 14). None of them uses
    Qt; imported first, the modules that only they import are never read (one that a
    later module names, such as ``numpy`` itself, still is, once). The bare-window floor
    of the start-up benchmark imports numpy and shapely first too."""
    import shapely.geometry  # noqa: F401  (numpy with it)

    import workbench.core.commands  # noqa: F401
    import workbench.store  # noqa: F401  (opening the project file, the core model)


def application():
    load_before_qt()  # first: see there
    from qtpy.QtGui import QIcon
    from qtpy.QtWidgets import QApplication

    from workbench.paths import resource
    from workbench.ui.settings import APPLICATION, ORGANISATION

    if sys.platform == "win32":  # pragma: no cover - the taskbar groups our windows under our icon
        import ctypes

        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID("Gebiedsvisie.Werkbank")
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "workbench"])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(_("Gebiedsvisie Werkbank"))
    app.setWindowIcon(QIcon(str(resource("icons", "app.png"))))
    return app


def sample_path() -> Path:
    """Where the first-start sample lives: the per-user, per-machine data folder (on
    Windows under %LOCALAPPDATA%, not the roaming %APPDATA% that is synced at log-on)."""
    from workbench.locations import local_data_folder
    from workbench.ui.settings import APPLICATION, ORGANISATION

    return local_data_folder(ORGANISATION, APPLICATION) / "heerlerheide.gpkg"


def ensure_sample() -> Path:
    from workbench.io.samples import write_sample

    path = sample_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_sample("heerlerheide", path)  # whole or not at all: a failed start is retried next time
    return path


def startup_path(requested):
    from workbench.ui import settings

    if requested:
        return Path(requested)
    return Path(settings.last_project() or ensure_sample())


def _save_screenshot(window, out) -> bool:
    """Through the guarded writer, like every output: never over the open project."""
    from workbench.canvas.export_png import png_bytes
    from workbench.errors import WorkbenchError
    from workbench.io.output import write_bytes

    project = window.context.project
    try:
        write_bytes(out, png_bytes(window.grab().toImage()), project.path if project is not None else None)
    except WorkbenchError as error:
        print(f"workbench: {error}", file=sys.stderr)
        return False
    return True


def take_screenshot(window, out, done) -> None:
    """Save the whole window once the map has painted, then call ``done(ok)``."""
    from qtpy.QtCore import QTimer

    state = {"taken": False}

    def shoot():
        if state["taken"]:
            return
        state["taken"] = True
        window.repaint()
        done(_save_screenshot(window, out))

    def painted():
        # one more turn of the event loop so labels thinned after the first paint show
        QTimer.singleShot(400, shoot)

    if window.map_view.is_painted():
        painted()
    else:
        window.map_view.painted.connect(painted)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, shoot)


def _report_before_window(message: str) -> None:
    """A usage error: on the console, or, in the windowed program (no console), in a
    message box instead of an unhandled-exception dialog."""
    if sys.stderr is not None:
        print(f"workbench: {message}", file=sys.stderr)
        return
    from qtpy.QtWidgets import QMessageBox  # pragma: no cover - windowed Windows program only

    application()
    QMessageBox.critical(None, _("Gebiedsvisie Werkbank"), message)


def main(argv=None) -> int:
    from workbench import i18n
    from workbench.errors import WorkbenchError

    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
    except WorkbenchError as error:
        _report_before_window(str(error))
        return 2
    load_before_qt()  # before the first import of Qt (settings, messages): see there
    from workbench.ui import settings
    from workbench.ui.messages import install_excepthook, set_batch_mode, show_error

    from workbench.ui.platform_check import platform_problem

    problem = platform_problem()
    if problem is not None:  # before Qt aborts with "could not load the Qt platform plugin xcb"
        i18n.set_language(args.language or "nl")
        print(f"workbench: {platform_problem()}", file=sys.stderr)
        return 2
    app = application()
    if not args.screenshot:
        from workbench.ui.single_instance import hand_over

        if hand_over(args.path):  # an app runs already: it opens the path
            return 0
    install_excepthook()
    set_batch_mode(bool(args.screenshot))
    i18n.set_language(args.language or settings.saved_language())

    from workbench.ui.main_window import MainWindow

    from workbench.ui.start_screen import StartScreen, wants_start_screen

    window = MainWindow()
    first_start = wants_start_screen(args.path, args.screenshot)
    if not args.screenshot:
        from workbench.ui.single_instance import InstanceServer

        window.instance_server = InstanceServer(window)  # later starts hand their path over
    try:
        # only the screenshot opens right away; a first start shows the start screen
        path = startup_path(args.path) if args.screenshot else None
    except (WorkbenchError, OSError) as error:
        show_error(window, _("Het voorbeeldproject kan niet worden gemaakt: {error}").format(error=error))
        path = None
    if path is not None and args.screenshot:
        window.open_path(path)  # a batch run: nobody waits for the window
    window.show()
    if first_start:  # new project, open one, or look at the example: the user chooses
        window._keep(StartScreen(window))
    elif not args.screenshot:
        from workbench.ui.startup import open_when_reachable

        # the window first: the last project may be on a share that does not answer, so
        # even whether it exists is asked in a worker thread
        recent = settings.recent_files()
        if args.path:
            window.startup_open = open_when_reachable(window, args.path)
        else:
            window.startup_open = open_when_reachable(window, recent[0], recent[1:], ensure_sample)
    if args.presentation:
        window.presentation.enter()
    if args.screenshot:
        result = {"ok": False}

        def done(ok):
            result["ok"] = ok
            window.close()
            app.quit()

        take_screenshot(window, Path(args.screenshot), done)
        app.exec()
        if not result["ok"]:
            print(_("workbench: schermafbeelding kon niet worden bewaard in {path}.").format(path=args.screenshot),
                  file=sys.stderr)
            return 2
        return 0
    return app.exec()
