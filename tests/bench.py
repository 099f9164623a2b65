"""`make bench`: every speed and memory figure, measured in one run and printed side by side.

Each ``tests/bench_*.py`` module exposes ``rows() -> list[tuple[str, str, str]]``:
(figure, measured, goal). Run one area alone with ``python tests/bench.py gazetteer``.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main(argv: list[str]) -> int:
    names = sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    wanted = [n for n in names if not argv or n in argv]
    table: list[tuple[str, str, str, str]] = []
    for name in wanted:
        module = importlib.import_module(f"tests.bench_{name}")
        for figure, measured, goal in module.rows():
            table.append((name, figure, measured, goal))
            print(f"{name:<10} {figure:<58} {measured:>18}   goal {goal}", flush=True)
    print()
    width = max((len(r[1]) for r in table), default=10)
    print(f"{'area':<10} {'figure':<{width}} {'measured':>18}   goal")
    for area, figure, measured, goal in table:
        print(f"{area:<10} {figure:<{width}} {measured:>18}   {goal}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
