"""Reading untrusted files one at a time in worker processes, each within a time budget.

A subordinate unit's file is hostile until read: a reader may hang on it (a dead network
share, a pipe posing as a file, an input that sends a parser into a very long loop) or
crash in a way nobody foresaw. Each file is therefore read by a worker process that can
be killed: when a file takes longer than its budget the worker is killed, the file is
listed as refused ("quá thời gian") and a fresh worker takes the next file. Any other
failure is caught per file too: a KnownError keeps its sentence, anything else becomes
"lỗi không xác định khi đọc tệp". The caller always gets one Outcome per item, in order.

Workers are started with the "spawn" method (the only one on Windows, and safe with the
threads a Qt window runs) and live for the whole batch, so their start-up (~0.3 s, the
import of the readers) is paid once per worker, not once per file; see
benchmarks/bench_isolation.py for the measured cost per file. A frozen bundle must call
multiprocessing.freeze_support() first thing (packaging/launcher.py does).

`function(context, item)` must be picklable by reference (a module-level function) and
so must `context` (sent once to each worker) and the values it returns.
"""

from __future__ import annotations

import collections
import contextlib
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import _, current_language, set_language

DEFAULT_BUDGET = 10.0            # seconds of wall-clock time for one file
START_BUDGET = 60.0              # a worker that cannot even start (very slow disk, antivirus)
MAX_WORKERS = 4
AHEAD = 4                        # items sent to a worker before its first reply comes back


def unknown_error() -> str:
    return _("lỗi không xác định khi đọc tệp")


def timeout_error(budget: float) -> str:
    return _("đọc tệp quá {seconds} giây nên đã dừng (tệp hỏng, quá lớn, hoặc ổ mạng không trả "
             "lời).").format(seconds=f"{budget:g}")


@dataclass(frozen=True)
class Outcome:
    """What became of one item: its value, or the sentence saying why it was refused."""

    item: Any
    value: Any = None
    error: str | None = None
    seconds: float = 0.0
    known: bool = True            # False for an unexpected exception or a timeout
    detail: str = ""              # the exception's type and text, for a support request

    @property
    def ok(self) -> bool:
        return self.error is None


def _serve(connection: Connection) -> None:
    """The worker's loop: a context first, then items until told to stop (None)."""
    try:
        function, context, language = connection.recv()
        set_language(language)      # the worker's refusals are in the clerk's language
        connection.send(("ready", None))
        while True:
            item = connection.recv()
            if item is None:
                return
            try:
                reply: tuple[str, Any] = ("ok", function(context, item))
            except KnownError as exc:
                reply = ("known", exc.message)
            except BaseException as exc:  # a hostile file may break anything
                reply = ("unknown", f"{type(exc).__name__}: {exc}"[:300])
            try:
                connection.send(reply)
            except Exception as exc:  # the value would not pickle
                connection.send(("unknown", f"{type(exc).__name__}: {exc}"[:300]))
    except (EOFError, KeyboardInterrupt, BrokenPipeError):
        return


class _Worker:
    """One worker process and its pipe; killed and forgotten when a file overruns."""

    def __init__(self, function: Callable[[Any, Any], Any], context: Any) -> None:
        spawn = multiprocessing.get_context("spawn")
        self.connection, child = spawn.Pipe()
        self.process = spawn.Process(target=_serve, args=(child,), daemon=True,
                                     name="cchc-doc-tep")
        self.process.start()
        child.close()
        self.connection.send((function, context, current_language()))
        if not self.connection.poll(START_BUDGET):
            self.kill()
            raise RuntimeError("worker did not start")
        self.connection.recv()

    def send(self, item: Any) -> None:
        self.connection.send(item)

    def receive(self, budget: float) -> tuple[str, Any]:
        """The reply to the oldest item sent, or a timeout (the worker is then killed)."""
        if not self.connection.poll(budget):
            self.kill()
            return "timeout", None
        return self.connection.recv()  # type: ignore[no-any-return]

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.connection.send(None)
        self.process.join(2)
        if self.process.is_alive():
            self.kill()
        self.connection.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()


def _dead(worker: _Worker | None) -> None:
    """Forget a worker whose pipe broke (killed, so that it cannot linger)."""
    if worker is not None:
        with contextlib.suppress(OSError, ValueError):
            worker.kill()


