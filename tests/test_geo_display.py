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
    assert merge_overlapping(discs, radius, reach=100.0) == ([(0.0 * 30 / 40 + 15.0 * 10 / 40, 0.0, 40),
                                                               (300.0, 300.0, 6)], [0, 0, 1])
    rng = random.Random(7)
    crowd = [(rng.uniform(0, 2000), rng.uniform(0, 2000), rng.randint(6, 400)) for _ in range(3000)]
    merged, owner = merge_overlapping(crowd, radius, reach=100.0)
    assert sum(c for _x, _y, c in merged) == sum(c for _x, _y, c in crowd)
    assert [sum(c for (_x, _y, c), o in zip(crowd, owner) if o == index) for index in range(len(merged))] == [
        c for _x, _y, c in merged]  # each disc counts the discs it stands for
    assert len(merged) < len(crowd)
    for index, (x, y, count) in enumerate(merged):
        for ox, oy, other in merged[index + 1:]:
            assert math.hypot(x - ox, y - oy) >= radius(count) + radius(other)


def test_every_crowded_cell_is_one_disc_in_column_then_row_order_at_any_cell_size():
    """The discs are the cells of at least ``min_count`` points, counted one by one, in
    the order of their cell (column, then row); scene coordinates have negative rows."""
    import random

    rng = random.Random(14)
    xy = [(rng.uniform(192000, 198000), -rng.uniform(320000, 327000)) for _ in range(3000)]
    xy += [(195000.5 + i * 0.01, -325000.5) for i in range(20)]  # a crowded corner at any size
    for cell in (2000.0, 250.0, 40.0, 3.0):
        cells = {}
        for index, (x, y) in enumerate(xy):
            cells.setdefault((math.floor(x / cell), math.floor(y / cell)), []).append(index)
        expected = [(sum(xy[i][0] for i in members) / len(members), sum(xy[i][1] for i in members) / len(members),
                     len(members)) for _key, members in sorted(cells.items()) if len(members) >= 6]
        clustered, discs = grid_clusters(xy, cell=cell, min_count=6)
        assert [count for _x, _y, count in discs] == [count for _x, _y, count in expected]
        assert all(math.isclose(a, b, abs_tol=1e-6) for disc, want in zip(discs, expected)
                   for a, b in zip(disc[:2], want[:2]))
        crowded = {i for _key, members in cells.items() if len(members) >= 6 for i in members}
        assert [index for index, flag in enumerate(clustered) if flag] == sorted(crowded)
