"""Dutch dialogs for errors and confirmations, and the hook that replaces tracebacks.

Static QMessageBox functions are called through this module, so tests can replace
them in one place and never block on a modal dialog.
"""

import sys
import traceback

from qtpy.QtWidgets import QApplication, QMessageBox

from workbench.i18n import _


# In batch runs (``--screenshot``) nobody is there to click a dialog away: messages go
# to stderr and questions are answered "no".
_batch = {"on": False}


def set_batch_mode(on: bool) -> None:
    _batch["on"] = bool(on)


def _safe(text: str) -> str:
    """Messages carry names users typed; Qt would render "<b>" in them as markup."""
    from qtpy.QtCore import Qt

    from workbench.ui.labels import escaped

    return escaped(text) if Qt.mightBeRichText(text) else text


def show_error(parent, text: str, title: str | None = None) -> None:
    if _batch["on"]:
        print(f"workbench: {text}", file=sys.stderr)
        return
    QMessageBox.warning(parent, title or _("Gebiedsvisie Werkbank"), _safe(text))


def show_info(parent, text: str, title: str | None = None) -> None:
    if _batch["on"]:
        print(f"workbench: {text}", file=sys.stderr)
        return
    QMessageBox.information(parent, title or _("Gebiedsvisie Werkbank"), _safe(text))


def confirm(parent, text: str, title: str | None = None) -> bool:
    if _batch["on"]:
        print(f"workbench: {text}", file=sys.stderr)
        return False
    answer = QMessageBox.question(parent, title or _("Gebiedsvisie Werkbank"), _safe(text),
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def unexpected_error_text(exc_type, exc) -> str:
    return _("Er ging iets onverwachts mis ({kind}: {error}).\n\nUw werk is bewaard tot en met de laatste "
             "gelukte handeling. Meld dit aan de ontwikkelaars als het vaker gebeurt.").format(
        kind=exc_type.__name__, error=str(exc)[:300])


def install_excepthook() -> None:
    """Show a Dutch dialog instead of a traceback for anything unexpected.

    The traceback still goes to stderr, for the developers; the user sees a sentence.
    """
    from workbench.errors import WorkbenchError

    showing = {"now": False}

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if isinstance(exc, WorkbenchError):  # already a message for the user
            text = str(exc)
        else:
            traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
            text = unexpected_error_text(exc_type, exc)
        # One dialog at a time: an error that repeats (say, while painting) must not
        # stack up dialogs faster than they can be closed.
        if QApplication.instance() is not None and not showing["now"]:
            showing["now"] = True
            try:
                show_error(QApplication.activeWindow(), text)
            finally:
                showing["now"] = False

    sys.excepthook = hook
