"""Placing the numbered discs on the map so that they do not overlap.

Each disc starts on its anchor (the point, the middle of the line, inside the
polygon). When it would cover another disc or the scale bar / north arrow, it is
nudged outward on rings of growing radius; a moved disc gets a leader line to its
anchor. Discs are placed in number order, so the result is the same every time.
"""

import math
from dataclasses import dataclass, replace

from workbench.report import fonts

GAP = 1.5           # points between two discs
RINGS = 8           # how far out a disc may be nudged, in disc diameters
DIRECTIONS = 12


@dataclass(frozen=True)
class Disc:
    label: str
    anchor_x: float
    anchor_y: float
    color: str
    x: float = 0.0
    y: float = 0.0
    radius: float = 0.0
    moved: bool = False


def disc_radius(label: str, size: float) -> float:
    return max(size * 0.85, fonts.string_width(label, size, bold=True) / 2 + size * 0.35)


class _Grid:
    """Placed discs bucketed by cell, so a test looks only at its neighbours."""

    def __init__(self, cell):
        self.cell = cell
        self.buckets = {}

    def add(self, disc):
        key = (int(disc.x // self.cell), int(disc.y // self.cell))
        self.buckets.setdefault(key, []).append(disc)

    def near(self, x, y):
        cx, cy = int(x // self.cell), int(y // self.cell)
        for i in (cx - 1, cx, cx + 1):
            for j in (cy - 1, cy, cy + 1):
                yield from self.buckets.get((i, j), ())


def _fits(x, y, radius, frame, placed, obstacles):
    fx, fy, fw, fh = frame
    if x - radius < fx + 1 or x + radius > fx + fw - 1 or y - radius < fy + 1 or y + radius > fy + fh - 1:
        return False
    for other in placed.near(x, y):
        if (x - other.x) ** 2 + (y - other.y) ** 2 < (radius + other.radius + GAP) ** 2:
            return False
    for ox, oy, ow, oh in obstacles:
        nearest_x, nearest_y = min(max(x, ox), ox + ow), min(max(y, oy), oy + oh)
        if (x - nearest_x) ** 2 + (y - nearest_y) ** 2 < radius ** 2:
            return False
    return True


def _candidates(disc, radius):
    yield disc.anchor_x, disc.anchor_y
    for ring in range(1, RINGS + 1):
        distance = ring * (2 * radius + GAP) * 0.75
        count = DIRECTIONS * ring
        for step in range(count):
            # Start straight up and go round, so that nudges look tidy and predictable.
            angle = math.pi / 2 + 2 * math.pi * step / count
            yield disc.anchor_x + distance * math.cos(angle), disc.anchor_y + distance * math.sin(angle)


def place_discs(discs, frame, size, obstacles=()) -> list:
    """The discs with positions; ones that find no free spot stay on their anchor."""
    radii = [disc_radius(disc.label, size) for disc in discs]
    grid = _Grid(2 * max(radii, default=size) + GAP)
    placed = []
    for disc in discs:
        radius = disc_radius(disc.label, size)
        chosen = None
        for x, y in _candidates(disc, radius):
            if _fits(x, y, radius, frame, grid, obstacles):
                chosen = (x, y)
                break
        if chosen is None:
            fx, fy, fw, fh = frame
            chosen = (min(max(disc.anchor_x, fx + radius), fx + fw - radius),
                      min(max(disc.anchor_y, fy + radius), fy + fh - radius))
        moved = math.hypot(chosen[0] - disc.anchor_x, chosen[1] - disc.anchor_y) > 0.5
        placed.append(replace(disc, x=chosen[0], y=chosen[1], radius=radius, moved=moved))
        grid.add(placed[-1])
    return placed
