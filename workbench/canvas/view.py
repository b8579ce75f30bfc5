"""MapView: the interactive map. It hands mouse and key events to the active tool and
runs commands for them; the scene mirrors the project. Navigation (zoom, pan, scale),
selection and layer settings are mixins in view_navigation, view_selection, view_layers.

Example::

    view = MapView(project)
    view.set_mode(Mode.POLYGON)
    view.interventionCreated.connect(ask_for_title)
"""


from qtpy.QtCore import QRectF, Qt, QTimer, Signal
from qtpy.QtGui import QPainter
from qtpy.QtWidgets import QGraphicsView

from workbench.canvas.map_notes import draw_attribution
from workbench.canvas.preview import PreviewItem
from workbench.canvas.scale_bar import draw_scale_bar
from workbench.canvas.scene import MapScene
from workbench.canvas.snapping import Snapper
from workbench.canvas.tools import Mode, tool_class
from workbench.canvas.view_layers import DEFAULT_UNDERLAY_OPACITY, LayerControls
from workbench.canvas.view_navigation import MAX_SCALE, METRES_PER_INCH, MIN_SCALE, Navigation
from workbench.canvas.view_repaint import PartialRepaint
from workbench.canvas.view_selection import Selection
from workbench.errors import WorkbenchError
from workbench.i18n import _

HIT_PIXELS = 6      # how near the cursor must be to pick an idea
SNAP_PIXELS = 10    # how near a vertex or edge must be to snap to it
__all__ = ["MapView", "HIT_PIXELS", "SNAP_PIXELS", "MIN_SCALE", "MAX_SCALE", "METRES_PER_INCH",
           "DEFAULT_UNDERLAY_OPACITY"]


class MapView(Navigation, Selection, LayerControls, PartialRepaint, QGraphicsView):
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
        self.install_partial_repaint()
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
            self.zoom_to_area(step=False)  # a project opening: the map first
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

    def intervention_at(self, world, drawn_only: bool = False):
        """The idea under ``world``; ``drawn_only``: not one folded into a cluster disc."""
        return self._scene.intervention_at(world[0], world[1], HIT_PIXELS * self.metres_per_pixel(),
                                           skip=self.hidden_in_cluster if drawn_only else None)

    def zoom_into_cluster(self, world) -> bool:
        """Zoom to the ideas the cluster disc at ``world`` stands for, where they show
        themselves or smaller discs (a double-click on a disc, as web maps do); False
        when no disc is there."""
        rect = self._scene.cluster_extent_at(world[0], world[1], self.transform().m11())
        if rect is None:
            return False
        self.zoom_to_places(rect)
        return True

    def snap(self, world, exclude=()) -> tuple:
        """``world`` moved onto a vertex or edge within a few pixels (when snapping is
        on); returns ((x, y), snapped)."""
        return self.snapper.snap(world, SNAP_PIXELS * self.metres_per_pixel(), exclude)

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

    def is_painted(self) -> bool:
        return self._is_painted

    # -- zoom ---------------------------------------------------------------------------------

    # -- Qt events -----------------------------------------------------------------------------

    def showEvent(self, event):
        super().showEvent(event)
        if not self._zoomed_once:
            self._zoomed_once = True
            QTimer.singleShot(0, lambda: self.zoom_to_area(step=False))  # the first paint: the map first

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._thin_timer.start()

    def paintEvent(self, event):
        ratio = max(1.0, self.devicePixelRatioF())
        # labels drawn before the view was shown, or the view moved to a screen of another density
        if ratio != getattr(self, "_label_ratio", None):
            self._follow_pixel_ratio(ratio)
        self._label_ratio = ratio
        # the shapes' detail follows the zoom (set on each zoom step; an export that
        # shared the scene may have set another)
        if self._scene.set_shape_detail(self.transform().m11(), self.visible_scene_rect()):
            self._thin_timer.start()  # clusters changed which numbers may show
        super().paintEvent(event)
        if not self._is_painted:
            self._is_painted = True
            self.painted.emit()

    def _follow_pixel_ratio(self, ratio: float) -> None:
        for label in self._scene.all_labels():
            label.follow_pixel_ratio(ratio)

    def drawForeground(self, painter, rect):
        super().drawForeground(painter, rect)
        painter.save()
        painter.resetTransform()
        draw_scale_bar(painter, self.viewport().rect(), self.metres_per_pixel())
        draw_attribution(painter, QRectF(self.viewport().rect()), self._scene.basemap.attribution())
        painter.restore()

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
            self.pan_to(event.position().toPoint())
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
