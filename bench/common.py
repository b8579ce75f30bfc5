"""Helpers shared by the benchmarks."""

import statistics
import time


def timed(function, repeat=5):
    """Best-of-``repeat`` wall time of ``function()`` in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def timed_pair(ours, floor, repeat=25):
    """Best-of-``repeat`` wall times of ``ours()`` and ``floor()``, run alternately: a
    short measurement (milliseconds) taken all of one side first, then all of the
    other, read the machine's load drift as a ratio (1.1-1.6 for the same code)."""
    best_ours = best_floor = float("inf")
    for _ in range(repeat):
        best_ours = min(best_ours, timed(ours, 1))
        best_floor = min(best_floor, timed(floor, 1))
    return best_ours, best_floor


def p95(samples):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def report(name, value, floor, target, unit="s"):
    ratio = value / floor if floor else float("inf")
    print(f"BENCH {name} value={value:.6f}{unit} floor={floor:.6f}{unit} ratio={ratio:.2f} target={target}",
          flush=True)
    return ratio


median = statistics.median
