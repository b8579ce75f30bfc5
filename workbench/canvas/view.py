"""MapView: the interactive map. It owns navigation (zoom, pan, scale) and hands
mouse and key events to the active tool; the scene mirrors the project.

Example::

    view = MapView(project)
    view.set_mode(Mode.POLYGON)
    view.interventionCreated.connect(ask_for_title)
"""


from qtpy.QtCore import QEvent, QPointF, QRectF, Qt, QTimer, Signal
from qtpy.QtGui import QPainter
from qtpy.QtWidgets import QGraphicsView

from workbench.canvas.map_notes import draw_attribution
from workbench.canvas.preview import PreviewItem
from workbench.canvas.scale_bar import draw_scale_bar
from workbench.canvas.scene import MapScene, layer_names
from workbench.canvas.snapping import Snapper
from workbench.canvas.tools import Mode, tool_class
from workbench.errors import WorkbenchError
from workbench.i18n import N_, _

HIT_PIXELS = 6      # how near the cursor must be to pick an idea
SNAP_PIXELS = 10    # how near a vertex or edge must be to snap to it
METRES_PER_INCH = 0.0254
MIN_SCALE, MAX_SCALE = 1 / 2000.0, 50.0  # pixels per metre
DEFAULT_UNDERLAY_OPACITY = 0.7  # as AddUnderlay stores it


