"""The graphics items of the map. Items only draw; the scene keeps them in step with
the project, and never the other way around.

Widths come from ``workbench.style`` and are cosmetic (pixels), so lines stay equally
thick at every zoom. Points and labels ignore the view transform for the same reason.
"""

import math

from qtpy.QtCore import QPointF, QRectF, Qt
from qtpy.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPixmap
from qtpy.QtWidgets import QGraphicsItem, QGraphicsPixmapItem

from workbench import style
from workbench.canvas.geometry import path_for


def color(value: str, alpha: float = 1.0) -> QColor:
    result = QColor(value or style.UNTHEMED)
    result.setAlphaF(alpha)
    return result


def cosmetic_pen(value: str, width: float, alpha: float = 1.0) -> QPen:
    pen = QPen(color(value, alpha), width)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.RoundJoin)
    pen.setCapStyle(Qt.RoundCap)
    return pen


class LayerGroup(QGraphicsItem):
    """A parent without content: its visibility and opacity are those of a map layer."""

    def __init__(self, key: str, z: float):
        super().__init__()
        self.key = key
        self.setFlag(QGraphicsItem.ItemHasNoContents, True)
        self.setZValue(z)

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, painter, option, widget=None):
        pass


class AreaItem(QGraphicsItem):
    """The area boundary, drawn clearly, with the world outside washed out."""

    MARGIN = 50_000.0  # metres of dimmed world around the area

    def __init__(self, area, parent=None):
        super().__init__()
        self.area_uuid = area.uuid
        self._outline = path_for(area.geometry)
        inner = self._outline.boundingRect()
        self._bounds = inner.adjusted(-self.MARGIN, -self.MARGIN, self.MARGIN, self.MARGIN)
        self._dim = QPainterPath()
        self._dim.addRect(self._bounds)
        self._dim.addPath(self._outline)
        self._dim.setFillRule(Qt.OddEvenFill)
        self._pen = cosmetic_pen(style.AREA_LINE, style.AREA_LINE_WIDTH)
        self.setParentItem(parent)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def outline_rect(self) -> QRectF:
        return self._outline.boundingRect()

    def paint(self, painter, option, widget=None):
        painter.setPen(Qt.NoPen)
        painter.setBrush(color(style.OUTSIDE_DIM, style.OUTSIDE_DIM_OPACITY))
        painter.drawPath(self._dim)
        painter.setBrush(Qt.NoBrush)
        if style.AREA_FILL:
            painter.setBrush(color(style.AREA_FILL))
        painter.setPen(self._pen)
        painter.drawPath(self._outline)


