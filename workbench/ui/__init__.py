"""The desktop app (Qt): main window, docks, dialogs; entry point ``app.main``."""
