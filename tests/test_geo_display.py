"""geo.display without Qt: what a zoomed-out map shows of shapes and crowded points."""

import math

from shapely.geometry import LineString, Point, box

from workbench.geo.display import display_detail, grid_clusters


def test_tiny_shapes_become_dots_long_lines_simpler_and_the_rest_stays():
    wiggle = LineString([(195000 + i, 325000 + 0.01 * math.sin(i)) for i in range(2000)])
    tiny, plain = box(196000, 326000, 196003, 326003), LineString([(0, 0), (500, 0)])
    shown = display_detail([wiggle, tiny, plain], pixels_per_metre=0.25, tolerance=4.0, dot_pixels=4.0,
                           min_vertices=24, keep_fraction=0.8)
    assert len(shown[0].coords) < 100 and wiggle.length - shown[0].length < 1  # the stored line is untouched
    assert len(wiggle.coords) == 2000
    assert shown[1] == (196001.5, 326001.5) and shown[2] is None
    close = display_detail([wiggle, tiny], pixels_per_metre=8, tolerance=0.06, dot_pixels=4.0, min_vertices=24,
                           keep_fraction=0.8)
    assert close[1] is None  # 24 px wide: drawn as itself


def test_points_in_a_crowded_cell_become_one_disc_with_their_mean_and_count():
    xy = [(p.x, p.y) for p in [Point(5 + i * 0.1, 5) for i in range(6)] + [Point(55, 5), Point(56, 5)]]
    clustered, discs = grid_clusters(xy, cell=10.0, min_count=6)
    assert clustered.tolist() == [True] * 6 + [False, False]
    assert len(discs) == 1 and discs[0][2] == 6 and abs(discs[0][0] - 5.25) < 1e-9 and discs[0][1] == 5
    assert grid_clusters([], cell=10.0, min_count=6)[1] == []


def test_discs_that_would_overlap_become_one_with_both_counts_and_none_overlap_after():
    """Two full cells whose ideas meet at their shared edge put their discs on top of each
    other (one count hidden): they become one disc at their members' mean; a chain that
    the merge makes reach a third merges on; far discs stay as they are."""
    import random

    from workbench.geo.display import merge_overlapping

    def radius(count):
        return 10 + math.log2(count)  # at most 50 for any count here

    discs = [(0.0, 0.0, 30), (15.0, 0.0, 10), (300.0, 300.0, 6)]
    assert merge_overlapping(discs, radius, reach=100.0) == [(0.0 * 30 / 40 + 15.0 * 10 / 40, 0.0, 40),
                                                              (300.0, 300.0, 6)]
    rng = random.Random(7)
    crowd = [(rng.uniform(0, 2000), rng.uniform(0, 2000), rng.randint(6, 400)) for _ in range(3000)]
    merged = merge_overlapping(crowd, radius, reach=100.0)
    assert sum(c for _x, _y, c in merged) == sum(c for _x, _y, c in crowd)
    assert len(merged) < len(crowd)
    for index, (x, y, count) in enumerate(merged):
        for ox, oy, other in merged[index + 1:]:
            assert math.hypot(x - ox, y - oy) >= radius(count) + radius(other)