class LabelItem(QGraphicsPixmapItem):
    """A label that keeps its size in pixels: an intervention number on a disc in the
    theme colour, or a reference name in grey with a white halo. Drawn once into a
    pixmap, so repainting a thousand labels is a thousand blits."""

    def __init__(self, text: str, anchor: QPointF, fill: str | None, priority: float, size: float,
                 text_color: str, parent=None, offset=QPointF(0, 0)):
        super().__init__()
        self.thinned = False  # hidden because it would overlap a more important label
        self.filtered = False  # hidden by the session filter
        self.clustered = False  # its idea is part of a cluster disc
        self.min_extent = 0.0  # metres the feature spans; see labels.thin
        self.angle = 0.0  # degrees anticlockwise: a street name along its street
        self.setFlag(_IGNORES_TRANSFORMATIONS, True)
        self.setTransformationMode(_SMOOTH)
        # never without a pixmap: an item whose bounds grow from nothing makes Qt repaint
        # the whole map when it is first drawn (see canvas/view_repaint.py)
        self.setPixmap(_placeholder())
        # not drawn yet (hidden): the first thinning draws the labels it shows
        self.relabel(text, fill, priority, text_color, offset, size)
        self.set_anchor(anchor)
        self.setParentItem(parent)

    def relabel(self, text: str, fill: str | None, priority: float, text_color: str, offset=QPointF(0, 0),
                size: float | None = None) -> None:
        """Another text or colour in place (an idea renumbered or recoloured, or a label
        reused for another idea): removing a label and adding a new one would make Qt
        repaint the whole map."""
        self.text, self.fill, self.priority = text, fill, priority
        self.text_color = text_color
        self.offset = QPointF(offset)
        self.thinned = True
        self.setVisible(False)
        self.set_size(self._size if size is None else size)

    def set_anchor(self, anchor: QPointF) -> None:
        self.anchor = QPointF(anchor)
        self.anchor_xy = (anchor.x(), anchor.y())
        self.setPos(anchor)

    def set_size(self, size: float) -> None:
        """The label's size in points. Its layout (the width of its text) is measured
        when first needed: of 10,000 numbers most are never tried, being in a cluster
        disc or off screen."""
        self._size = size
        self._box = None
        self.shift = QPointF(0, 0)  # pixels moved aside by labels.thin
        self._drawn = False
        if self.isVisible() and self.scene() is not None:
            self.ensure_drawn()

    @property
    def box(self) -> tuple:
        """(left, top, right, bottom) in pixels around the anchor."""
        if self._box is None:
            self._layout()
        return self._box

    @property
    def shifts(self) -> tuple:
        """Where thinning may try the label: numbers may step aside, names may not."""
        if self._box is None:
            self._layout()
        return self._shifts

    def _layout(self) -> None:
        font, metrics = _font(self._size, self.fill is not None)
        width = metrics.horizontalAdvance(self.text)
        height = metrics.height()
        if self.fill is not None:  # a disc (or pill for long numbers) around the number
            w = max(height + 2, width + height * 0.6)
            rect = QRectF(-w / 2, -(height + 2) / 2, w, height + 2)
        else:
            rect = QRectF(-width / 2 - 3, -height / 2 - 2, width + 6, height + 4)
        rect.translate(self.offset)
        self._rect = rect
        self._font = font
        self._box = (rect.left(), rect.top(), rect.right(), rect.bottom())
        if self.fill is None:  # names may step up or down a line, not sideways off their area
            h = rect.height()
            self._shifts = ((0.0, 0.0), (0.0, -h), (0.0, h), (0.0, -2 * h), (0.0, 2 * h))
        else:
            w, h = rect.width() * 0.8, rect.height() * 0.9
            self._shifts = ((0.0, 0.0), (0.0, -h), (0.0, h), (w, 0.0), (-w, 0.0), (w, -h), (-w, h))
        self.setOffset(self._box[0] - 1 + self.shift.x(), self._box[1] - 1 + self.shift.y())
        if self.angle:
            self._turn_box()

    def ensure_drawn(self) -> None:
        """Draw the pixmap the first time the label is shown: thousands of names that
        thinning hides never cost a pixmap."""
        if not self._drawn:
            if self._box is None:
                self._layout()
            self._drawn = True
            font, metrics = _font(self._font.pixelSize(), self.fill is not None, pixels=True)
            self.drawn_ratio = _pixel_ratio(self)
            self.setPixmap(self._render(font, metrics, self._rect, self.drawn_ratio))

    def follow_pixel_ratio(self, ratio: float) -> None:
        """Draw again at ``ratio`` when the view moved to a screen of another density."""
        if self._drawn and getattr(self, "drawn_ratio", None) != ratio:
            self._drawn = False
            if self.isVisible():
                self.ensure_drawn()

    def _render(self, font, metrics, rect, ratio) -> QPixmap:
        local = QRectF(1, 1, rect.width(), rect.height())
        if self.fill is not None:
            # a copy of the disc drawn once per colour and size (an unzoomed step shows
            # hundreds of numbers for the first time; the disc was half of each one's cost)
            pixmap = QPixmap(_disc(self.fill, rect.width(), rect.height(), ratio))
        else:
            pixmap = QPixmap(int(math.ceil((rect.width() + 2) * ratio)), int(math.ceil((rect.height() + 2) * ratio)))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        painter.setFont(font)
        if self.fill is not None:
            painter.setPen(_qcolor(self.text_color))
            painter.drawText(local, Qt.AlignCenter, self.text)
        else:  # a halo keeps the name readable on any underlay
            origin = QPointF(local.left() + 3, local.top() + 2 + metrics.ascent())
            # the halo is the text drawn white around itself: it looks like stroking the
            # glyph outlines with a 3 px pen and costs a twentieth (~0.1 ms a name, not ~2 ms)
            painter.setPen(QColor(255, 255, 255, 220))
            for dx, dy in _HALO_OFFSETS:
                painter.drawText(origin + QPointF(dx, dy), self.text)
            painter.setPen(_qcolor(self.text_color))
            painter.drawText(origin, self.text)
        painter.end()
        return pixmap

    def label_rect(self) -> QRectF:
        """The label's rectangle in pixels around its anchor, before any shift."""
        if self._box is None:
            self._layout()
        return self._rect

    def set_angle(self, degrees: float) -> None:
        """Turn the label ``degrees`` anticlockwise on the map; thinning then uses the
        box around the turned text, and a turned name stays on its line (no shifts)."""
        self.angle = float(degrees)
        self.setRotation(-self.angle)
        if self.angle and self._box is not None:
            self._turn_box()

    def _turn_box(self) -> None:
        from qtpy.QtGui import QTransform

        turned = QTransform().rotate(-self.angle).mapRect(self._rect)
        self._box = (turned.left(), turned.top(), turned.right(), turned.bottom())
        self._shifts = ((0.0, 0.0),)

    def set_shift(self, x: float, y: float) -> None:
        """Move the label ``x``, ``y`` pixels aside from its anchor (see labels.thin)."""
        shift = self.shift
        if x != shift.x() or y != shift.y():
            self.shift = QPointF(x, y)
            self.setOffset(self.label_rect().topLeft() + self.shift - QPointF(1, 1))


