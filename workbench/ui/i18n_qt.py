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


_qt_translator = {"current": None, "fallback": None, "following": False}


def _mnemonic_fallback(base):
    """A translator for the Qt texts whose source gained a mnemonic ("&Look in:",
    "Files of &type:") while Qt's Dutch catalogue still has them without: it looks the
    text up without the "&" and puts the mnemonic on the first letter. Without it the
    file dialogs were half English."""
    from qtpy.QtCore import QTranslator

    class MnemonicFallback(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            # None, not "": Qt takes an empty (non-null) string as the translation
            if not source or "&" not in source:
                return None
            found = base.translate(context, source.replace("&", ""), disambiguation, n)
            return f"&{found}" if found else None

        def isEmpty(self) -> bool:
            return False

    return MnemonicFallback(base.parent())


def install_qt_translator() -> None:
    """Qt's own texts (OK/Annuleren on standard buttons, context menus of text fields)
    in the active language, from the translations PySide6 ships."""
    from qtpy.QtCore import QCoreApplication, QLibraryInfo, QTranslator

    app = QCoreApplication.instance()
    if app is None:
        return
    for key in ("current", "fallback"):
        if _qt_translator[key] is not None:
            app.removeTranslator(_qt_translator[key])
            _qt_translator[key] = None
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{i18n.language()}", folder):
        app.installTranslator(translator)
        _qt_translator["current"] = translator
        if i18n.language() != "en":  # English needs no catalogue: the sources are English
            _qt_translator["fallback"] = _mnemonic_fallback(translator)
            app.installTranslator(_qt_translator["fallback"])


def follow_language_with_qt() -> None:
    """Install Qt's translator now and after every language switch."""
    install_qt_translator()
    if not _qt_translator["following"]:
        _qt_translator["following"] = True
        language_signal().changed.connect(install_qt_translator)
