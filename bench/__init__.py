"""Benchmarks of the platform, run by `make bench` (bench/run.py), never by the test suite.

Each benchmark is a module with `run(ctx: Context) -> Section`, listed in run.py;
the sections together become docs/performance.md.
"""