def _requeue(todo: queue.SimpleQueue[int], sent: collections.deque[int]) -> None:
    """Items sent to a worker that is gone, back in the queue for another worker."""
    while sent:
        todo.put(sent.popleft())


def run_isolated(function: Callable[[Any, Any], Any], items: Sequence[Any], *, context: Any = None,
                 budget: float = DEFAULT_BUDGET, workers: int | None = None,
                 progress: Callable[[int, int], None] | None = None) -> list[Outcome]:
    """`function(context, item)` for every item, each in a worker process within `budget` seconds.

    Never raises for an item: a failure, a crash of the worker or a timeout becomes that
    item's Outcome.error. `progress(done, total)` is called from the batch's threads.
    """
    items = list(items)
    if not items:
        return []
    count = max(1, min(workers or min(os.cpu_count() or 1, MAX_WORKERS), len(items)))
    outcomes: list[Outcome | None] = [None] * len(items)
    todo: queue.SimpleQueue[int] = queue.SimpleQueue()
    for index in range(len(items)):
        todo.put(index)
    lock = threading.Lock()
    done = [0]

    def finish(index: int, outcome: Outcome) -> None:
        outcomes[index] = outcome
        with lock:
            done[0] += 1
            if progress is not None:
                progress(done[0], len(items))

    def take() -> int | None:
        try:
            return todo.get_nowait()
        except queue.Empty:
            return None

    def lane() -> None:
        worker: _Worker | None = None
        broken = ""
        # Items sent to the worker and not answered yet, oldest first. A few are sent
        # ahead so that the worker never waits for the next one (on a busy machine each
        # round trip waits for the scheduler: 1 ms a file); the worker reads them one
        # after the other, so the budget of each runs from the reply to the one before.
        sent: collections.deque[int] = collections.deque()
        started = 0.0
        choked = False                # the worker's pipe broke: nothing more is sent to it
        try:
            while True:
                while len(sent) < AHEAD and not broken and not choked:
                    index = take()
                    if index is None:
                        break
                    try:
                        if worker is None:
                            try:
                                worker = _Worker(function, context)
                            except (OSError, EOFError, RuntimeError) as exc:
                                # A worker that cannot start will not start for the next file
                                # either: say so for each file rather than spawn 2,000 times.
                                broken = f"worker: {type(exc).__name__}: {exc}"
                                raise
                        worker.send(items[index])
                    except (OSError, EOFError, RuntimeError) as exc:
                        if sent and not broken:
                            # The worker died on an item sent before: its reply (none) says
                            # which; this one waits for the next worker.
                            todo.put(index)
                            choked = True
                            break
                        _dead(worker)
                        worker = None
                        finish(index, Outcome(items[index], None, unknown_error(), 0.0, known=False,
                                              detail=broken or f"{type(exc).__name__}: {exc}"))
                        continue
                    if not sent:
                        started = time.monotonic()
                    sent.append(index)
                if broken and not sent:
                    index = take()
                    if index is None:
                        return
                    finish(index, Outcome(items[index], None, unknown_error(), 0.0, known=False,
                                          detail=broken))
                    continue
                if not sent:
                    return
                index = sent.popleft()
                item = items[index]
                try:
                    assert worker is not None
                    kind, value = worker.receive(budget)
                except (OSError, EOFError, RuntimeError) as exc:  # the worker died under the file
                    _dead(worker)
                    worker = None
                    kind, value = "unknown", f"{type(exc).__name__}: {exc}"
                seconds = time.monotonic() - started
                started = time.monotonic()
                if kind == "timeout":
                    worker = None
                if worker is None:
                    # Killed or dead: the items sent after this one go to a fresh worker.
                    _requeue(todo, sent)
                    choked = False
                if kind == "ok":
                    finish(index, Outcome(item, value, None, seconds))
                elif kind == "known":
                    finish(index, Outcome(item, None, str(value), seconds))
                elif kind == "timeout":
                    finish(index, Outcome(item, None, timeout_error(budget), seconds, known=False))
                else:
                    finish(index, Outcome(item, None, unknown_error(), seconds, known=False,
                                          detail=str(value)))
        finally:
            if worker is not None:
                worker.stop()

    threads = [threading.Thread(target=lane, name=f"cchc-lane-{n}", daemon=True)
               for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [outcome if outcome is not None else Outcome(items[i], None, unknown_error(), known=False)
            for i, outcome in enumerate(outcomes)]
