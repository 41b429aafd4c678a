"""Benchmarks behind `codeform bench` / `make bench`: performance targets live here, not in tests.

Each suite module has `run(args) -> list[str]` and prints medians. Suites may import bpy.
"""
