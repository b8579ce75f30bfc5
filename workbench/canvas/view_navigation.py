"""How the map view moves: zoom (wheel, pinch, keys, to an area), pan, the scale.

A mixin of ``MapView`` (it uses the view's scene, transform and timers); kept apart so
the view itself is about tools and events.
"""

from qtpy.QtCore import QEvent, QPointF, QRectF, Qt

METRES_PER_INCH = 0.0254
MIN_SCALE, MAX_SCALE = 1 / 2000.0, 50.0  # pixels per metre


class Navigation:
    """Zoom and pan of a ``QGraphicsView`` whose scene is a ``MapScene``."""

    def scale_denominator(self) -> float:
        dpi = self.logicalDpiX() or 96
        return self.metres_per_pixel() * dpi / METRES_PER_INCH

    def zoom_to_rect(self, rect: QRectF, margin: float = 0.05, step: bool = False) -> None:
        """Show ``rect``; ``step``: a zoom the user asked for on the shown map (its labels
        placed before its frame, as a wheel step's), not the zoom of a project opening."""
        if not rect.isValid():
            return
        rect = rect.adjusted(-rect.width() * margin, -rect.height() * margin,
                             rect.width() * margin, rect.height() * margin)
        self.fitInView(rect, Qt.KeepAspectRatio)
        self._after_zoom(step)

    def zoom_to_area(self, step: bool = True) -> None:
        """Show the area (else everything); ``step=False`` for the zoom of a project
        opening, which paints the map first and places its labels a turn later."""
        scene = self._scene
        if scene.area_item is not None:
            self.zoom_to_rect(scene.area_rect(), step=step)
        else:
            self.zoom_to_all(step)

    def zoom_to_all(self, step: bool = True) -> None:
        self.zoom_to_rect(self._scene.data_rect(), step=step)

    def zoom_to_selection(self) -> None:
        rect = QRectF()
        for uuid in self.selected():
            rect = rect.united(self._scene.items_by_uuid[uuid].world_rect())
        if rect.isValid():
            self.zoom_to_places(rect)

    def zoom_to_places(self, rect) -> None:
        """Zoom to ideas within ``rect``; a single point would zoom in absurdly: at least
        200 m around it."""
        centre = rect.center()
        width, height = max(rect.width(), 200.0), max(rect.height(), 200.0)
        self.zoom_to_rect(QRectF(centre.x() - width / 2, centre.y() - height / 2, width, height), 0.15, step=True)

    def zoom_by(self, factor: float, view_pos=None) -> None:
        """Zoom by ``factor`` keeping the map point under ``view_pos`` (default: centre) still."""
        current = self.transform().m11()
        factor = max(MIN_SCALE / current, min(MAX_SCALE / current, factor))
        if abs(factor - 1.0) < 1e-9:
            return
        if view_pos is None:
            view_pos = self.viewport().rect().center()
        view_pos = QPointF(view_pos)
        anchor = self.mapToScene(view_pos.toPoint())
        self.scale(factor, factor)
        # move the anchor back under the cursor
        delta = self.mapFromScene(anchor) - view_pos.toPoint()
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + delta.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + delta.y())
        self._after_zoom(step=True)

    def _after_zoom(self, step: bool = False) -> None:
        """After the scale changed; ``step``: a zoom the user asked for (wheel, pinch, keys,
        the menu, the selection, a cluster disc), not the zoom of a project opening."""
        self.scaleChanged.emit(self.scale_denominator())
        if step and self.is_painted():
            # a zoom step's labels are placed before it is painted: placed after, the
            # step's frame showed the labels of the zoom before (overlapping, or the
            # ideas just unfolded without numbers) and a second repaint followed
            self._thin_timer.stop()
            self._thin_labels()
        else:  # zoom to the area (a project opening): the map first, its labels in the next turn
            self._scene.set_shape_detail(self.transform().m11(), self.visible_scene_rect())
            self._thin_timer.start()
        # a cached layer is re-rendered at every zoom step, which costs more than
        # drawing it; cache again once the zooming rests
        if self._scene.cache_static:
            self._scene.set_cache_static(False)
        self._cache_timer.start()

    def visible_scene_rect(self):
        """The part of the scene the view shows."""
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def _thin_labels(self) -> None:
        # ideas added or deleted inside a cluster disc change its count though nothing
        # of theirs is painted (a clustered idea is not): cluster again before thinning
        self._scene.set_shape_detail(self.transform().m11(), self.visible_scene_rect())
        self._scene.thin_labels(self.viewportTransform(), self.viewport().rect())

    def scrollContentsBy(self, dx, dy):
        super().scrollContentsBy(dx, dy)
        # Qt scrolls the pixels and paints the strip that came in; the scale bar and the
        # attribution stay where they are on screen, so the whole view is painted again
        self.viewport().update()
        self._thin_timer.start()  # a big project places only the labels on screen

    def wheelEvent(self, event):
        delta = event.angleDelta().y() or event.angleDelta().x()
        if delta:
            self.zoom_by(2 ** (delta / 480.0), event.position())
        event.accept()

    def viewportEvent(self, event):
        if event.type() == QEvent.NativeGesture and event.gestureType() == Qt.ZoomNativeGesture:
            self.zoom_by(1.0 + event.value(), event.position())
            return True
        return super().viewportEvent(event)

    def begin_pan(self, pos) -> None:
        self._pan_from = pos
        self.viewport().setCursor(Qt.ClosedHandCursor)

    def pan_to(self, pos) -> None:
        """A pan in progress (see ``begin_pan``) follows the cursor to ``pos``."""
        delta = pos - self._pan_from
        self._pan_from = pos
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
