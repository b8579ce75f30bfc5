"""Help menu: the shortcut overview and the about box."""

from workbench.i18n import _
from workbench.ui.messages import show_info


class WindowHelp:
    """Mixed into :class:`MainWindow`: Help > Sneltoetsen and Over."""

    def shortcut_lines(self) -> list:
        """"Ctrl+Z  Ongedaan maken", ... for every action with a key, plus the map's keys."""
        from qtpy.QtGui import QKeySequence

        lines = []
        for action in self.actions_.a.values():  # the map modes are in there too
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())
            if keys:
                lines.append(f"{keys}\t{action.text().split(chr(9))[0].replace('&', '').split(':')[0]}")
        lines += [f"Enter\t{_('Lijn of vlak afronden')}", f"Esc\t{_('Tekening annuleren')}",
                  f"1 – 9\t{_('Themakleur kiezen (op de kaart)')}", f"+ / −\t{_('In- en uitzoomen')}",
                  f"{_('Dubbelklik op een cirkel met een aantal')}\t{_('Inzoomen op die ideeën')}"]
        return lines

    def show_shortcuts(self) -> None:
        import html

        from qtpy.QtWidgets import QMessageBox

        rows = "".join("<tr><td><b>{}</b></td><td>&nbsp;&nbsp;{}</td></tr>".format(
            *(html.escape(part) for part in line.split("\t", 1))) for line in self.shortcut_lines())
        QMessageBox.information(self, _("Sneltoetsen"), f"<table>{rows}</table>")

    def about(self) -> None:
        from workbench import __version__

        show_info(self, _("Gebiedsvisie Werkbank {version}\n\nIdeeën van bewoners op de kaart, gelabeld met de "
                          "thema's van de omgevingsvisie.").format(version=__version__))
