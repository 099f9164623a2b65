"""Per-article work and where it runs: in this process, in worker processes, or on a Dask cluster.

An article's work (geoparse, analyst corrections, event extraction) is independent of
every other article, so it fans out freely. Each worker loads the gazetteer once and
answers with a compact JSON encoding of its ``ArticleResult``: places are sent by
feature id, with the full place (geometry included) only the first time a worker
meets it, so country polygons cross the process boundary once per worker, not once
per mention. The same encoding is what the pipeline keeps on disk, which is why a
single-process run, ``--jobs N`` and a Dask run give byte-identical outputs.
"""

from geoevents.codec import decode_record, dumps, encode_record, place_id_of_encoded
from geoevents.runners import (
    ARTICLES_IN_FLIGHT_PER_WORKER,
    MAX_BATCH,
    DaskRunner,
    LocalRunner,
    ProcessRunner,
    batch_size,
    die_with_parent,
    replies_from_articles,
    runner_from_options,
)
from geoevents.stages import (
    StageFailed,
    Stages,
    StageUnavailable,
    _default_ingest,
    exc_text,
    one_line,
)
from geoevents.worker import (
    NO_EVENT_REASON,
    OVERRIDES_USED,
    Failure,
    Reply,
    Success,
    WorkerConfig,
    WorkerState,
    no_event_reason,
    process_article,
)

__all__ = [
    "ARTICLES_IN_FLIGHT_PER_WORKER",
    "MAX_BATCH",
    "NO_EVENT_REASON",
    "OVERRIDES_USED",
    "DaskRunner",
    "Failure",
    "LocalRunner",
    "ProcessRunner",
    "Reply",
    "StageFailed",
    "StageUnavailable",
    "Stages",
    "Success",
    "WorkerConfig",
    "WorkerState",
    "_default_ingest",
    "batch_size",
    "decode_record",
    "die_with_parent",
    "dumps",
    "encode_record",
    "exc_text",
    "no_event_reason",
    "one_line",
    "place_id_of_encoded",
    "process_article",
    "replies_from_articles",
    "runner_from_options",
]
