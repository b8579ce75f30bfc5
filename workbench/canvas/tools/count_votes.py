"""Count stickers: every click on an idea adds one vote to it in the current session
(right-click takes one off). For counting the dots on a printed map after the round:
one click per sticker, no typing, no box that can turn 12 into 120. A click on a cluster
disc zooms in on its ideas instead of counting the one hidden beneath."""

from qtpy.QtCore import Qt

from workbench.canvas.tools.base import Tool
from workbench.i18n import _


class CountVotesTool(Tool):
    cursor = Qt.PointingHandCursor

    def start(self) -> None:
        self.view.message.emit(_("Stemmen tellen: klik op een idee voor elke sticker (+1); "
                                 "rechtsklik haalt er één af."))

    def press(self, event, world) -> bool:
        from workbench.core.commands import AddVotes

        if event.button() not in (Qt.LeftButton, Qt.RightButton):
            return False
        # only ideas drawn: a sticker for one folded into a disc would land on whichever lies beneath
        hit = self.view.intervention_at(world, drawn_only=True)
        if hit is None and self.view.zoom_into_cluster(world):
            self.view.message.emit(_("Hier liggen meer ideeën bij elkaar: ingezoomd. Klik nu op het idee."))
            return True
        if hit is None or self.project is None:
            return True
        self.view.select([hit])
        delta = 1 if event.button() == Qt.LeftButton else -1
        if self.view.execute(AddVotes(hit, delta)) and self.project.current_session_uuid:
            item = self.project.get("intervention", hit)
            count = self.project.votes(hit, self.project.current_session_uuid)
            self.view.message.emit(_("Idee {number}: {count} stemmen").format(number=item.number, count=count))
        return True

    def move(self, event, world) -> bool:
        self.view.set_hovered(self.view.intervention_at(world, drawn_only=True))  # as a click treats it
        return True

    def cancel(self) -> None:
        self.view.set_hovered(None)
