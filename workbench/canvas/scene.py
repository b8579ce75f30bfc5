"""The map scene: a mirror of the project, kept in step through project events.

Commands change the project; the project emits events after the file has committed;
this scene updates its items from those events. Nothing here changes the model.
"""

from qtpy.QtCore import QPointF
from qtpy.QtGui import QColor
from qtpy.QtWidgets import QGraphicsScene

from workbench import style
from workbench.canvas.clusters import Clusters, disc_radius
from workbench.canvas.items import AreaItem, LabelItem, LayerGroup
from workbench.canvas.labels import thin
from workbench.canvas.scene_ideas import PLACE_MARGIN, IdeaLayer
from workbench.canvas.scene_queries import SceneQueries
from workbench.canvas.shape_detail import ShapeDetail
from workbench.i18n import _

# (key, z) bottom to top; names are translated when asked for (see layer_names)
LAYER_KEYS = (("basemap", -10), ("underlay", 0), ("reference", 10), ("area", 20), ("interventions", 30), ("labels", 40))
# Wijk names sit above the ideas (a filled idea must not hide its wijk's name) but
# belong to the reference layer: they follow its visibility and opacity.
NAMES_Z = 35
EDIT_Z = 50


def layer_names() -> dict:
    return {"basemap": _("Basiskaart"), "underlay": _("Ondergrond"), "reference": _("Wijken"), "area": _("Gebied"),
            "interventions": _("Ideeën"), "labels": _("Nummers")}


LOD_LABELS = 2000  # more labels than this: place only those on screen (see thin_labels)


