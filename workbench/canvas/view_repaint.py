"""Repaint only what changed: an edit, a hover or a selection repaints the rectangles
of the items that changed (where they were and where they are), not the whole map.

Qt computes those rectangles from the items' bounding rectangles, which count a cosmetic
pen's width (pixels) as scene units (metres): zoomed out, a thick line or a selection halo
reaches further than its rectangle and would leave a trail. The scene's ``changed``
rectangles are therefore repainted again widened by the widest cosmetic stroke; many of
them on screen at once (the labels after a zoom, a rebuild) repaint the whole view.

A mixin of ``MapView``.
"""

from qtpy.QtWidgets import QGraphicsView

from workbench import style

# half the widest cosmetic stroke around an idea (a selected halo), plus antialiasing
STROKE_REACH = (style.INTERVENTION_LINE_WIDTH + style.CASING_WIDTH + 8) / 2 + 2
MANY_RECTS = 64  # more changed rectangles on screen than this: repaint the whole view


class PartialRepaint:
    """Minimal viewport updates, widened by the reach of cosmetic strokes."""

    def install_partial_repaint(self) -> None:
        self.setViewportUpdateMode(QGraphicsView.MinimalViewportUpdate)
        self.scene().changed.connect(self._repaint_changed)

    def _repaint_changed(self, rects) -> None:
        if not rects:
            return
        viewport = self.viewport()
        reach = int(STROKE_REACH * max(1.0, getattr(self.scene(), "width_scale", 1.0))) + 1
        transform = self.viewportTransform()
        bounds = viewport.rect()
        areas = []
        for rect in rects:
            area = transform.mapRect(rect).toAlignedRect().adjusted(-reach, -reach, reach, reach)
            if area.intersects(bounds):  # ideas built off screen (scene_ideas._build_ahead) repaint nothing
                areas.append(area)
                if len(areas) > MANY_RECTS:
                    viewport.update()
                    return
        for area in areas:
            viewport.update(area)
