"""Ingest with Dask distributed: cleaning and coding run in parallel workers, the store is written once.

Partitions of raw documents go to the workers (a local cluster with
``--workers N`` or a running scheduler with ``--scheduler tcp://host:8786``);
each worker cleans and codes its partition and returns the coded documents;
the client writes them to the store one transaction per document. Writing
stays on one side because the embedded store has one writer, and because
content ids make every write idempotent, a partition that is retried after a
worker dies cannot create duplicates. At most two partitions per worker are
in flight, so memory stays flat however large the corpus.

On a real cluster: start ``dask scheduler`` on one machine and ``dask worker
tcp://SCHEDULER:8786 --nthreads 1`` on each worker machine (each with parley
installed), then run ``parley ingest CORPUS --scheduler tcp://SCHEDULER:8786
--store postgresql://...`` from any machine that can reach both.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from parley.ingest.errors import InputProblem
from parley.kb.actors import ActorKB
from parley.models import CodedDocument, RawDocument
from parley.pipeline import IngestReport, valid_inputs
from parley.store.base import Store
from parley.text.clean import raw_digest

PARTITION_SIZE = 8


def code_partition(raws: list[RawDocument], actor_files: tuple[str, ...]) -> list[CodedDocument | InputProblem]:
    """Runs on a worker: clean and code a partition (the KB and model load once per worker process)."""
    from parley.coding.document import DocumentCoder
    from parley.kb.actors import load_kb
    from parley.text.clean import clean_document

    coder = DocumentCoder(load_kb(actor_files))
    cleaned = []
    out: list[CodedDocument | InputProblem] = []
    for raw in raws:
        try:
            cleaned.append(clean_document(raw))
        except ValueError as exc:
            out.append(InputProblem(raw.origin, str(exc)))
    out.extend(coder.code_many(cleaned))
    return out


def _partitions(items: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def ingest_distributed(
    items: Iterable[RawDocument | InputProblem],
    store: Store,
    kb: ActorKB,
    client: object,
    actor_files: tuple[str, ...] = (),
    published: dt.date | None = None,
    on_item: Callable[[str, str], None] | None = None,
    partition_size: int = PARTITION_SIZE,
) -> IngestReport:
    from distributed import Client, as_completed

    assert isinstance(client, Client)
    report = IngestReport()
    store.sync_actors(kb)

    def fresh() -> Iterator[RawDocument]:
        for raw in valid_inputs(items, report, published, on_item):
            if store.has_raw(raw_digest(raw)):
                report.unchanged.append(raw.origin)
                if on_item:
                    on_item(raw.origin, "unchanged")
                continue
            yield raw

    workers = max(1, len(client.scheduler_info().get("workers", {})))
    pending = as_completed()
    partitions = _partitions(fresh(), partition_size)
    for part in islice(partitions, 2 * workers):
        pending.add(client.submit(code_partition, part, actor_files, pure=False))
    for future in pending:
        for result in future.result():
            if isinstance(result, InputProblem):
                report.problems.append(result)
                status = "problem"
            elif store.save(result):
                report.stored.append(result.document.doc_id)
                status = "stored"
            else:
                report.unchanged.append(result.document.origin)
                status = "unchanged"
            if on_item:
                on_item(result.origin if isinstance(result, InputProblem) else result.document.origin, status)
        future.release()
        nxt = next(partitions, None)
        if nxt is not None:
            pending.add(client.submit(code_partition, nxt, actor_files, pure=False))
    return report


def make_client(workers: int | None, scheduler: str | None) -> object:
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    # One BLAS thread per worker process: N workers on N cores, not N x N threads fighting for them.
    single = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    os.environ.update({k: v for k, v in single.items() if k not in os.environ})
    cluster = LocalCluster(
        n_workers=workers or 1, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    )
    return Client(cluster)
