"""Grouping crowded numbers on an overview map, and the frames of the detail maps.

Like QGIS's point cluster renderer: numbers whose anchors lie closer than a distance
on paper become one disc that shows how many ideas lie there (with a second ring, so
that a count never reads as an idea's number). The detail maps show them one by one;
their frames are drawn on the overview with the letter of each detail map.
"""

import math
from dataclasses import replace

from workbench import style
from workbench.report import fonts
from workbench.report.colors import color
from workbench.report.labels import Disc

CLUSTER_COLOR = "#4d4d4d"   # never a theme colour: a count must not read as an idea
FRAME_COLOR = "#1f4e79"


def cluster_discs(discs, distance) -> list:
    """``discs`` with those closer than ``distance`` (points) to a group's first member merged
    into one count disc at the group's mean position. Greedy in number order: stable."""
    groups, grid = [], {}
    for disc in discs:
        cell = (math.floor(disc.anchor_x / distance), math.floor(disc.anchor_y / distance))
        best, best_distance = None, distance
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for index in grid.get((cell[0] + dx, cell[1] + dy), ()):
                    seed = groups[index][0]
                    gap = math.hypot(seed.anchor_x - disc.anchor_x, seed.anchor_y - disc.anchor_y)
                    if gap < best_distance:
                        best, best_distance = index, gap
        if best is None:
            grid.setdefault(cell, []).append(len(groups))
            groups.append([disc])
        else:
            groups[best].append(disc)
    result = []
    for members in groups:
        if len(members) == 1:
            result.append(members[0])
            continue
        x = sum(disc.anchor_x for disc in members) / len(members)
        y = sum(disc.anchor_y for disc in members) / len(members)
        result.append(replace(members[0], label=str(len(members)), anchor_x=x, anchor_y=y, cluster=True,
                              color=CLUSTER_COLOR))
    return result


def draw_frames(canvas, view, frames, size):
    """The detail maps' extents as outlined rectangles with their letter in the top-left corner."""
    if not frames:
        return
    canvas.saveState()
    frame_x, frame_y, frame_width, frame_height = view.box
    for letter, (minx, miny, maxx, maxy) in frames:
        left, bottom = view.point(minx, miny)
        right, top = view.point(maxx, maxy)
        # Clipped by the map's edge: the letter stays inside the map.
        left, bottom = max(left, frame_x), max(bottom, frame_y)
        right, top = min(right, frame_x + frame_width), min(top, frame_y + frame_height)
        canvas.setStrokeColor(color(FRAME_COLOR))
        canvas.setLineWidth(1.0)
        canvas.setDash(4, 2)
        canvas.rect(left, bottom, right - left, top - bottom, stroke=1, fill=0)
        canvas.setDash()
        width = fonts.string_width(letter, size, bold=True) + 6
        canvas.setFillColor(color(FRAME_COLOR))
        canvas.rect(left, top - size - 4, width, size + 4, stroke=0, fill=1)
        canvas.setFillColor(color(style.readable_text_on(FRAME_COLOR)))
        canvas.setFont(fonts.BOLD, size)
        canvas.drawString(left + 3, top - size - 1, letter)
    canvas.restoreState()
