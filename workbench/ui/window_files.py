"""Bestand menu and the other file choosers: new, open, recent files, save as, import,
merge, sync, export, and the scanned underlay (Kaart > Ondergrond laden)."""

from pathlib import Path

from qtpy.QtCore import QTimer
from qtpy.QtWidgets import QFileDialog

from workbench.filenames import with_project_suffix
from workbench.i18n import _
from workbench.ui import settings
from workbench.ui.labels import escaped
from workbench.ui.messages import show_error
from workbench.ui.opening import open_interactive, show_warnings
from workbench.store.errors import os_sentence


class WindowFiles:
    """Mixed into :class:`MainWindow`: the actions that open, write or read files."""

    _recent_pending = ()  # paths opened before the first painted map: see remember_recent

    def _keep(self, dialog):
        """Show a dialog without blocking; keep a reference while it is open."""
        self.open_dialogs.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: d in self.open_dialogs and self.open_dialogs.remove(d))
        dialog.open()
        return dialog

    def new_project(self):
        from workbench.ui.wizard import NewProjectWizard

        wizard = NewProjectWizard(self)
        wizard.accepted.connect(lambda: wizard.project is not None and self.set_project(wizard.project))
        return self._keep(wizard)

    def open_dialog(self) -> None:
        start = str(Path(self.context.project.path).parent) if self.context.project else ""
        path, _filter = QFileDialog.getOpenFileName(self, _("Project openen"), start, _("Projectbestand (*.gpkg)"))
        if path:
            self.open_path(path)

    def open_path(self, path) -> bool:
        project = open_interactive(self, path)
        if project is None:
            if not Path(path).exists():
                settings.remove_recent_file(path)
            return False
        self.set_project(project)
        show_warnings(self, project)
        return True

    def remember_recent(self, path) -> None:
        """Put ``path`` first in Bestand > Recent. Before the first painted map the
        settings file is written just after it: the write costs milliseconds of disk
        (more on a laptop's virus scanner) and the first paint does not show the list
        (issue 14). The menu and closing the window write what is pending first."""
        if self.map_view.is_painted():
            settings.add_recent_file(path)
            return
        if not self._recent_pending:
            self.map_view.painted.connect(self._remember_soon)  # painted comes once
        self._recent_pending = [*self._recent_pending, path]

    def _remember_soon(self) -> None:
        QTimer.singleShot(0, self, self.write_pending_recent)  # not inside the paint

    def write_pending_recent(self) -> None:
        pending, self._recent_pending = self._recent_pending, []
        for path in pending:
            settings.add_recent_file(path)

    def fill_recent_menu(self) -> None:
        self.write_pending_recent()
        menu = self.actions_.menus["recent"]
        menu.clear()
        files = settings.recent_files()
        for number, path in enumerate(files, 1):
            action = menu.addAction(f"&{number} {Path(path).name}")
            action.setToolTip(escaped(path))
            action.setStatusTip(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        if not files:
            menu.addAction(_("(nog geen)")).setEnabled(False)

    def save_as(self) -> None:
        project = self.context.project
        if project is None:
            return
        path, _filter = QFileDialog.getSaveFileName(self, _("Opslaan als"), str(project.path),
                                                    _("Projectbestand (*.gpkg)"))
        if path:
            self.save_as_to(path)

    def save_as_to(self, path) -> None:
        from workbench.errors import WorkbenchError
        from workbench.io.output import FileInUseError
        from workbench.io.save_as import save_as
        from workbench.ui.other_name import ask_other_name

        project = self.context.project
        path = with_project_suffix(path)
        try:
            save_as(project, path)
        except FileInUseError as error:  # on Windows: open in QGIS, say; offer "NAME (2).gpkg"
            path = ask_other_name(self, error, _("Projectbestand (*.gpkg)"))
            if path is not None:
                self.save_as_to(path)
            return
        except WorkbenchError as error:
            show_error(self, str(error))
            return
        except OSError as error:
            show_error(self, _("Opslaan mislukt: {error}").format(error=os_sentence(error, path)))
            return
        # save_as already continues in the new file (and holds its lock): adopt it here,
        # do not open it a second time (that tripped over our own lock: "al geopend").
        settings.add_recent_file(project.path)
        self.update_title()
        notice = self.notice.show_for(project)  # e.g. saved into OneDrive
        self.show_message(" ".join([_("Opgeslagen als {name}; u werkt nu verder in dit bestand.").format(
            name=Path(project.path).name), notice]).strip())

    def export_dialog(self):
        from workbench.ui.export_dialog import ExportDialog

        if self.context.project is None:
            return None
        return self._keep(ExportDialog(self.context, self))

    def _data_dialog(self, dialog_class, *args):
        return self._keep(dialog_class(self.context.project, *args, parent=self))

    def underlay_dialog(self) -> bool:
        """Kaart > Ondergrond laden: a scan or aerial photo under the map. With a world
        file it is placed at once; otherwise the map asks for two points on the image
        and two on the map (its messages guide the facilitator)."""
        if self.context.project is None or self.context.project.read_only:
            return False
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Ondergrond laden"), str(Path(self.context.project.path).parent),
            _("Afbeeldingen (*.png *.jpg *.jpeg);;Alle bestanden (*)"))
        return bool(path) and self.map_view.load_underlay(path)

    def import_dialog(self):
        if self.context.project is None:
            return None
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Importeren"), str(Path(self.context.project.path).parent),
            _("Geodata (*.geojson *.json *.gpkg *.shp *.zip *.csv);;Alle bestanden (*)"))
        return self.import_paths([path]) if path else None

    def import_paths(self, paths):
        if self.context.project is None or self.context.project.read_only:
            show_error(self, _("Open eerst een project dat u mag wijzigen."))
            return None
        from workbench.ui.basemap_files import import_basemap_file, is_basemap_file

        if is_basemap_file(paths[0]):  # MBTiles, GeoTIFF, a GeoPackage of tiles
            return import_basemap_file(self, paths[0])
        from workbench.ui.import_dialog import ImportDialog

        return self._data_dialog(ImportDialog, paths[0])

    def merge_dialog(self):
        if self.context.project is None:
            return None
        from workbench.ui.merge_dialog import MergeDialog

        return self._data_dialog(MergeDialog)

    def sync_dialog(self):
        if self.context.project is None:
            return None
        from workbench.ui.sync_dialog import SyncDialog

        return self._data_dialog(SyncDialog)
