"""Benchmarks: each ``bench_*.py`` has ``run()`` that prints ``BENCH ...`` lines."""
