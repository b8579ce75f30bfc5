"""The two kinds of thread a download uses: workers that each take the next tile when
they are done (:func:`run_pool`), and a writer that commits complete tiles in batches
(:class:`TileWriter`), so no download waits for an fsync and a kill loses at most one
batch.
"""

import queue
import threading
import time

from workbench.io.basemap_http import Stopped
from workbench.store.tiles import BaseMapDisplay, NewBaseMap, basemaps_of, open_basemaps, rd_level

BATCH_TILES = 512              # tiles per transaction (a commit costs the same fsyncs whatever its size)
BATCH_SECONDS = 1.0            # ... or this long since the last one, whichever first: a kill loses at most this
CANCEL_POLL = 0.2              # seconds between looks at cancelled() while every thread waits for a server


def run_pool(connections, jobs, work, client, cancelled, on_result) -> bool:
    """Run ``work`` over ``jobs`` in ``connections`` threads, each taking the next job
    when it is done (no coordinator to wake per tile); ``on_result`` runs under a lock.
    Returns True when cancelled; raises the first real error."""
    lock = threading.Lock()
    state = {"error": None, "cancelled": False}

    def worker():
        while True:
            with lock:
                if state["error"] is not None or state["cancelled"]:
                    return
                if cancelled():
                    state["cancelled"] = True
                    client.stop()  # the other threads' requests are cut off, not waited for
                    return
                job = next(jobs, None)
            if job is None:
                return
            try:
                result = work(job)
                with lock:
                    on_result(*result)
            except Stopped:
                return
            except BaseException as error:  # FetchError, or a bug: stop everyone, raise it in the caller
                with lock:
                    state["error"] = state["error"] or error
                client.stop()
                return

    threads = [threading.Thread(target=worker, name="tiles", daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            while thread.is_alive():
                thread.join(CANCEL_POLL)
                if not state["cancelled"] and thread.is_alive() and cancelled():  # all threads may be waiting
                    state["cancelled"] = True
                    client.stop()
    except BaseException:  # Ctrl+C in the CLI: let the workers end, keep nothing in flight
        state["cancelled"] = True
        client.stop()
        raise
    if state["error"] is not None:
        raise state["error"]
    return state["cancelled"]


class TileWriter:
    """Collects complete tiles and hands them in batches to a thread of its own that
    commits them (creating the table first), so no download waits for an fsync."""

    def __init__(self, project, plan):
        self.plan = plan
        self.maps = open_basemaps(project.path) if project.path else basemaps_of(project)
        self.pending = []
        self.created = False
        self.added = 0   # tiles handed to add() (stored counts those committed)
        self.stored = 0
        self.error = None
        self.last_hand_over = time.monotonic()
        self.batches = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="tiles-writer", daemon=True)
        self.thread.start()

    def add(self, zoom, col, row, data) -> None:
        if self.error is not None:
            raise self.error
        self.pending.append((zoom, col, row, data))
        self.added += 1
        if len(self.pending) >= BATCH_TILES or time.monotonic() - self.last_hand_over > BATCH_SECONDS:
            self._hand_over()

    def _hand_over(self) -> None:
        self.last_hand_over = time.monotonic()
        if self.pending:
            self.batches.put(self.pending)
            self.pending = []

    def flush(self) -> None:
        """Write everything collected so far; returns when it is committed."""
        self._hand_over()
        self.batches.join()
        if self.error is not None:
            raise self.error

    def _run(self) -> None:
        while True:
            batch = self.batches.get()
            try:
                if batch is None:
                    return
                if self.error is None:
                    self._write(batch)
            except BaseException as error:  # a full disk, a file another program holds: reported by add/flush
                self.error = error
            finally:
                self.batches.task_done()

    def _write(self, batch) -> None:
        source = self.plan.source
        if not self.created:
            self.maps.create(NewBaseMap(source.table, source.title, source.attribution, source.licence, source.url,
                                        source.tiling), self.plan.bounds)
            self.created = True
        for zoom in sorted({tile[0] for tile in batch}):
            self.maps.write_tiles(source.table, rd_level(zoom), [(c, r, data) for z, c, r, data in batch if z == zoom])
        self.stored += len(batch)

    def finish(self) -> None:
        self.flush()
        if self.created and self.maps.display().active is None and not self.maps.read_only:
            current = self.maps.display()
            self.maps.set_display(BaseMapDisplay(self.plan.source.table, current.opacity, current.faded))

    def close(self) -> None:
        self.batches.put(None)
        self.thread.join()
        self.maps.close()
