"""The ideas on the map scene: one ``InterventionItem`` and one number label per idea,
kept in step with the project, the session filter, the shapes' level of detail and the
cluster discs.

Three rules keep a map of 10,000 ideas quick:

- an idea's items are built when the map first shows it, as QGIS draws the features in
  view rather than holding a widget per feature: opening keeps for each idea only an
  ``Idea`` (its shape's dimension, bounds and label anchor, computed on arrays for all
  at once); zoomed out most ideas are folded into cluster discs and have no items at
  all, zoomed in only those in (a margin around) the view are built: those whose labels
  are placed at once, the rest of the margin in small batches while the app is idle, so
  a zoom step that unfolds a thousand ideas builds only what it shows. ``items_by_uuid``
  and ``labels_by_uuid`` build an idea's items when asked for one (a selection, a hover,
  a move); ``built_items()`` are those that exist;
- a deleted idea's item and label are hidden and kept for the next idea added, and a
  renumbered idea's label is redrawn in place: removing an item makes Qt repaint the
  whole map (with the scene's ``changed`` signal connected, see view_repaint.py), a
  stutter at every delete, add and undo.

A mixin of ``MapScene``.
"""

from collections.abc import Mapping

from qtpy.QtCore import QPointF, QTimer

from workbench import style
from workbench.canvas.geometry import to_scene
from workbench.canvas.idea_item import InterventionItem
from workbench.canvas.items import LabelItem
from workbench.geo.display import label_anchor, shape_facts

BUILD_ALL_BELOW = 2000  # fewer ideas than this: every idea not in a disc is built, on screen or not
MAX_SPARE = 64  # deleted ideas' items kept for the next added; a bigger batch repaints the whole map anyway
BUILD_MARGIN = 0.5  # zoomed in, ideas within this fraction of the view around it are built:
DRAW_MARGIN = 0.05  # those within this fraction at once (a point's marker reaches a few pixels),
PLACE_MARGIN = 0.25  # the labels of those within this fraction at once (thinning places them, scene.thin_labels),
AHEAD_BATCH = 60  # the rest this many at a time when the app is idle (a pan then finds them built),
AHEAD_DELAY_MS = 20  # the first batch this long after the step


class Idea:
    """What the map knows of an idea whether or not its items exist."""

    __slots__ = ("intervention", "colour", "kind", "bounds", "anchor", "shown", "clustered", "item", "label")

    def __init__(self, intervention, colour, kind, bounds, anchor):
        self.intervention, self.colour, self.kind, self.bounds = intervention, colour, kind, bounds
        self.anchor = anchor  # the label's anchor in scene coordinates
        self.shown = True  # passes the session filter
        self.clustered = False  # part of a cluster disc (see clusters.py)
        self.item = self.label = None


class _Built(Mapping):
    """uuid -> an idea's item (or label), built when asked for; iterating lists every idea."""

    def __init__(self, scene, part: str):
        self._scene, self._part = scene, part

    def __getitem__(self, uuid):
        idea = self._scene.ideas[uuid]
        self._scene._build([idea])
        return getattr(idea, self._part)

    def __iter__(self):
        return iter(self._scene.ideas)

    def __len__(self):
        return len(self._scene.ideas)

    def __contains__(self, uuid):
        return uuid in self._scene.ideas


