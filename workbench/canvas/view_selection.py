"""Which ideas the map view has selected and hovers: the selection lives in the view
(each item's ``selected``), not in Qt's item selection, and is announced once per change.

A mixin of ``MapView``.
"""

from workbench.i18n import _


class Selection:
    """Selection and hover of the ideas on a ``MapView``."""

    def hidden_in_cluster(self, uuid) -> bool:
        """True when idea ``uuid`` is drawn only as part of a cluster disc (not selected)."""
        idea = self._scene.ideas.get(uuid) if uuid is not None else None
        return idea is not None and idea.clustered and uuid not in self.selected()

    def set_hovered(self, uuid) -> None:
        if uuid == self._hovered:
            return
        for key in (self._hovered, uuid):
            item = self._scene.items_by_uuid.get(key)
            if item is not None:
                item.set_hovered(key == uuid)
        self._hovered = uuid

    def select(self, uuids) -> None:
        wanted = set(uuids or ())
        self._emitting_selection = True
        try:
            for uuid, item in list(self._scene.built_items().items()):
                if uuid not in wanted:
                    item.set_selected(False)
            for uuid in wanted:  # built now if folded into a disc or off screen
                item = self._scene.items_by_uuid.get(uuid)
                if item is not None:
                    item.set_selected(item.isVisible())
        finally:
            self._emitting_selection = False
        self._on_scene_selection(force=True)

    def selected(self) -> list:
        chosen = [item for item in self._scene.built_items().values() if item.selected]
        return [item.uuid for item in sorted(chosen, key=lambda i: i.intervention.number)]

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
