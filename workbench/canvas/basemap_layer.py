"""The base map as a layer object: stored tiles drawn beneath the wijken, the area and
the ideas, on screen and in ``export png`` alike.

:class:`BaseMapLayer` holds which base map shows and how (through the project's
:class:`~workbench.store.tiles.BaseMaps`), a :class:`~workbench.canvas.tile_cache.TileCache`
keeps decoded tiles so panning and zooming never decode a tile twice, and
:class:`BaseMapItem` draws the stored level that matches the zoom, filling any missing
tile from the nearest coarser level (and, zoomed out beyond the coarsest stored level,
from overview tiles made of it: canvas/basemap_overview.py).

Example::

    layer = BaseMapLayer(scene.groups["basemap"])
    layer.set_project(project)      # shows what the project file says (name, opacity, faded)
    layer.set_active("basemap_brt_standaard")
"""

import math

from qtpy.QtCore import QPointF, QRectF
from qtpy.QtGui import QImage
from qtpy.QtWidgets import QGraphicsItem

from workbench.canvas.tile_cache import TileCache

OVERVIEW_TILES = 160  # overview tiles kept (about 40 MB): a full view of a large area

FINER_BY = 1.2               # a level may be drawn up to this much larger than its pixels


def choose_level(levels, metres_per_pixel: float) -> int:
    """Index into ``levels`` (coarse to fine) of the level to draw at ``metres_per_pixel``:
    the coarsest one at least about as fine as the screen, so a tile is never blown up
    while a finer level is stored; the finest when zoomed in beyond it.

    >>> from types import SimpleNamespace as L
    >>> choose_level([L(pixel_size=4.0), L(pixel_size=2.0), L(pixel_size=1.0)], 3.0)
    1
    >>> choose_level([L(pixel_size=4.0), L(pixel_size=2.0), L(pixel_size=1.0)], 0.1)
    2
    """
    for index, level in enumerate(levels):
        if level.pixel_size <= metres_per_pixel * FINER_BY:
            return index
    return len(levels) - 1


def tile_rect(info, level, col: int, row: int) -> QRectF:
    """The scene rectangle (x, -y) of tile (col, row): row 0 at the top, as GeoPackage has it."""
    width, height = level.tile_width * level.pixel_size, level.tile_height * level.pixel_size
    return QRectF(info.origin_x + col * width, -info.origin_y + row * height, width, height)


def tile_range(info, level, rect: QRectF):
    """(col_min, col_max, row_min, row_max) of the tiles of ``level`` that meet the scene
    ``rect``, clamped to the matrix; None when none do."""
    width, height = level.tile_width * level.pixel_size, level.tile_height * level.pixel_size
    col_min = max(0, math.floor((rect.left() - info.origin_x) / width))
    col_max = min(level.matrix_width - 1, math.floor((rect.right() - info.origin_x) / width))
    row_min = max(0, math.floor((rect.top() + info.origin_y) / height))
    row_max = min(level.matrix_height - 1, math.floor((rect.bottom() + info.origin_y) / height))
    if col_min > col_max or row_min > row_max:
        return None
    return col_min, col_max, row_min, row_max


class BaseMapItem(QGraphicsItem):
    """Draws the active base map; all tiles in one item, positioned per paint."""

    def __init__(self, layer, parent=None):
        super().__init__(parent)
        self.layer = layer
        self.setFlag(QGraphicsItem.ItemUsesExtendedStyleOption, True)
        self._bounds = QRectF()

    def set_extent(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self._bounds = QRectF(rect)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter, option, widget=None):
        transform = painter.worldTransform()
        scale = abs(transform.m11()) or 1.0
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        visible = self._bounds
        if option.exposedRect.isValid():
            visible = visible.intersected(option.exposedRect)
        if device is not None:
            inverse, ok = transform.inverted()
            if ok:
                visible = visible.intersected(inverse.mapRect(QRectF(0, 0, device.width(), device.height())))
        if visible.isEmpty():
            return
        painter.save()
        painter.resetTransform()
        for target, image, source in self.layer.pieces(visible, 1.0 / (scale * ratio)):
            mapped = transform.mapRect(target)
            # whole device pixels: neighbouring tiles meet without a hairline seam
            snapped = QRectF(QPointF(round(mapped.left()), round(mapped.top())),
                             QPointF(round(mapped.right()), round(mapped.bottom())))
            if snapped.width() >= 1 and snapped.height() >= 1:
                painter.drawImage(snapped, image, source)
        painter.restore()


