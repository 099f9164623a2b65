"""``geoevents run`` with the stand-in stages, able to stop at a chosen phase: the fault suite's subject.

Run as ``python -m tests.fault_driver run IN --out OUT ...`` (the real command line and its exit
codes). With ``GEOEVENTS_FAULT_PAUSE=PHASE`` the run writes its pid to ``GEOEVENTS_FAULT_MARK``
when it reaches PHASE and waits there, so a test can signal it at that very point. Phases:
loading (the gazetteer), processing (an article in a worker), staging (the writers), publishing
(between a complete staged set and the switch to it).
"""

from __future__ import annotations

import dataclasses
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geoevents import cli, outset, pipeline
from geoevents.records import Article, ResolvedMention
from tests import test_pipeline_fakes as fakes

PAUSE_ENV = "GEOEVENTS_FAULT_PAUSE"
MARK_ENV = "GEOEVENTS_FAULT_MARK"
PHASES = ("loading", "processing", "staging", "publishing")


def pause(phase: str) -> None:
    """Tell the test this process reached ``phase``, then wait to be signalled."""
    if os.environ.get(PAUSE_ENV) != phase:
        return
    mark = Path(os.environ[MARK_ENV])
    with open(mark, "a", encoding="utf-8") as handle:
        handle.write(f"{os.getpid()}\n")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.05)


def load_gazetteer(extra: tuple[Path, ...], online: str | None) -> Any:
    pause("loading")
    return fakes.load_gazetteer(extra, online)


def geoparse(article: Article, *, gazetteer: Any) -> list[ResolvedMention]:
    pause("processing")
    return fakes.geoparse(article, gazetteer=gazetteer)


def write_outputs(results: Sequence[Any], events: Sequence[Any], out_dir: Path, **kwargs: Any) -> Any:
    written = fakes.write_outputs(results, events, out_dir, **kwargs)
    pause("staging")  # some outputs are written, not all
    (out_dir / "report.html").write_text(f"<p>{len(events)} events</p>", encoding="utf-8")
    return written


STAGES = dataclasses.replace(
    fakes.FAKE_STAGES, load_gazetteer=load_gazetteer, geoparse=geoparse, write_outputs=write_outputs
)


def _paused_publish(out: Path, generation: Path) -> list[Path]:
    pause("publishing")
    return _publish(out, generation)


_publish = outset.publish


def main(argv: Sequence[str]) -> int:
    pipeline.Stages = lambda: STAGES  # type: ignore[assignment,misc]
    pipeline.publish = _paused_publish  # type: ignore[assignment]
    return cli.main(list(argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
