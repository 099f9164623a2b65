"""The stage functions a run calls (each a module-level default that tests can replace), and the errors
that stop a stage for every article.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from geoevents.errors import GeoeventsError, RunFailed
from geoevents.records import Article, ArticleResult, Event, ResolvedMention
from geoevents.settings import Settings


class StageUnavailable(GeoeventsError):
    """A stage cannot run for any article (its module fails to import, a gazetteer file of the user's
    is bad): the run stops with this one usage-level error instead of one error per article."""


class StageFailed(StageUnavailable, RunFailed):
    """A stage that cannot run through no fault of the inputs or options (the world gazetteer cannot
    be built or loaded): the run itself failed, exit status 3."""


def _default_ingest(
    inputs: Sequence[str], *, settings: Settings, exclude: Sequence[Path] = ()
) -> Iterable[Any]:
    """Articles, InputErrors, and notes (``Skipped``, ``FileRead``); nothing under ``exclude`` is read."""
    from geoevents.ingest import articles_from_paths

    return articles_from_paths(inputs, settings=settings, exclude=exclude, notes=True)


def _default_geoparse(article: Article, *, gazetteer: Any) -> Sequence[ResolvedMention]:
    from geoevents.geoparse.parse import resolved_mentions_from_article

    return resolved_mentions_from_article(article, gazetteer=gazetteer)


def _default_extract_events(
    article: Article, resolved: Sequence[ResolvedMention], *, settings: Settings
) -> Sequence[Event]:
    from geoevents.events import events_from_article

    return events_from_article(article, list(resolved), settings=settings)


def _default_merge(events: Sequence[Event], *, settings: Settings) -> Sequence[Event]:
    from geoevents.events import merge_events

    return merge_events(list(events), settings=settings)


def _default_load_overrides(path: Path) -> Any:
    from geoevents.events.overrides import load_overrides

    return load_overrides(path)


def _default_apply_to_resolved(
    overrides: Any, resolved: Sequence[ResolvedMention], *, article: Article
) -> Any:
    from geoevents.events.overrides import apply_to_resolved

    return apply_to_resolved(overrides, resolved, article=article)


def _default_apply_to_events(overrides: Any, events: Sequence[Event]) -> Any:
    from geoevents.events.overrides import apply_to_events

    return apply_to_events(overrides, events)


def _default_write_outputs(
    results: Iterable[ArticleResult],
    events: Sequence[Event],
    out_dir: Path,
    *,
    tiles: str | None,
    run_info: Any,
) -> Any:
    from geoevents.outputs import write_outputs

    extras = (run_info or {}).get("options", {}).get("extras", ())  # what the run was asked to add
    return write_outputs(results, events, out_dir, tiles=tiles, run_info=run_info, extras=extras)


def _default_load_gazetteer(extra_files: tuple[Path, ...], online: str | None) -> Any:
    from geoevents.gazetteer import gazetteer_from_options

    return gazetteer_from_options(extra_files=list(extra_files), online=online)


@dataclasses.dataclass(frozen=True)
class Stages:
    """The stage functions the runner calls; tests pass their own (module-level, so they pickle)."""

    ingest: Callable[..., Iterable[Any]] = _default_ingest
    geoparse: Callable[..., Sequence[ResolvedMention]] = _default_geoparse
    extract_events: Callable[..., Sequence[Event]] = _default_extract_events
    merge: Callable[..., Sequence[Event]] = _default_merge
    load_overrides: Callable[[Path], Any] = _default_load_overrides
    apply_to_resolved: Callable[..., Any] = _default_apply_to_resolved
    apply_to_events: Callable[..., Any] = _default_apply_to_events
    write_outputs: Callable[..., Any] = _default_write_outputs
    load_gazetteer: Callable[[tuple[Path, ...], str | None], Any] = _default_load_gazetteer

    def check_imports(self, *, overrides: bool) -> None:
        """Import the module behind every default stage now, so a broken install stops the run
        before the first article (raises StageUnavailable naming the stage)."""
        for field in dataclasses.fields(self):
            module = _DEFAULT_MODULES.get(getattr(self, field.name))
            if module is None or (module.endswith(".overrides") and not overrides):
                continue
            try:
                importlib.import_module(module)
            except Exception as exc:  # ImportError, or any error raised while the module loads
                raise StageUnavailable(
                    f"the {field.name} stage cannot be loaded ({module}: {one_line(exc_text(exc))})"
                ) from exc


_DEFAULT_MODULES: dict[Callable[..., Any], str] = {
    _default_ingest: "geoevents.ingest",
    _default_geoparse: "geoevents.geoparse.parse",
    _default_extract_events: "geoevents.events",
    _default_merge: "geoevents.events",
    _default_load_overrides: "geoevents.events.overrides",
    _default_apply_to_resolved: "geoevents.events.overrides",
    _default_apply_to_events: "geoevents.events.overrides",
    _default_write_outputs: "geoevents.outputs",
    _default_load_gazetteer: "geoevents.gazetteer",
}


def exc_text(exc: BaseException) -> str:
    """``TypeName: message`` of an exception, for error lines."""
    return f"{type(exc).__name__}: {exc}"


def one_line(text: object, *, limit: int = 500) -> str:
    """An error text fit for one line of a log or of run.json."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
