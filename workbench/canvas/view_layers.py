"""The map view's layers as the UI sets them: visibility, opacity, label size, the
session filter, and underlays (loaded from a file, placed by hand, their opacity).

A mixin of ``MapView``; the scene draws, this decides what it is told.
"""

from workbench.canvas.scene import layer_names
from workbench.errors import WorkbenchError
from workbench.i18n import N_, _
from workbench.store.errors import os_sentence

DEFAULT_UNDERLAY_OPACITY = 0.7  # as AddUnderlay stores it


class LayerControls:
    """Layer settings and underlays of a ``MapView``."""

    def load_underlay(self, path) -> bool:
        """Add a PNG/JPEG as underlay: placed by its world file when there is one
        (returns True), else by two points on the image and two on the map (the
        placement starts and the user is guided through messages; returns False)."""
        from pathlib import Path

        from workbench.canvas.tools.place_underlay import PlaceUnderlayTool
        from workbench.canvas.underlay import image_format_of, read_world_file
        from workbench.core.underlay_commands import AddUnderlay

        path = Path(path)
        try:
            data = path.read_bytes()
            image_format = image_format_of(data)
            if image_format is None:
                raise WorkbenchError(_("Een ondergrond is een PNG- of JPEG-afbeelding."))
            placement = read_world_file(path)
        except OSError as error:
            self.message.emit(os_sentence(error, path))
            return False
        except WorkbenchError as error:
            self.message.emit(str(error))
            return False
        if placement is not None:
            return self.execute(AddUnderlay(path.stem, data, image_format, placement))
        from qtpy.QtGui import QImage

        image = QImage.fromData(data)
        if image.isNull():
            self.message.emit(_("Een ondergrond is een PNG- of JPEG-afbeelding."))
            return False
        # provisional: the image over 80% of the current view, so its points can be clicked
        rect = self.mapToScene(self.viewport().rect()).boundingRect()
        size = min(rect.width() / image.width(), rect.height() / image.height()) * 0.8
        left = rect.center().x() - image.width() * size / 2
        top = -(rect.center().y() - image.height() * size / 2)
        provisional = (size, 0.0, 0.0, -size, left + size / 2, top - size / 2)
        self.place_underlay(PlaceUnderlayTool(self, path.stem, data, image_format, provisional, self._mode))
        return False

    def place_underlay(self, tool) -> None:
        self._tool().end()
        self.preview.clear()
        self._transient = tool
        self.viewport().setCursor(tool.cursor)
        tool.start()

    def end_transient_tool(self, mode) -> None:
        if self._transient is not None:
            self._transient.end()
            self._transient = None
        self.preview.clear()
        self._tool().start()
        self.viewport().setCursor(self._tool().cursor)

    def _commit_underlay_opacity(self) -> None:
        from workbench.core.setup_commands import Batch
        from workbench.core.underlay_commands import EditUnderlay

        if self.project is None or "underlay" not in self.project.state.entities:
            return
        wanted = self._underlay_opacity
        edits = [EditUnderlay(u.uuid, opacity=wanted) for u in self.project.all("underlay")
                 if abs(u.opacity - wanted) > 1e-6]
        if edits:
            self.execute(Batch(N_("Dekking van de ondergrond"), edits))

    def set_label_scale(self, scale: float) -> None:
        """Larger labels, and thicker ideas and selection, for the back of the room."""
        self._scene.set_label_scale(float(scale))
        self._scene.width_scale = max(1.0, scale * 0.8)  # new ideas read it too
        for item in self._scene.built_items().values():
            item.set_width_scale(self._scene.width_scale)
        self._thin_timer.start()

    def set_session_filter(self, session_uuid) -> None:
        self._scene.set_session_filter(session_uuid)
        self.snapper.invalidate()
        self._thin_timer.start()
        self._on_scene_selection()

    def layers(self) -> list:
        names = layer_names()
        return [(key, names[key]) for key in ("underlay", "reference", "area", "interventions", "labels")]

    def set_layer_visible(self, key: str, visible: bool) -> None:
        self._scene.set_layer_visible(key, bool(visible))
        self.snapper.invalidate()

    def set_layer_opacity(self, key: str, opacity: float) -> None:
        opacity = max(0.0, min(1.0, float(opacity)))
        if key != "underlay":
            self._scene.set_layer_opacity(key, opacity)
            return
        # the underlay's opacity is kept in the project (it opens the same elsewhere):
        # preview at once, store once the slider rests (one undo step per adjustment)
        self._underlay_opacity = opacity
        for item in self._scene.underlay_items.values():
            item.setOpacity(opacity)
        self._underlay_timer.start()

    def layer_visible(self, key: str) -> bool:
        return self._scene.groups[key].isVisible()

    def layer_opacity(self, key: str) -> float:
        if key == "underlay":
            items = list(self._scene.underlay_items.values())
            return items[0].opacity() if items else self._underlay_opacity
        return self._scene.groups[key].opacity()
