"""Placing the numbered discs on the map so that they do not overlap.

Each disc starts on its anchor (the point, the middle of the line, inside the
polygon). When it would cover another disc or the scale bar / north arrow, it is
nudged outward on rings of growing radius; a moved disc gets a leader line to its
anchor. Discs are placed in number order, so the result is the same every time.
The candidate spots of one disc are tested together against a bitmap (numpy),
which keeps a crowded map of hundreds of ideas fast.
"""

import math
from functools import lru_cache
from dataclasses import dataclass, replace

import numpy as np

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
    stuck: bool = False   # no free spot: left on its anchor, may overlap
    cluster: bool = False  # the label counts several ideas close together


def disc_radius(label: str, size: float, cluster: bool = False) -> float:
    radius = max(size * 0.85, fonts.string_width(label, size, bold=True) / 2 + size * 0.35)
    return radius * 1.25 + 2.2 if cluster else radius


def _unit_offsets() -> np.ndarray:
    """Candidate offsets in disc diameters: the anchor, then rings, starting straight
    up and going round, so that nudges look tidy and predictable."""
    offsets = [(0.0, 0.0)]
    for ring in range(1, RINGS + 1):
        count = DIRECTIONS * ring
        for step in range(count):
            angle = math.pi / 2 + 2 * math.pi * step / count
            offsets.append((ring * 0.75 * math.cos(angle), ring * 0.75 * math.sin(angle)))
    return np.array(offsets)


_OFFSETS = _unit_offsets()


@lru_cache(maxsize=None)
def _disk(radius: int) -> np.ndarray:
    span = np.arange(-radius, radius + 1)
    return span[None, :] ** 2 + span[:, None] ** 2 <= radius ** 2


def place_discs(discs, frame, size, obstacles=()) -> list:
    """The discs with positions; ones that find no free spot stay on their anchor.

    A bitmap at one point resolution marks where no disc centre may go: near the frame
    edge, over the obstacles, and around every disc placed so far (by its radius plus
    the largest radius, so any later disc keeps clear). Testing all candidate spots of
    a disc is then one lookup, whatever the number of discs already placed.
    """
    fx, fy, fw, fh = frame
    radii = [disc_radius(disc.label, size, disc.cluster) for disc in discs]
    largest = max(radii, default=size)
    width, height = int(math.ceil(fw)) + 1, int(math.ceil(fh)) + 1
    blocked = np.zeros((height, width), dtype=bool)
    edge = int(math.ceil(largest + 1))
    blocked[:edge, :] = blocked[-edge:, :] = True
    blocked[:, :edge] = blocked[:, -edge:] = True
    for ox, oy, ow, oh in obstacles:
        left, right = int(ox - fx - largest), int(math.ceil(ox - fx + ow + largest))
        bottom, top = int(oy - fy - largest), int(math.ceil(oy - fy + oh + largest))
        blocked[max(bottom, 0):max(top + 1, 0), max(left, 0):max(right + 1, 0)] = True
    placed = []
    for disc, radius in zip(discs, radii):
        step = 2 * radius + GAP
        candidates = np.array([disc.anchor_x - fx, disc.anchor_y - fy]) + _OFFSETS * step
        cols, rows = np.rint(candidates[:, 0]).astype(int), np.rint(candidates[:, 1]).astype(int)
        inside = (cols >= 0) & (cols < width) & (rows >= 0) & (rows < height)
        free = np.zeros(len(candidates), dtype=bool)
        free[inside] = ~blocked[rows[inside], cols[inside]]
        hits = np.flatnonzero(free)
        stuck = not len(hits)
        if not stuck:
            x, y = float(candidates[hits[0], 0]) + fx, float(candidates[hits[0], 1]) + fy
        else:
            x = min(max(disc.anchor_x, fx + radius), fx + fw - radius)
            y = min(max(disc.anchor_y, fy + radius), fy + fh - radius)
        moved = math.hypot(x - disc.anchor_x, y - disc.anchor_y) > 0.5
        placed.append(replace(disc, x=x, y=y, radius=radius, moved=moved, stuck=stuck))
        _block(blocked, x - fx, y - fy, int(math.ceil(radius + largest + GAP)) + 1)
    return placed


def _block(blocked, x, y, reach):
    """Mark the disk of radius ``reach`` around (x, y) in the bitmap."""
    mask = _disk(reach)
    col, row = int(round(x)), int(round(y))
    top, left = row - reach, col - reach
    r0, c0 = max(top, 0), max(left, 0)
    r1, c1 = min(row + reach + 1, blocked.shape[0]), min(col + reach + 1, blocked.shape[1])
    if r0 < r1 and c0 < c1:
        blocked[r0:r1, c0:c1] |= mask[r0 - top:r1 - top, c0 - left:c1 - left]