class MapScene(IdeaLayer, SceneQueries, QGraphicsScene):
    def __init__(self, project=None, parent=None):
        super().__init__(parent)
        self.setBackgroundBrush(QColor(style.BACKGROUND))
        self.groups = {key: LayerGroup(key, z) for key, z in LAYER_KEYS}
        for group in self.groups.values():
            self.addItem(group)
        self.names_group = LayerGroup("reference_names", NAMES_Z)
        self.addItem(self.names_group)
        self.edit_group = LayerGroup("edit", EDIT_Z)
        self.addItem(self.edit_group)
        self.reference_labels = []
        self.pending_names = []
        self._names_scale = 0.0
        self.area_item = None
        self.underlay_items = {}
        self.label_scale = 1.0
        self.session_filter = None
        self.on_model_changed = None  # the view re-thins labels and re-emits selection
        # The view caches the static layers (wijken, area) as pixmaps, so hovering and
        # rubber lines repaint a few items, not 5,000 polygons; an export paints once.
        self.cache_static = False
        self.project = None
        self._unsubscribe = None
        self._hit_cache = None
        self._sorted_labels = None
        self._thinned_at = None
        self.reference_items = []
        self.detail = ShapeDetail()  # the ideas' shapes simplified for the zoom
        self._init_ideas()
        # dense ideas as discs when zoomed out; beneath the ideas, so the one selected or
        # hovered in a cluster shows above its disc, and with the ideas' layer settings
        self.clusters = Clusters(self.groups["interventions"])
        self.clusters.item.setZValue(-1)
        from workbench.canvas.basemap_layer import BaseMapLayer

        self.basemap = BaseMapLayer(self.groups["basemap"])
        self.basemap.on_changed = self.update_reference_fill
        if project is not None:
            self.set_project(project)

    # -- mirroring the project -------------------------------------------------------

    def set_project(self, project) -> None:
        if self._unsubscribe:
            self._unsubscribe()
            self._unsubscribe = None
        self.project = project
        self.rebuild()
        if project is not None:
            self._unsubscribe = project.events.subscribe(self._on_event)

    def detach(self) -> None:
        if self._unsubscribe:
            self._unsubscribe()
            self._unsubscribe = None

    def rebuild(self) -> None:
        self._drop_ideas()
        self._rebuild_reference()
        self._rebuild_area()
        self._rebuild_underlays()
        self.basemap.set_project(self.project)
        self.update_reference_fill()
        if self.project is not None:
            self._put_all(self.project.interventions())  # no items yet: their detail comes as they are built
        self._model_changed()

    def _on_event(self, event) -> None:
        try:
            self._mirror(event)
        except RuntimeError:
            # the Qt side was deleted (its view closed) while the project lives on:
            # stop listening rather than break the project's event loop
            if self._unsubscribe:
                self._unsubscribe()
                self._unsubscribe = None

    def _mirror(self, event) -> None:
        kind = event.kind
        if kind == "intervention":
            if event.action == "removed":
                self._remove_intervention(event.uuid)
            elif not self._put_intervention(event.entity):
                self._hit_cache = None  # same place, same number: the labels need no new thinning
                if self.on_model_changed:
                    self.on_model_changed()
                return
        elif kind == "theme":
            for idea in list(self.ideas.values()):
                if event.uuid != idea.intervention.primary_theme_uuid:
                    continue
                if idea.item is None and idea.label is None:  # drawn in the new colour when it is built
                    idea.colour = self.project.primary_color(idea.intervention)
                else:
                    self._put_intervention(idea.intervention)
        elif kind == "area":
            self._rebuild_area()
        elif kind == "reference_layer":
            self._rebuild_reference()
            self.update_reference_fill()
        elif kind == "underlay":
            self._rebuild_underlays()
        elif kind == "basemap":
            self.basemap.reload()
        elif kind == "reset":
            self.rebuild()
            return
        else:
            return
        self._model_changed()

    def _model_changed(self) -> None:
        self._hit_cache = None
        self._sorted_labels = None
        if self.on_model_changed:
            self.on_model_changed()

    def _rebuild_reference(self) -> None:
        from workbench.canvas.reference_layer import StyledReferenceItem, layer_order, pending_names

        for child in self.groups["reference"].childItems() + self.names_group.childItems():
            self.removeItem(child)
        self.reference_labels = []
        self.pending_names = []  # PendingName of names not made into labels yet
        self._names_scale = 0.0  # the largest zoom (pixels per metre) names were made for
        self.reference_items = []
        self._sorted_labels = None
        if self.project is None:
            return
        over_raster = self._raster_beneath()
        for z, (layer, layer_style) in enumerate(layer_order(self.project.reference_layers())):
            item = StyledReferenceItem(layer, self.groups["reference"], over_raster)
            item.setZValue(z)  # fills beneath lines: buildings under the streets
            self._cache(item)
            self.reference_items.append(item)
            self.pending_names += pending_names(layer, layer_style)

    def _materialise_names(self, scale: float) -> None:
        """Make the name labels that can show at ``scale`` (pixels per metre): a layer of
        5,000 buurten costs no label items until one is zoomed in far enough."""
        from workbench.canvas.items import label_width

        if scale <= self._names_scale:
            return  # nothing that did not fit then fits now, when zoomed out further
        self._names_scale = scale
        still = []
        for name in self.pending_names:
            size = name.size * self.label_scale
            if name.extent * scale < label_width(name.text, size) * 0.8:
                still.append(name)
                continue
            offset = QPointF(label_width(name.text, size) / 2 + 6, 0) if name.beside else QPointF(0, 0)
            anchor, angle = name.placement()
            label = LabelItem(name.text, anchor, None, name.priority, size, name.color, self.names_group, offset)
            label.set_angle(angle)  # a street's name along it; a BGT name point by its hoek
            label.min_extent = name.extent
            label.base_size = name.size
            self.reference_labels.append(label)
            self._sorted_labels = None
        self.pending_names = still

    def _rebuild_area(self) -> None:
        if self.area_item is not None:
            self.removeItem(self.area_item)
            self.area_item = None
        area = self.project.area if self.project is not None else None
        if area is not None and not area.geometry.is_empty:
            self.area_item = AreaItem(area, self.groups["area"])
            self._cache(self.area_item)

    def set_layer_visible(self, key: str, visible: bool) -> None:
        self.groups[key].setVisible(visible)
        if key == "interventions":  # hidden ideas are not clustered nor picked
            self.clusters.dirty = True
            self._hit_cache = None
        if key == "reference":
            self.names_group.setVisible(visible)
        if key in ("underlay", "basemap"):
            self.update_reference_fill()

    def set_layer_opacity(self, key: str, opacity: float) -> None:
        self.groups[key].setOpacity(opacity)
        if key == "reference":
            self.names_group.setOpacity(opacity)

    def set_cache_static(self, enabled: bool) -> None:
        self.cache_static = enabled
        for item in self.reference_items + ([self.area_item] if self.area_item else []):
            self._cache(item)

    def _cache(self, item) -> None:
        from qtpy.QtWidgets import QGraphicsItem

        item.setCacheMode(QGraphicsItem.DeviceCoordinateCache if self.cache_static else QGraphicsItem.NoCache)

    def _rebuild_underlays(self) -> None:
        from workbench.canvas.underlay import UnderlayItem

        for item in self.underlay_items.values():
            self.removeItem(item)
        self.underlay_items = {}
        if self.project is None or "underlay" not in self.project.state.entities:
            return
        for underlay in self.project.all("underlay"):
            item = UnderlayItem.from_entity(underlay, self.groups["underlay"])
            if item is not None:
                self.underlay_items[underlay.uuid] = item
        self.update_reference_fill()

    def _raster_beneath(self) -> bool:
        shown = bool(self.underlay_items) and self.groups["underlay"].isVisible()
        return shown or (self.basemap.item.isVisible() and self.groups["basemap"].isVisible())

    def update_reference_fill(self) -> None:
        """Wijken as outlines over an underlay or a base map, whose streets a paper
        fill would hide (the style's ``over_raster``, as in the PDF)."""
        over_raster = self._raster_beneath()
        for item in self.reference_items:
            item.set_over_raster(over_raster)

    # -- presentation --------------------------------------------------------------

    def set_label_scale(self, scale: float) -> None:
        self.label_scale = scale
        self.clusters.set_size(scale)  # counts as readable as the numbers
        self._names_scale = 0.0  # bigger names need more room: decide again
        self._sorted_labels = None
        for label in self._labels.values():  # those not built yet are made in this size
            label.set_size(style.LABEL_SIZE * scale)
        for label in self.reference_labels:
            label.set_size(label.base_size * scale)

    def thin_labels(self, transform, viewport=None) -> None:
        """Which labels show depends only on the zoom (overlaps do not change when the
        map pans), so the result is kept until the zoom or the labels change.

        With more than LOD_LABELS labels only those in (a margin around) ``viewport``
        (a QRect in pixels) are placed, and panning places them again."""
        self._materialise_names(abs(transform.m11()))
        # the ideas in view are built by set_shape_detail, which every caller runs first
        # (a second build here, from a rectangle differing in its last digit, passed over
        # every idea again at each zoom step and each move of a drag)
        if self._sorted_labels is None:
            self._sorted_labels = sorted(self.all_labels(), key=lambda label: label.priority)
            self._thinned_at = None
        key = (round(transform.m11(), 12), round(transform.m22(), 12))
        window = None
        if viewport is not None and len(self._sorted_labels) > LOD_LABELS:
            margin_x, margin_y = viewport.width() * PLACE_MARGIN, viewport.height() * PLACE_MARGIN
            window = (viewport.left() - margin_x, viewport.top() - margin_y,
                      viewport.right() + margin_x, viewport.bottom() + margin_y)
            key += (round(transform.dx()), round(transform.dy()))
        if key != self._thinned_at:
            size = self.clusters.item.size
            discs = [(x, y, disc_radius(count, size)) for x, y, count in self.clusters.item.discs]
            thin(self._sorted_labels, transform, viewport=window, obstacles=discs)
            self._thinned_at = key
