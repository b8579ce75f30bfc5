"""User-facing errors.

Every error a user can cause carries a message that is already translated (Dutch by
default) and fit to show as-is: one line in the CLI, a dialog in the app.
"""


class WorkbenchError(Exception):
    """An error whose ``str()`` is a complete message for the user."""


class ProjectFileError(WorkbenchError):
    """The file cannot be used as a project (not a GeoPackage, damaged, too new...)."""


class ProjectInUseError(WorkbenchError):
    """Another process has the project open for writing."""


class ValidationError(WorkbenchError):
    """Input that a command refuses; nothing was changed."""
