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


def p95(samples):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def report(name, value, floor, target, unit="s"):
    ratio = value / floor if floor else float("inf")
    print(f"BENCH {name} value={value:.6f}{unit} floor={floor:.6f}{unit} ratio={ratio:.2f} target={target}",
          flush=True)
    return ratio


median = statistics.median
