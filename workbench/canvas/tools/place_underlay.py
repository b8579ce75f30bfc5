"""Placing an underlay without a world file: click two recognisable points on the
image (shown provisionally over the map), then the same two places on the map. One
AddUnderlay when the fourth click lands. Started by ``MapView.place_underlay``; not a
toolbar mode, it ends by itself."""

from qtpy.QtCore import QPointF, Qt

from workbench.canvas.tools.base import Tool
from workbench.canvas.underlay import UnderlayItem, two_point_placement
from workbench.core.model import Underlay
from workbench.core.underlay_commands import AddUnderlay
from workbench.errors import WorkbenchError
from workbench.i18n import _


class PlaceUnderlayTool(Tool):
    cursor = Qt.CrossCursor

    def __init__(self, view, name, data, image_format, placement, then_mode):
        super().__init__(view)
        self.name, self.data, self.image_format = name, data, image_format
        self.placement = placement  # provisional, so the image shows over the map
        self.then_mode = then_mode
        self.pixels, self.world = [], []
        self.item = None

    def start(self) -> None:
        preview = Underlay("preview", self.name, self.data, self.image_format, *self.placement, opacity=0.6)
        self.item = UnderlayItem.from_entity(preview, self.view.scene().edit_group)
        self.item.setZValue(-1)
        self._prompt()

    def _prompt(self) -> None:
        if len(self.pixels) < 2:
            text = _("Klik op een herkenbaar punt in de afbeelding ({n} van 2).").format(n=len(self.pixels) + 1)
        else:
            text = _("Klik nu op dezelfde plek op de kaart ({n} van 2).").format(n=len(self.world) + 1)
        self.view.message.emit(text)

    def press(self, event, world) -> bool:
        if event.button() != Qt.LeftButton:
            return False
        if len(self.pixels) < 2:
            local = self.item.mapFromScene(QPointF(world[0], -world[1]))
            # world files count pixel centres, the item pixel edges
            self.pixels.append((local.x() - 0.5, local.y() - 0.5))
            if len(self.pixels) == 2:
                self.item.setOpacity(0.25)  # now the map matters
        else:
            self.world.append(world)
        self.view.preview.set(handles=[w for w in self.world])
        if len(self.world) == 2:
            self._finish()
        else:
            self._prompt()
        return True

    def _finish(self) -> None:
        try:
            placement = two_point_placement(self.pixels, self.world)
        except WorkbenchError as error:
            self.view.message.emit(str(error))
            self.pixels, self.world = [], []
            self._prompt()
            return
        command = AddUnderlay(self.name, self.data, self.image_format, placement)
        self._remove_item()
        if self.view.execute(command):
            self.view.message.emit(_("Ondergrond geplaatst."))
        self.view.end_transient_tool(self.then_mode)

    def key(self, event) -> bool:
        if event.key() == Qt.Key_Escape:
            self.view.message.emit(_("Plaatsen van de ondergrond afgebroken."))
            self.view.end_transient_tool(self.then_mode)
            return True
        return False

    def _remove_item(self) -> None:
        if self.item is not None and self.item.scene() is not None:
            self.item.scene().removeItem(self.item)
        self.item = None

    def end(self) -> None:
        self._remove_item()
        self.view.preview.clear()
