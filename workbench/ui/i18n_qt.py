"""The language switch as a Qt signal, so widgets re-translate and Qt disconnects them
when they are destroyed (``workbench.i18n`` keeps plain listeners forever)."""

from qtpy.QtCore import QObject, Signal

from workbench import i18n


class _LanguageSignal(QObject):
    changed = Signal()


_signal = None


def language_signal() -> _LanguageSignal:
    global _signal
    if _signal is None:
        _signal = _LanguageSignal()
        i18n.on_language_changed(lambda _language: _signal.changed.emit())
    return _signal


def connect_retranslate(widget) -> None:
    """Call ``widget.retranslate()`` now and after every language switch.

    A bound method of a QObject is connected, so Qt drops the connection when the
    widget is destroyed.
    """
    language_signal().changed.connect(widget.retranslate)
    widget.retranslate()
