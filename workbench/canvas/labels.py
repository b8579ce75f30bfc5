"""Thinning labels so they never overlap into mush when zoomed out.

Greedy by priority: the most important label (lowest priority value) is placed first;
a label whose screen rectangle would touch one already placed is hidden. A grid of
cells keeps this linear in the number of labels.
"""

from qtpy.QtCore import QRectF

CELL = 64.0  # pixels


def thin(labels, transform, padding: float = 2.0) -> int:
    """Show or hide ``labels`` (LabelItem) for the scene->device ``transform``; returns
    how many are shown. Labels switched off by their layer are left alone."""
    placed = {}
    shown = 0
    for label in sorted(labels, key=lambda item: item.priority):
        anchor = transform.map(label.pos())
        rect = label.label_rect().translated(anchor).adjusted(-padding, -padding, padding, padding)
        cells = [(cx, cy) for cx in range(int(rect.left() // CELL), int(rect.right() // CELL) + 1)
                 for cy in range(int(rect.top() // CELL), int(rect.bottom() // CELL) + 1)]
        clash = any(rect.intersects(other) for cell in cells for other in placed.get(cell, ()))
        label.thinned = clash
        label.setVisible(not clash and not getattr(label, "filtered", False))
        if not clash:
            shown += 1
            for cell in cells:
                placed.setdefault(cell, []).append(QRectF(rect))
    return shown