class BaseMapLayer:
    """Which base map of a project shows, at what opacity, faded or not; the item that
    draws it and the cache of decoded tiles. No state of this lives in the view."""

    def __init__(self, parent_item, cache: TileCache | None = None):
        self.item = BaseMapItem(self, parent_item)
        self.cache = cache or TileCache()
        self.overviews = TileCache(OVERVIEW_TILES)  # apart: made of many tiles, dear to make again
        self.basemaps = None
        self.project = None
        self.infos = {}
        self.active = None
        self.opacity = 1.0
        self.faded = True
        self._last_pieces = None  # (key, pieces) of the last paint
        self.on_changed = None  # the scene outlines the wijken while a base map shows
        self.item.setVisible(False)

    # -- the project --------------------------------------------------------------------

    def set_project(self, project) -> None:
        self.cache.clear()
        self.overviews.clear()
        self.basemaps = None
        self.project = project
        self.reload()

    def _open_basemaps(self, needed: bool = False):
        """The project's base maps (``store/tiles.py``), opened once the file holds a tile
        pyramid, or when ``needed`` (to store a display choice): a project without a base
        map opens without loading that module (issue 14)."""
        project = self.project
        if self.basemaps is None and project is not None and getattr(project, "path", None):
            from workbench.store.basemap_display import has_tile_pyramids

            if needed or has_tile_pyramids(project.repository):
                from workbench.store.tiles import basemaps_of

                self.basemaps = basemaps_of(project)
        return self.basemaps

    def reload(self) -> None:
        """Read the list of stored base maps and the display settings again (after a
        download, an import or a removal)."""
        self.cache.clear()
        self.overviews.clear()
        self._last_pieces = None
        basemaps = self._open_basemaps()
        self.infos = {info.name: info for info in basemaps.list()} if basemaps is not None else {}
        if basemaps is not None:
            display = basemaps.display()
            display = {"active": display.active, "opacity": display.opacity, "faded": display.faded}
        elif getattr(self.project, "path", None):  # no base map: what was chosen before still shows
            from workbench.store.basemap_display import stored_display

            display = stored_display(self.project.repository)
        else:
            display = None
        self.active = display["active"] if display is not None and display["active"] in self.infos else None
        self.opacity = display["opacity"] if display is not None else 1.0
        self.faded = display["faded"] if display is not None else True
        self._apply()

    def maps(self) -> list:
        """(name, title) of every stored base map."""
        return [(info.name, info.title) for info in self.infos.values()]

    def info(self):
        return self.infos.get(self.active)

    def attribution(self) -> str:
        info = self.info()
        return info.attribution if info is not None and self.item.isVisible() else ""

    # -- what the user changes -----------------------------------------------------------

    def set_active(self, name) -> None:
        self.active = name if name in self.infos else None
        self._apply()
        self._store()

    def set_opacity(self, opacity: float, store: bool = True) -> None:
        self.opacity = max(0.0, min(1.0, float(opacity)))
        self._apply()
        if store:
            self._store()

    def set_faded(self, faded: bool) -> None:
        self.faded = bool(faded)
        self._apply()
        self._store()

    def _store(self) -> None:
        """The choice travels with the project file (it opens the same elsewhere); a
        read-only project keeps it for this session only."""
        if self.project is None or self.project.read_only or self._open_basemaps(needed=True) is None:
            return
        from dataclasses import replace

        display = replace(self.basemaps.display(), active=self.active, opacity=self.opacity, faded=self.faded)
        self.basemaps.set_display(display)

    def _apply(self) -> None:
        info = self.info()
        self.item.setVisible(info is not None)
        self.item.setOpacity(self.opacity)
        if info is not None:
            min_x, min_y, max_x, max_y = info.extent
            self.item.set_extent(QRectF(min_x, -max_y, max_x - min_x, max_y - min_y))
        self.item.update()
        if self.on_changed:
            self.on_changed()

    # -- drawing -----------------------------------------------------------------------------

    def pieces(self, visible: QRectF, metres_per_pixel: float):
        """(scene rectangle, image, source rectangle in the image) to draw for the
        ``visible`` scene rectangle: tiles of the level matching the zoom, and where one
        is missing, the part of the nearest coarser level's tile that covers it."""
        info = self.info()
        if info is None or not info.levels:
            return []
        # a hover or a rubber line repaints the same view: the same pieces again
        key = (visible.getRect(), metres_per_pixel, info.name, self.faded)
        if self._last_pieces is not None and self._last_pieces[0] == key:
            return self._last_pieces[1]
        out = self._pieces(info, visible, metres_per_pixel)
        self._last_pieces = (key, out)
        return out

    def _pieces(self, info, visible, metres_per_pixel):
        from workbench.canvas.basemap_overview import overview_images, overview_level, overview_steps

        levels = info.levels
        chosen = choose_level(levels, metres_per_pixel)
        steps = overview_steps(levels[0], metres_per_pixel) if chosen == 0 else 0
        level = overview_level(levels[0], steps) if steps else levels[chosen]
        span = tile_range(info, level, visible)
        if span is None:
            return []
        images = overview_images(self, info, steps, span) if steps else self.stored_images(info, chosen, span)
        out = []
        missing = []
        col_min, col_max, row_min, row_max = span
        for row in range(row_min, row_max + 1):
            for col in range(col_min, col_max + 1):
                image = images.get((col, row))
                rect = tile_rect(info, level, col, row)
                if image is not None:
                    out.append(_part(rect, image, visible))
                else:
                    missing.append(rect.intersected(visible))
        # over-zoom: coarser levels drawn beneath, only where the chosen level has a hole
        for coarser in range(chosen - 1, -1, -1):
            if not missing:
                break
            missing, below = self._fill(info, coarser, missing)
            out[:0] = below
        return out

    def _fill(self, info, index, holes):
        """Pieces of level ``index`` covering ``holes``; the holes it cannot fill either."""
        level = info.levels[index]
        bounds = QRectF()
        for hole in holes:
            bounds = bounds.united(hole)
        span = tile_range(info, level, bounds)
        if span is None:
            return holes, []
        images = self.stored_images(info, index, span)
        pieces, still = [], []
        for hole in holes:
            covered = 0.0
            hole_span = tile_range(info, level, hole) or (0, -1, 0, -1)
            for row in range(hole_span[2], hole_span[3] + 1):
                for col in range(hole_span[0], hole_span[1] + 1):
                    image = images.get((col, row))
                    if image is None:
                        continue
                    piece = _part(tile_rect(info, level, col, row), image, hole)
                    if piece[0].isEmpty():
                        continue
                    pieces.append(piece)
                    covered += piece[0].width() * piece[0].height()
            if covered < hole.width() * hole.height() * 0.999:
                still.append(hole)  # partly covered: a coarser level may fill the rest
        return still, pieces

    def stored_images(self, info, index, span, keep: bool = True) -> dict:
        """{(col, row): QImage} of the stored tiles in ``span`` at level ``index``,
        decoding only those not cached yet (and caching them when ``keep``)."""
        zoom = info.levels[index].zoom
        col_min, col_max, row_min, row_max = span
        images, unknown = {}, []
        for row in range(row_min, row_max + 1):
            for col in range(col_min, col_max + 1):
                key = (info.name, zoom, col, row, self.faded)
                image = self.cache.get(key)
                if image is not None:
                    images[(col, row)] = image
                elif not self.cache.known(key):
                    unknown.append((col, row))
        if unknown and self.basemaps is not None:
            cols = [c for c, _r in unknown]
            rows = [r for _c, r in unknown]
            wanted = set(unknown)
            found = set()
            for col, row, data in self.basemaps.tiles(info.name, zoom, min(cols), max(cols), min(rows), max(rows)):
                if (col, row) not in wanted:
                    continue
                found.add((col, row))
                image = self.cache.put_data((info.name, zoom, col, row, self.faded), bytes(data), keep)
                if image is not None:
                    images[(col, row)] = image
            for col, row in wanted - found:
                self.cache.put_missing((info.name, zoom, col, row, self.faded))
        return images


def _part(rect: QRectF, image: QImage, clip: QRectF):
    """(scene rectangle, image, source rectangle) of the part of a tile at ``rect``
    inside ``clip``: the base map ends at its extent at every level, and a coarser
    tile fills only the hole it is drawn for."""
    if clip.contains(rect):
        return rect, image, QRectF(image.rect())
    part = rect.intersected(clip)
    sx, sy = image.width() / rect.width(), image.height() / rect.height()
    return part, image, QRectF((part.left() - rect.left()) * sx, (part.top() - rect.top()) * sy,
                               part.width() * sx, part.height() * sy)
