"""Thinning labels so they never overlap into mush when zoomed out.

Greedy by priority: the most important label (lowest priority value) is placed first,
at its anchor or, for idea numbers, just beside it; a label that would touch one
already placed is hidden. A name is only tried when its feature is at least about as
wide on screen as the name itself. A grid of cells keeps this linear; plain floats
instead of QRectF keep it quick (it runs on every zoom step).
"""

CELL = 64.0  # pixels
TRIES = 2500  # level of detail: labels tried per thinning; the rest (least important) stay hidden


def thin(labels, transform, padding: float = 2.0, viewport=None, obstacles=()) -> int:
    """Show or hide ``labels`` (LabelItem, sorted by priority) for the scene->device
    ``transform`` (scale and translation); returns how many are shown.

    ``obstacles`` are (x, y in scene coordinates, radius in pixels) discs no label may
    cover: the cluster discs, whose counts a wijk name must not hide.

    With ``viewport`` (left, top, right, bottom in pixels), for a map of thousands of
    ideas: only labels anchored in it are tried, at most TRIES of them, so a zoom step
    costs what the screen can show, not what the project holds.
    """
    sx, sy, dx, dy = transform.m11(), transform.m22(), transform.dx(), transform.dy()
    scale = abs(sx) or 1.0
    placed = {}
    near = None
    if viewport is not None:  # discs further from it than its size cannot touch a label tried
        reach_x, reach_y = viewport[2] - viewport[0], viewport[3] - viewport[1]
        near = (viewport[0] - reach_x, viewport[1] - reach_y, viewport[2] + reach_x, viewport[3] + reach_y)
    for x, y, radius in obstacles:
        ax, ay = x * sx + dx, y * sy + dy
        if near is not None and not (near[0] <= ax <= near[2] and near[1] <= ay <= near[3]):
            continue
        rect = (ax - radius, ay - radius, ax + radius, ay + radius)
        for cx in range(int(rect[0] // CELL), int(rect[2] // CELL) + 1):
            for cy in range(int(rect[1] // CELL), int(rect[3] // CELL) + 1):
                placed.setdefault((cx, cy), []).append(rect)
    shown = tried = 0
    for label in labels:
        if label.filtered or label.clustered:
            continue
        ax, ay = label.anchor_xy
        ax, ay = ax * sx + dx, ay * sy + dy
        if viewport is not None:
            inside = viewport[0] <= ax <= viewport[2] and viewport[1] <= ay <= viewport[3]
            if not inside or tried >= TRIES:
                if not label.thinned:
                    label.thinned = True
                    label.setVisible(False)
                continue
            tried += 1
        box = label.box  # (left, top, right, bottom) in pixels around the anchor
        if label.min_extent and label.min_extent * scale < (box[2] - box[0]) * 0.8:
            if not label.thinned:  # the feature is smaller on screen than its name
                label.thinned = True
                label.setVisible(False)
            continue
        chosen = None
        for shift_x, shift_y in label.shifts:
            left = ax + box[0] + shift_x - padding
            top = ay + box[1] + shift_y - padding
            right = ax + box[2] + shift_x + padding
            bottom = ay + box[3] + shift_y + padding
            if not _clashes(placed, left, top, right, bottom):
                chosen = (shift_x, shift_y, (left, top, right, bottom))
                break
        if label.thinned != (chosen is None) or label.isVisible() != (chosen is not None):
            label.thinned = chosen is None
            label.setVisible(chosen is not None)
        if chosen is not None:
            shift_x, shift_y, rect = chosen
            label.set_shift(shift_x, shift_y)
            label.ensure_drawn()
            shown += 1
            for cx in range(int(rect[0] // CELL), int(rect[2] // CELL) + 1):
                for cy in range(int(rect[1] // CELL), int(rect[3] // CELL) + 1):
                    cell = placed.get((cx, cy))
                    if cell is None:
                        placed[(cx, cy)] = [rect]
                    else:
                        cell.append(rect)
    return shown


def _clashes(placed, left, top, right, bottom) -> bool:
    """Whether the box touches one already in ``placed`` (cell -> boxes)."""
    for cx in range(int(left // CELL), int(right // CELL) + 1):
        for cy in range(int(top // CELL), int(bottom // CELL) + 1):
            for ol, ot, orr, ob in placed.get((cx, cy), ()):
                if left < orr and ol < right and top < ob and ot < bottom:
                    return True
    return False