class MapView(QGraphicsView):
    selectionChanged = Signal(list)
    cursorMoved = Signal(float, float)
    scaleChanged = Signal(float)
    interventionCreated = Signal(str)
    message = Signal(str)
    painted = Signal()
    #: another project, or its layers changed (an underlay added, undone, its opacity)
    layersChanged = Signal()

    def __init__(self, project=None, parent=None):
        super().__init__(parent)
        self.project = None
        self._scene = MapScene(None, self)
        self._scene.set_cache_static(True)
        self._scene.on_model_changed = self._on_model_changed
        self.setScene(self._scene)
        self.preview = PreviewItem(self._scene.edit_group)
        self.snapper = Snapper(self)
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing | QPainter.SmoothPixmapTransform)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.NoAnchor)
        self.setResizeAnchor(QGraphicsView.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.FullViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.DontAdjustForAntialiasing, True)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setDragMode(QGraphicsView.NoDrag)
        self._tools = {}
        self._transient = None  # a tool outside the modes (placing an underlay)
        self._mode = None
        self._pan_from = None
        self._space = False
        self._is_painted = False
        self._active_theme = None
        self._hovered = None
        self._emitting_selection = False
        self._zoomed_once = False
        self._thin_timer = QTimer(self)
        self._thin_timer.setSingleShot(True)
        self._thin_timer.setInterval(0)
        self._thin_timer.timeout.connect(self._thin_labels)
        self._cache_timer = QTimer(self)
        self._cache_timer.setSingleShot(True)
        self._cache_timer.setInterval(250)
        self._cache_timer.timeout.connect(lambda: self._scene.set_cache_static(True))
        self._underlay_opacity = DEFAULT_UNDERLAY_OPACITY
        self._underlay_timer = QTimer(self)
        self._underlay_timer.setSingleShot(True)
        self._underlay_timer.setInterval(400)
        self._underlay_timer.timeout.connect(self._commit_underlay_opacity)
        self.set_project(project)
        self.set_mode(Mode.SELECT)

    # -- project -----------------------------------------------------------------------

    def set_project(self, project) -> None:
        if self._underlay_timer.isActive():
            # an opacity still resting belongs to the project it was set in
            self._underlay_timer.stop()
            self._commit_underlay_opacity()
        self._underlay_opacity = DEFAULT_UNDERLAY_OPACITY
        if self._transient is not None:
            self.end_transient_tool(self._mode)
        if self._mode is not None:
            self._tool().cancel()
        self.project = project
        self._hovered = None
        self.preview.clear()
        self._scene.set_project(project)
        self._update_scene_rect()
        self._zoomed_once = False
        if self.isVisible():
            self.zoom_to_area()
        self.selectionChanged.emit([])
        self.layersChanged.emit()

    def _update_scene_rect(self) -> None:
        rect = self._scene.data_rect()
        margin = 100_000.0
        self._scene.setSceneRect(rect.adjusted(-margin, -margin, margin, margin))

    def _on_model_changed(self) -> None:
        self.snapper.invalidate()
        if self._mode in self._tools:
            self._tools[self._mode].model_changed()
        self._thin_timer.start()
        self._on_scene_selection()
        self.layersChanged.emit()

    # -- modes and tools -----------------------------------------------------------------

    def mode(self) -> Mode:
        return self._mode

    def set_mode(self, mode) -> None:
        mode = Mode(mode)
        if self._transient is not None:
            self._transient.end()
            self._transient = None
            if mode == self._mode:
                self._tool().start()
                return
        if mode == self._mode:
            return
        if self._mode is not None:
            self._tool().end()
        self.preview.clear()
        self._mode = mode
        tool = self._tool()
        self.viewport().setCursor(tool.cursor)
        tool.start()

    def _tool(self):
        if self._transient is not None:
            return self._transient
        if self._mode not in self._tools:
            self._tools[self._mode] = tool_class(self._mode)(self)
        return self._tools[self._mode]

    # -- underlays -------------------------------------------------------------------------

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
            self.message.emit(_("Kan {name} niet lezen: {reason}.").format(name=path.name, reason=error.strerror))
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

    def tool(self, mode=None):
        """The tool object of ``mode`` (default: the active one)."""
        mode = self._mode if mode is None else Mode(mode)
        if mode not in self._tools:
            self._tools[mode] = tool_class(mode)(self)
        return self._tools[mode]

    # -- what tools use --------------------------------------------------------------------

    def execute(self, command) -> bool:
        """Run a command; a refusal becomes a message for the user, not an exception."""
        if self.project is None:
            return False
        try:
            self.project.execute(command)
        except WorkbenchError as error:
            self.message.emit(str(error))
            return False
        return True

    def add_intervention(self, geometry) -> str | None:
        """Store a newly drawn shape as an idea in the active theme; returns its uuid."""
        from workbench.core.commands import AddIntervention

        if self.project is None:
            return None
        theme = self._active_theme if self._active_theme and self.project.get("theme", self._active_theme) else None
        title = _("Idee {number}").format(number=self.project.next_number())
        command = AddIntervention(title, geometry, [theme] if theme else [])
        if not self.execute(command):
            return None
        self.select([command.uuid])
        self.interventionCreated.emit(command.uuid)
        return command.uuid

    def world_at(self, pos) -> tuple:
        point = self.mapToScene(pos.toPoint() if hasattr(pos, "toPoint") else pos)
        return (point.x(), -point.y())

    def metres_per_pixel(self) -> float:
        return 1.0 / (self.transform().m11() or 1.0)

    def intervention_at(self, world):
        return self._scene.intervention_at(world[0], world[1], HIT_PIXELS * self.metres_per_pixel())

    def snap(self, world, exclude=()) -> tuple:
        """``world`` moved onto a vertex or edge within a few pixels (when snapping is
        on); returns ((x, y), snapped)."""
        return self.snapper.snap(world, SNAP_PIXELS * self.metres_per_pixel(), exclude)

    def set_hovered(self, uuid) -> None:
        if uuid == self._hovered:
            return
        for key in (self._hovered, uuid):
            item = self._scene.items_by_uuid.get(key)
            if item is not None:
                item.set_hovered(key == uuid)
        self._hovered = uuid

    def begin_pan(self, pos) -> None:
        self._pan_from = pos
        self.viewport().setCursor(Qt.ClosedHandCursor)

    # -- selection ----------------------------------------------------------------------

    def select(self, uuids) -> None:
        wanted = set(uuids or ())
        self._emitting_selection = True
        try:
            for uuid, item in self._scene.items_by_uuid.items():
                item.set_selected(uuid in wanted and item.isVisible())
        finally:
            self._emitting_selection = False
        self._on_scene_selection(force=True)

    def selected(self) -> list:
        items = self._scene.items_by_uuid.values()
        return [item.uuid for item in sorted(items, key=lambda i: i.intervention.number) if item.selected]

    def _on_scene_selection(self, force=False) -> None:
        if self._emitting_selection:
            return
        current = self.selected()
        if force or current != getattr(self, "_last_selection", None):
            self._last_selection = current
            self.selectionChanged.emit(current)

    def delete_selected(self) -> None:
        from workbench.core.commands import DeleteInterventions

        uuids = self.selected()
        if uuids and self.execute(DeleteInterventions(uuids)):
            self.message.emit(_("{count} idee(ën) verwijderd; Ctrl+Z maakt dit ongedaan.").format(count=len(uuids)))

    # -- settings from the UI -----------------------------------------------------------------

    def set_active_theme(self, theme_uuid) -> None:
        self._active_theme = theme_uuid

    def active_theme(self):
        return self._active_theme

    def active_theme_color(self):
        """The colour a new idea gets (its drawing shows in it), or None."""
        theme = self.project.get("theme", self._active_theme) if self.project and self._active_theme else None
        return theme.color if theme else None

    def set_snapping(self, enabled: bool) -> None:
        self.snapper.enabled = bool(enabled)

    def set_label_scale(self, scale: float) -> None:
        """Larger labels, and thicker ideas and selection, for the back of the room."""
        self._scene.set_label_scale(float(scale))
        self._scene.width_scale = max(1.0, scale * 0.8)  # new ideas read it too
        for item in self._scene.items_by_uuid.values():
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

    def is_painted(self) -> bool:
        return self._is_painted

    # -- zoom ---------------------------------------------------------------------------------

    def scale_denominator(self) -> float:
        dpi = self.logicalDpiX() or 96
        return self.metres_per_pixel() * dpi / METRES_PER_INCH

    def zoom_to_rect(self, rect: QRectF, margin: float = 0.05) -> None:
        if not rect.isValid():
            return
        rect = rect.adjusted(-rect.width() * margin, -rect.height() * margin,
                             rect.width() * margin, rect.height() * margin)
        self.fitInView(rect, Qt.KeepAspectRatio)
        self._after_zoom()

    def zoom_to_area(self) -> None:
        scene = self._scene
        if scene.area_item is not None:
            self.zoom_to_rect(scene.area_rect())
        else:
            self.zoom_to_all()

    def zoom_to_all(self) -> None:
        self.zoom_to_rect(self._scene.data_rect())

    def zoom_to_selection(self) -> None:
        rect = QRectF()
        for uuid in self.selected():
            rect = rect.united(self._scene.items_by_uuid[uuid].world_rect())
        if rect.isValid():
            # a single point would zoom in absurdly: show at least 200 m around it
            centre = rect.center()
            width, height = max(rect.width(), 200.0), max(rect.height(), 200.0)
            self.zoom_to_rect(QRectF(centre.x() - width / 2, centre.y() - height / 2, width, height), 0.15)

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
        self._after_zoom()

    def _after_zoom(self) -> None:
        self.scaleChanged.emit(self.scale_denominator())
        self._thin_timer.start()
        # a cached layer is re-rendered at every zoom step, which costs more than
        # drawing it; cache again once the zooming rests
        if self._scene.cache_static:
            self._scene.set_cache_static(False)
        self._cache_timer.start()

    def _thin_labels(self) -> None:
        self._scene.thin_labels(self.viewportTransform(), self.viewport().rect())

    def scrollContentsBy(self, dx, dy):
        super().scrollContentsBy(dx, dy)
        self._thin_timer.start()  # a big project places only the labels on screen

    # -- Qt events -----------------------------------------------------------------------------

    def showEvent(self, event):
        super().showEvent(event)
        if not self._zoomed_once:
            self._zoomed_once = True
            QTimer.singleShot(0, self.zoom_to_area)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._thin_timer.start()

    def paintEvent(self, event):
        ratio = max(1.0, self.devicePixelRatioF())
        # labels drawn before the view was shown, or the view moved to a screen of another density
        if ratio != getattr(self, "_label_ratio", None):
            self._follow_pixel_ratio(ratio)
        self._label_ratio = ratio
        super().paintEvent(event)
        if not self._is_painted:
            self._is_painted = True
            self.painted.emit()

    def _follow_pixel_ratio(self, ratio: float) -> None:
        from workbench.canvas.items import LabelItem

        for item in self._scene.items():
            if isinstance(item, LabelItem):
                item.follow_pixel_ratio(ratio)

    def drawForeground(self, painter, rect):
        super().drawForeground(painter, rect)
        painter.save()
        painter.resetTransform()
        draw_scale_bar(painter, self.viewport().rect(), self.metres_per_pixel())
        draw_attribution(painter, QRectF(self.viewport().rect()), self._scene.basemap.attribution())
        painter.restore()

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

    def mousePressEvent(self, event):
        self.setFocus()
        if event.button() == Qt.MiddleButton or (event.button() == Qt.LeftButton and self._space):
            self.begin_pan(event.position().toPoint())
            event.accept()
            return
        if self._tool().press(event, self.world_at(event.position())):
            event.accept()
            return
        event.accept()

    def mouseMoveEvent(self, event):
        world = self.world_at(event.position())
        self.cursorMoved.emit(world[0], world[1])
        if self._pan_from is not None:
            pos = event.position().toPoint()
            delta = pos - self._pan_from
            self._pan_from = pos
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - delta.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - delta.y())
            event.accept()
            return
        self._tool().move(event, world)
        event.accept()

    def mouseReleaseEvent(self, event):
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().setCursor(Qt.OpenHandCursor if self._space else self._tool().cursor)
            event.accept()
            return
        self._tool().release(event, self.world_at(event.position()))
        event.accept()

    def mouseDoubleClickEvent(self, event):
        if not self._tool().double_click(event, self.world_at(event.position())):
            # a double-click is also a second press for tools that do not use it
            self._tool().press(event, self.world_at(event.position()))
        event.accept()

    def keyPressEvent(self, event):
        key = event.key()
        if key == Qt.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.OpenHandCursor)
            return
        if self._tool().key(event):
            return
        if key in (Qt.Key_Plus, Qt.Key_Equal):
            self.zoom_by(1.5)
        elif key == Qt.Key_Minus:
            self.zoom_by(1 / 1.5)
        elif key == Qt.Key_Escape:
            self._tool().cancel()
        elif key == Qt.Key_Delete or (key == Qt.Key_Backspace and self._mode == Mode.SELECT):
            self.delete_selected()
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event):
        if event.key() == Qt.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().setCursor(self._tool().cursor)
            return
        super().keyReleaseEvent(event)