class IdeaLayer:
    """The ideas' items and labels of a ``MapScene``."""

    def _init_ideas(self) -> None:
        self.ideas = {}  # uuid -> Idea, every idea with a place
        self._items, self._labels = {}, {}  # uuid -> the items built
        # (left, top, right, bottom) where the ideas' items, and their labels, are built
        # since the discs last changed
        self._built_window = self._labelled_window = None
        self.items_by_uuid = _Built(self, "item")
        self.labels_by_uuid = _Built(self, "label")
        self._spare = []  # (item, label) of deleted ideas, hidden, for the next added
        self._ahead, self._ahead_window = [], None  # ideas in the margin still to build, and the margin
        self._ahead_timer = QTimer(self)
        self._ahead_timer.setSingleShot(True)
        self._ahead_timer.timeout.connect(self._build_ahead)

    def built_items(self) -> dict:
        """uuid -> InterventionItem of the ideas whose items exist (do not change it)."""
        return self._items

    def all_labels(self) -> list:
        """Every label built: the ideas' numbers and the names made so far."""
        return list(self._labels.values()) + self.reference_labels

    def _drop_ideas(self) -> None:
        """Remove every idea's item (another project, or a reset: the whole map repaints anyway)."""
        for item in list(self._items.values()) + [item for item, _label in self._spare]:
            self.removeItem(item)
        for label in list(self._labels.values()) + [label for _item, label in self._spare]:
            self.removeItem(label)
        for idea in self.ideas.values():  # the clusters may still hold them until they gather again
            idea.item = idea.label = None
        self.ideas, self._items, self._labels, self._spare = {}, {}, {}, []
        self._forget_built()
        self.detail.clear()
        self.clusters.dirty = True

    def _put_all(self, interventions) -> None:
        """The ideas of a project just opened: their facts, no items yet."""
        placed = [i for i in interventions if i.geometry is not None]  # the others are listed, not drawn
        kinds, bounds, anchors = shape_facts([i.geometry for i in placed])
        colours = {}
        for intervention, kind, box, (x, y) in zip(placed, kinds, bounds, anchors):
            theme = intervention.primary_theme_uuid
            colour = colours.get(theme)
            if colour is None:
                colour = colours[theme] = self.project.primary_color(intervention)
            idea = self.ideas[intervention.uuid] = Idea(intervention, colour, kind, tuple(box), (x, -y))
            idea.shown = self._passes_filter(intervention)
        self.clusters.dirty = True

    def _build(self, ideas, items: bool = True) -> None:
        """Make the items and labels of ``ideas`` that have none yet; with ``items``
        False only their labels (to be placed: their shapes are off screen)."""
        labelled = [idea for idea in ideas if idea.label is None]
        drawn = [idea for idea in ideas if idea.item is None] if items else []
        if not labelled and not drawn:
            return
        labels = self.groups["labels"]
        for idea in labelled:
            label = idea.label = self._labels[idea.intervention.uuid] = self._new_label(
                idea.intervention, idea.kind, idea.colour, idea.anchor[0], -idea.anchor[1], labels)
            label.clustered = idea.clustered
            label.filtered = not idea.shown
        group = self.groups["interventions"]
        width_scale = getattr(self, "width_scale", 1.0)
        for idea in drawn:
            item = InterventionItem(idea.intervention, idea.colour, None, idea.kind, idea.bounds, width_scale)
            item.set_clustered(idea.clustered)  # before it joins the scene: see set_clustered
            if not idea.shown:
                item.setVisible(False)
            item.setParentItem(group)
            idea.item = self._items[idea.intervention.uuid] = item
        if drawn:
            self.detail.refresh(self._items, [idea.intervention.uuid for idea in drawn])
        if labelled:
            self._sorted_labels = None

    def _build_shown(self, rect=None) -> None:
        """Build the ideas the map shows: not in a disc, and (in a big project, zoomed
        in) in or near ``rect`` (scene coordinates; None: everywhere). Nothing while the
        ideas layer is hidden: its ideas are in no disc then, and would all be built.

        Zoomed in, the ideas drawn in ``rect`` (and DRAW_MARGIN around it) are built
        now, and the labels of those within PLACE_MARGIN (thinning places them); the
        rest within BUILD_MARGIN when the app is idle."""
        if not self.groups["interventions"].isVisible():
            return
        if len(self.ideas) < BUILD_ALL_BELOW or rect is None:
            drawn = placed = ahead = (-float("inf"), -float("inf"), float("inf"), float("inf"))
        else:
            drawn, placed, ahead = _around(rect, DRAW_MARGIN), _around(rect, PLACE_MARGIN), _around(rect, BUILD_MARGIN)
        if _within(drawn, self._built_window) and _within(placed, self._labelled_window):
            return  # every repaint asks: skip the pass over all ideas when nothing changed
        wanted = [idea for idea in self.ideas.values()
                  if idea.item is None and idea.shown and not idea.clustered and _meets(idea.bounds, ahead)]
        now, labelled, later = [], [], []
        for idea in wanted:
            (now if _meets(idea.bounds, drawn) else labelled if _meets(idea.bounds, placed) else later).append(idea)
        self._built_window = drawn if labelled or later else ahead
        self._labelled_window = placed if later else ahead
        self._ahead, self._ahead_window = labelled + later, ahead
        self._build(now)
        self._build(labelled, items=False)
        if self._ahead and not self._ahead_timer.isActive():
            # the first batch after the step's frame and what input came meanwhile (a
            # next wheel step), the others one per turn of the event loop; not pushed
            # back by each move of a drag, which would starve the batches
            self._ahead_timer.start(AHEAD_DELAY_MS)

    def _build_ahead(self) -> None:
        """A batch of the ideas in the margin around the view (see _build_shown)."""
        batch, self._ahead = self._ahead[:AHEAD_BATCH], self._ahead[AHEAD_BATCH:]
        self._build([idea for idea in batch if idea.item is None and idea.shown and not idea.clustered
                     and self.ideas.get(idea.intervention.uuid) is idea])
        if not self._ahead:
            if self._built_window is not None:
                self._built_window = self._labelled_window = self._ahead_window
        else:
            self._ahead_timer.start(0)

    def _forget_built(self) -> None:
        """The discs changed (or the ideas): which ideas the view needs is decided again."""
        self._built_window = self._labelled_window = None
        self._ahead, self._ahead_window = [], None
        self._ahead_timer.stop()

    def _new_label(self, intervention, kind, colour, x, y, parent=None) -> LabelItem:
        return LabelItem(str(intervention.number), to_scene(x, y), colour, intervention.number,
                         style.LABEL_SIZE * self.label_scale, style.readable_text_on(colour), parent,
                         _offset_for(kind))

    def _put_intervention(self, intervention) -> bool:
        """Add or update the idea's item and label; False when its label stays as it was
        (a title edit, or its undo), so that 10,000 labels need not be thinned again."""
        if intervention.geometry is None:  # an idea without a place is listed, not drawn
            self._remove_intervention(intervention.uuid)
            return True
        colour = self.project.primary_color(intervention)
        idea = self.ideas.get(intervention.uuid)
        if idea is not None and idea.item is None:  # not built yet: built now, as it is
            self._build([idea])
        item, label = (idea.item, idea.label) if idea is not None else (None, None)
        if item is None:
            x, y = label_anchor(intervention.geometry)
            if self._spare:
                item, label = self._spare.pop()
                item.reuse(intervention, colour)
                item.set_width_scale(getattr(self, "width_scale", 1.0))  # presentation mode may have changed
            else:
                item = InterventionItem(intervention, colour, self.groups["interventions"],
                                        width_scale=getattr(self, "width_scale", 1.0))
            idea = self.ideas[intervention.uuid] = Idea(intervention, colour, item.kind, intervention.geometry.bounds,
                                                        (x, -y))
            idea.shown = self._passes_filter(intervention)
            idea.item, self._items[intervention.uuid] = item, item
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
            idea.intervention, idea.colour, idea.kind = intervention, colour, item.kind
            same_label = same_label and kind == item.kind and label is not None
            if same_place and same_label:
                self.detail.refresh(self._items, [intervention.uuid])
                return False
            idea.bounds = intervention.geometry.bounds
        self.detail.forget(intervention.uuid)
        self.detail.refresh(self._items, [intervention.uuid])
        x, y = label_anchor(intervention.geometry)
        idea.anchor = (x, -y)
        if same_label:  # moved or reshaped: the label follows
            label.set_anchor(to_scene(x, y))
            self.clusters.moved(idea)
        else:
            self.clusters.dirty = True
            if label is None:
                label = self._new_label(intervention, item.kind, colour, x, y, self.groups["labels"])
            else:  # renumbered, recoloured, or a spare: drawn again in place
                label.set_anchor(to_scene(x, y))
                label.clustered = label.filtered = False
                label.relabel(str(intervention.number), colour, intervention.number, style.readable_text_on(colour),
                              _offset_for(item.kind), style.LABEL_SIZE * self.label_scale)
            idea.label = self._labels[intervention.uuid] = label
            self._sorted_labels = None
        self._apply_filter(intervention.uuid)
        return True

    def _remove_intervention(self, uuid) -> None:
        """The idea left the map: its item and label are hidden and kept for the next."""
        idea = self.ideas.get(uuid)
        if idea is not None and idea.item is None and idea.label is not None and len(self._spare) < MAX_SPARE:
            self._build([idea])  # a pair for the spares: removing the label alone would repaint the whole map
        self.detail.forget(uuid)
        self.clusters.dirty = True
        idea = self.ideas.pop(uuid, None)
        if idea is not None:
            idea.item = idea.label = None  # they may draw another idea next
        item = self._items.pop(uuid, None)
        label = self._labels.pop(uuid, None)
        if item is not None:
            item.set_selected(False)
            item.set_hovered(False)
            item.setVisible(False)
        if label is not None:
            label.thinned = True
            label.setVisible(False)
        if item is not None and label is not None and len(self._spare) < MAX_SPARE:
            self._spare.append((item, label))
        else:
            for leftover in (item, label):
                if leftover is not None:
                    self.removeItem(leftover)

    def set_shape_detail(self, scale: float, rect=None) -> bool:
        """Draw the ideas' shapes in the detail for ``scale`` (pixels per metre), dense
        ones as cluster discs, building those shown in ``rect`` (scene coordinates, the
        view; None: everywhere); True when the labels must be thinned again."""
        self.detail.apply(self._items, scale)
        changed = self.clusters.apply(self.ideas, self.groups["interventions"].isVisible(), scale)
        if changed:  # ideas left their discs
            self._forget_built()
        self._build_shown(rect)
        if changed:
            self._thinned_at = None
        return changed

    def _passes_filter(self, intervention) -> bool:
        """Shown under the session filter: made in the filtered session, or no filter."""
        return self.session_filter is None or intervention.created_session_uuid == self.session_filter

    def set_session_filter(self, session_uuid) -> None:
        self.session_filter = session_uuid
        self.clusters.dirty = True
        self._sorted_labels = None
        for uuid, idea in self.ideas.items():
            if idea.label is not None:
                self._apply_filter(uuid)
            else:
                idea.shown = self._passes_filter(idea.intervention)
        self._hit_cache = None

    def _apply_filter(self, uuid) -> None:
        idea = self.ideas[uuid]
        shown = idea.shown = self._passes_filter(idea.intervention)
        item, label = idea.item, idea.label
        if item is not None:  # None: only its label is built yet (see _build_shown)
            item.setVisible(shown)
            if not shown:
                item.set_selected(False)
        label.filtered = not shown
        label.setVisible(shown and not label.thinned and not label.clustered)
        if label.isVisible():
            label.ensure_drawn()


def _within(inner, outer) -> bool:
    """Whether the window ``inner`` lies in ``outer`` (None: nothing)."""
    return outer is not None and outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] \
        and inner[3] <= outer[3]


def _meets(bounds, window) -> bool:
    """Whether an idea's ``bounds`` (RD metres) meet ``window`` (scene coordinates)."""
    return bounds[0] <= window[2] and bounds[2] >= window[0] and -bounds[3] <= window[3] and -bounds[1] >= window[1]


def _around(rect, margin: float) -> tuple:
    """(left, top, right, bottom) of ``rect`` widened by ``margin`` of its size on each side."""
    mx, my = rect.width() * margin, rect.height() * margin
    return rect.left() - mx, rect.top() - my, rect.right() + mx, rect.bottom() + my


def _offset_for(kind: int) -> QPointF:
    """A point's number sits beside its marker; a line's or polygon's on its anchor."""
    if kind == 0:
        return QPointF(style.POINT_RADIUS + 8, -(style.POINT_RADIUS + 6))
    return QPointF(0, 0)
