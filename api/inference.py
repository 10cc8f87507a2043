"""The detector loaded once per process, and a bounded worker pool with backpressure.

Photos are analysed on a fixed number of worker threads (onnxruntime and OpenCV release the
GIL). At most ``workers + queue_size`` photos are in flight; one more is refused at once with
``BusyError`` (HTTP 503 + ``Retry-After``) instead of waiting in an unbounded queue.

Jobs are foreground (a caller waits: uploads, an evidence image asked for) or background (work
that can wait: evidence images of photos nobody asked for yet). ``idle_seconds`` tells how long
no foreground job has been in flight, so background work runs only in quiet moments.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Generic, TypeVar

from api.errors import BusyError, UnavailableError

log = logging.getLogger("janjicheck.api.inference")

M = TypeVar("M")
R = TypeVar("R")


class _Place:
    """One job's place in the pool, given back exactly once however the job ends."""

    def __init__(self, give_back: Callable[[], None]) -> None:
        self._give_back = give_back
        self._lock = threading.Lock()
        self._held = True

    def give_back(self, _future: object = None) -> None:
        """Give the place back unless that was done already (usable as a done callback)."""
        with self._lock:
            if not self._held:
                return
            self._held = False
        self._give_back()


class InferencePool(Generic[M]):
    """Loads a model once (in the background) and runs jobs on it with bounded concurrency.

    Args:
        loader: Builds the model; called once, on a worker thread.
        workers: Worker threads.
        queue_size: Jobs that may wait for a worker beyond those running.
        retry_after: Seconds to suggest in ``Retry-After`` when full.
        on_depth: Called with the number of jobs in flight whenever it changes (metrics).

    """

    def __init__(
        self,
        loader: Callable[[], M],
        workers: int,
        queue_size: int,
        retry_after: int,
        on_depth: Callable[[int], None] | None = None,
    ) -> None:
        self._loader = loader
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="inference")
        self._slots = threading.BoundedSemaphore(workers + queue_size)
        self._capacity = workers + queue_size
        self._retry_after = retry_after
        self._on_depth = on_depth
        self._depth = 0
        self._foreground = 0
        self._foreground_changed = time.monotonic()
        self._depth_lock = threading.Lock()
        self._model: M | None = None
        self._error: str | None = None
        self._loaded = threading.Event()
        self._load_future: Future[None] | None = None

    def start(self) -> None:
        """Begin loading the model on a worker thread (returns at once)."""
        if self._load_future is None:
            self._load_future = self._executor.submit(self._load)

    def _load(self) -> None:
        started = time.perf_counter()
        try:
            self._model = self._loader()
            log.info("model loaded", extra={"seconds": round(time.perf_counter() - started, 3)})
        except Exception as exc:  # reported through /ready and 503s, never a crash
            self._error = f"{type(exc).__name__}: {exc}"
            log.error("model failed to load: %s", self._error)
        finally:
            self._loaded.set()

    def wait_loaded(self, timeout: float | None = None) -> bool:
        """Block until loading finished (successfully or not); return whether it finished."""
        self.start()
        return self._loaded.wait(timeout)

    @property
    def ready(self) -> bool:
        """Whether the model is loaded and usable."""
        return self._model is not None

    @property
    def error(self) -> str | None:
        """Why the model could not be loaded, or ``None``."""
        return self._error

    @property
    def depth(self) -> int:
        """Jobs running or waiting now."""
        return self._depth

    @property
    def model(self) -> M:
        """The loaded model.

        Raises:
            UnavailableError: While loading, or when loading failed.

        """
        if self._model is None:
            if self._error is not None:
                raise UnavailableError(
                    "model_unavailable", f"The detector is unavailable: {self._error}"
                )
            raise UnavailableError("model_loading", "The detector is still loading; retry shortly.")
        return self._model

    @property
    def idle_seconds(self) -> float:
        """Seconds since the last foreground job finished; 0 while one is in flight."""
        with self._depth_lock:
            if self._foreground:
                return 0.0
            return time.monotonic() - self._foreground_changed

    def _change_depth(self, delta: int, background: bool) -> None:
        with self._depth_lock:
            self._depth += delta
            depth = self._depth
            if not background:
                self._foreground += delta
                self._foreground_changed = time.monotonic()
        if self._on_depth is not None:
            self._on_depth(depth)

    def submit(self, job: Callable[[M], R], background: bool = False) -> Future[R]:
        """Queue ``job(model)``; raise ``BusyError`` at once when the pool is full.

        The job's place in the pool is given back exactly once: when the job returns or
        raises, or when its future is cancelled before it started (such a job never runs).

        Args:
            job: Called on a worker thread with the loaded model.
            background: Whether the job is work no caller waits for (it does not count
                against ``idle_seconds``).

        Returns:
            The job's future; cancelling it while it waits frees its place at once.

        Raises:
            BusyError: When ``workers + queue_size`` jobs are already in flight.
            UnavailableError: When the model is not loaded.

        """
        model = self.model
        if not self._slots.acquire(blocking=False):
            raise BusyError(
                f"The service is busy ({self._capacity} photos in progress); retry shortly.",
                self._retry_after,
            )
        self._change_depth(1, background)
        place = _Place(partial(self._give_back, background))

        def run() -> R:
            try:
                return job(model)
            finally:
                place.give_back()  # before the caller can see the result

        try:
            future = self._executor.submit(run)
        except BaseException:
            place.give_back()
            raise
        future.add_done_callback(place.give_back)  # a cancelled job never runs ``run``
        return future

    def _give_back(self, background: bool) -> None:
        self._slots.release()
        self._change_depth(-1, background)

    def shutdown(self) -> None:
        """Stop the workers after the jobs in flight."""
        self._executor.shutdown(wait=True, cancel_futures=True)
