"""The ideas on the map scene: one ``InterventionItem`` and one number label per idea,
kept in step with the project, the session filter, the shapes' level of detail and the
cluster discs.

Two rules keep a map of 10,000 ideas quick:

- opening builds all items in one pass (shapes' dimensions, bounds and label anchors
  computed on arrays, pens shared, label layout measured when first needed);
- a deleted idea's item and label are hidden and kept for the next idea added, and a
  renumbered idea's label is redrawn in place: removing an item makes Qt repaint the
  whole map (with the scene's ``changed`` signal connected, see view_repaint.py), a
  stutter at every delete, add and undo.

A mixin of ``MapScene``.
"""

from qtpy.QtCore import QPointF

from workbench import style
from workbench.canvas.geometry import to_scene
from workbench.canvas.idea_item import InterventionItem
from workbench.canvas.items import LabelItem
from workbench.geo.display import label_anchor, shape_facts


class IdeaLayer:
    """The ideas' items and labels of a ``MapScene``."""

    def _init_ideas(self) -> None:
        self.items_by_uuid = {}
        self.labels_by_uuid = {}
        self._spare = []  # (item, label) of deleted ideas, hidden, for the next added

    def all_labels(self) -> list:
        """Every label on the map: the ideas' numbers and the names made so far."""
        return list(self.labels_by_uuid.values()) + self.reference_labels

    def _drop_ideas(self) -> None:
        """Remove every idea's item (another project, or a reset: the whole map repaints anyway)."""
        for item in list(self.items_by_uuid.values()) + [item for item, _label in self._spare]:
            self.removeItem(item)
        for label in list(self.labels_by_uuid.values()) + [label for _item, label in self._spare]:
            self.removeItem(label)
        self.items_by_uuid, self.labels_by_uuid, self._spare = {}, {}, []
        self.detail.clear()
        self.clusters.dirty = True

    def _put_all(self, interventions) -> None:
        """Items and labels for all ``interventions`` of a project just opened."""
        placed = [i for i in interventions if i.geometry is not None]  # the others are listed, not drawn
        kinds, bounds, anchors = shape_facts([i.geometry for i in placed])
        group, labels = self.groups["interventions"], self.groups["labels"]
        width_scale = getattr(self, "width_scale", 1.0)
        colours = {}
        for intervention, kind, box, (x, y) in zip(placed, kinds, bounds, anchors):
            theme = intervention.primary_theme_uuid
            colour = colours.get(theme)
            if colour is None:
                colour = colours[theme] = self.project.primary_color(intervention)
            uuid = intervention.uuid
            item = self.items_by_uuid[uuid] = InterventionItem(intervention, colour, group, kind, box, width_scale)
            self.labels_by_uuid[uuid] = self._new_label(intervention, item, colour, x, y, labels)
            if self.session_filter is not None:
                self._apply_filter(uuid)
        self.clusters.dirty = True

    def _new_label(self, intervention, item, colour, x, y, parent=None) -> LabelItem:
        return LabelItem(str(intervention.number), to_scene(x, y), colour, intervention.number,
                         style.LABEL_SIZE * self.label_scale, style.readable_text_on(colour), parent,
                         _label_offset(item))

    def _put_intervention(self, intervention, detail=True) -> bool:
        """Add or update the idea's item and label; False when its label stays as it was
        (a title edit, or its undo), so that 10,000 labels need not be thinned again."""
        if intervention.geometry is None:  # an idea without a place is listed, not drawn
            self._remove_intervention(intervention.uuid)
            return True
        colour = self.project.primary_color(intervention)
        item = self.items_by_uuid.get(intervention.uuid)
        label = self.labels_by_uuid.get(intervention.uuid)
        if item is None:
            if self._spare:
                item, label = self._spare.pop()
                item.reuse(intervention, colour)
            else:
                item = InterventionItem(intervention, colour, self.groups["interventions"])
            self.items_by_uuid[intervention.uuid] = item
            same_place = same_label = False
            self.clusters.dirty = True
        else:
            before = item.intervention
            same_place = (before.geometry is intervention.geometry
                          or before.geometry is not None and before.geometry.equals_exact(intervention.geometry, 0.0))
            same_label = (before.number == intervention.number and item.color_hex == colour
                          and before.created_session_uuid == intervention.created_session_uuid)
            kind = item.kind
            item.update_from(intervention, colour)
            same_label = same_label and kind == item.kind and label is not None
            if same_place and same_label:
                if detail:
                    self.detail.refresh(self.items_by_uuid, [intervention.uuid])
                return False
        self.detail.forget(intervention.uuid)
        if detail:
            self.detail.refresh(self.items_by_uuid, [intervention.uuid])
        x, y = label_anchor(intervention.geometry)
        if same_label:  # moved or reshaped: the label follows
            label.set_anchor(to_scene(x, y))
            self.clusters.moved(item, label)
        else:
            self.clusters.dirty = True
            if label is None:
                label = self._new_label(intervention, item, colour, x, y, self.groups["labels"])
            else:  # renumbered, recoloured, or a spare: drawn again in place
                label.set_anchor(to_scene(x, y))
                label.clustered = label.filtered = False
                label.relabel(str(intervention.number), colour, intervention.number, style.readable_text_on(colour),
                              _label_offset(item), style.LABEL_SIZE * self.label_scale)
            self.labels_by_uuid[intervention.uuid] = label
        self._apply_filter(intervention.uuid)
        return True

    def _remove_intervention(self, uuid) -> None:
        """The idea left the map: its item and label are hidden and kept for the next."""
        self.detail.forget(uuid)
        self.clusters.dirty = True
        item = self.items_by_uuid.pop(uuid, None)
        label = self.labels_by_uuid.pop(uuid, None)
        if item is not None:
            item.set_selected(False)
            item.set_hovered(False)
            item.setVisible(False)
        if label is not None:
            label.thinned = True
            label.setVisible(False)
        if item is not None and label is not None:
            self._spare.append((item, label))
        else:
            for leftover in (item, label):
                if leftover is not None:
                    self.removeItem(leftover)

    def set_shape_detail(self, scale: float) -> bool:
        """Draw the ideas' shapes in the detail for ``scale`` (pixels per metre), dense
        ones as cluster discs; True when the labels must be thinned again."""
        self.detail.apply(self.items_by_uuid, scale)
        if self.clusters.apply(self.items_by_uuid, self.labels_by_uuid, scale):
            self._thinned_at = None
            return True
        return False

    def set_session_filter(self, session_uuid) -> None:
        self.session_filter = session_uuid
        self.clusters.dirty = True
        self._sorted_labels = None
        for uuid in self.items_by_uuid:
            self._apply_filter(uuid)
        self._hit_cache = None

    def _apply_filter(self, uuid) -> None:
        item = self.items_by_uuid[uuid]
        shown = self.session_filter is None or item.intervention.created_session_uuid == self.session_filter
        item.setVisible(shown)
        if not shown:
            item.set_selected(False)
        label = self.labels_by_uuid[uuid]
        label.filtered = not shown
        label.setVisible(shown and not label.thinned and not label.clustered)
        if label.isVisible():
            label.ensure_drawn()


def _label_offset(item) -> QPointF:
    """A point's number sits beside its marker; a line's or polygon's on its anchor."""
    if item.kind == 0:
        return QPointF(style.POINT_RADIUS + 8, -(style.POINT_RADIUS + 6))
    return QPointF(0, 0)
