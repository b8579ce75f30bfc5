"""The desktop app (Qt): main window, docks, dialogs. Entry point: ``app.main(argv)``.

How the pieces fit:

- ``context.ProjectContext`` is the Qt adapter of the open project: it turns the core's
  plain-Python events into the ``changed`` signal, holds the shared view state
  (selection, session filter) and runs commands (``run``), turning a refused command
  into a Dutch message. The model itself never becomes a QObject.
- Every panel takes the context, mirrors the model in a ``refresh``/``load`` when
  ``changed`` fires, and changes it only through core commands (one undo step each).
- Every widget sets its texts in ``retranslate``; ``i18n_qt.connect_retranslate`` calls it
  again after a language switch, so switching loses nothing.
- ``main_window.MainWindow`` puts the canvas's ``MapView`` in the centre and the panels in
  docks; ``actions`` builds menus, toolbars and shortcuts; ``quick_capture`` and
  ``presentation`` serve the room; ``wizard`` makes new projects; ``opening`` and
  ``messages`` turn errors into Dutch dialogs (``messages.install_excepthook`` for the rest).
- Settings between runs (recent files, window layout, language) live in ``settings``.
"""