# eight directions at 1.5 px: the halo of a name (see LabelItem._render)
_HALO_OFFSETS = ((-1.5, 0.0), (1.5, 0.0), (0.0, -1.5), (0.0, 1.5), (-1.0, -1.0), (1.0, 1.0), (-1.0, 1.0), (1.0, -1.0))

_FONTS = {}
_PLACEHOLDER = []
_IGNORES_TRANSFORMATIONS = QGraphicsItem.ItemIgnoresTransformations  # looked up once: Python enums are slow
_SMOOTH = Qt.SmoothTransformation
_COLORS = {}
_DISCS = {}  # (fill, width, height, pixel ratio) -> the disc of a number label, without its text


def _qcolor(value: str) -> QColor:
    """A shared QColor for ``value`` (QPainter copies it)."""
    found = _COLORS.get(value)
    if found is None:
        found = _COLORS[value] = color(value)
    return found


def _disc(fill: str, width: float, height: float, ratio: float) -> QPixmap:
    """The disc (a pill for long numbers) of a number label of ``width`` x ``height``
    pixels, in a pixmap with a pixel's margin; numbers of as many digits share it."""
    key = (fill, width, height, ratio)
    pixmap = _DISCS.get(key)
    if pixmap is None:
        if len(_DISCS) > 512:  # colours and sizes of another project, or another label size
            _DISCS.clear()
        pixmap = QPixmap(int(math.ceil((width + 2) * ratio)), int(math.ceil((height + 2) * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        painter.setPen(QPen(color(style.LABEL_HALO), 1.0))
        painter.setBrush(color(fill))
        local = QRectF(1, 1, width, height)
        radius = local.height() / 2
        painter.drawRoundedRect(local.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
        painter.end()
        _DISCS[key] = pixmap
    return pixmap


def _placeholder() -> QPixmap:
    """One transparent pixel, the pixmap of every label not drawn yet."""
    if not _PLACEHOLDER:
        pixmap = QPixmap(1, 1)
        pixmap.fill(Qt.transparent)
        _PLACEHOLDER.append(pixmap)
    return _PLACEHOLDER[0]


def label_width(text: str, size: float, bold: bool = False) -> float:
    """The width in pixels of a name label of ``size`` points (as LabelItem draws it)."""
    _font_, metrics = _font(size, bold)
    return metrics.horizontalAdvance(text) + 6


def _font(size: float, bold: bool, pixels: bool = False):
    """A cached (QFont, QFontMetricsF) for a label size in points (or pixels)."""
    pixel_size = int(size) if pixels else max(6, round(size * 96 / 72))
    key = (pixel_size, bold)
    if key not in _FONTS:
        font = QFont()
        font.setPixelSize(pixel_size)
        font.setBold(bold)
        _FONTS[key] = (font, QFontMetricsF(font))
    return _FONTS[key]


def _pixel_ratio(item=None) -> float:
    """Labels are drawn at the pixel density of the screen their view is on, so they stay
    crisp on a 150 % laptop and on a 100 % projector alike (not the primary screen's,
    which may be the other one); the primary screen only for an item without a view."""
    scene = item.scene() if item is not None else None
    for view in (scene.views() if scene is not None else ()):
        return max(1.0, view.devicePixelRatioF())
    from qtpy.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen() if QGuiApplication.instance() else None
    return max(1.0, screen.devicePixelRatio()) if screen is not None else 1.0
