"""When another program holds the file an export or "Opslaan als" would replace (a PDF
open in Acrobat, a CSV in Excel, a GeoPackage in QGIS: on Windows it cannot be replaced
then), offer a save dialog with a free name such as ``handout (2).pdf`` instead of only
an error."""

from qtpy.QtWidgets import QFileDialog

from workbench.filenames import numbered_alternative
from workbench.i18n import _


def ask_other_name(parent, error, file_filter: str):
    """The name the user chose instead of ``error.path`` (a FileInUseError), or None."""
    suggestion = numbered_alternative(error.path)
    caption = _("{name} is in gebruik door een ander programma; kies een andere naam").format(name=error.path.name)
    path, _filter = QFileDialog.getSaveFileName(parent, caption, str(suggestion), file_filter)
    if not path:
        return None
    suffix = error.path.suffix
    return path if not suffix or path.lower().endswith(suffix.lower()) else path + suffix
