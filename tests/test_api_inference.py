"""The worker pool's idle tracking: background work never makes the pool look busy."""

from __future__ import annotations

import threading
import time

from api.inference import InferencePool


def loaded_pool() -> InferencePool[str]:
    pool: InferencePool[str] = InferencePool(
        lambda: "model", workers=1, queue_size=2, retry_after=1
    )
    assert pool.wait_loaded(10) and pool.ready
    return pool


def test_idle_seconds_is_zero_while_a_foreground_job_runs() -> None:
    pool = loaded_pool()
    release = threading.Event()
    try:
        future = pool.submit(lambda _m: release.wait(10))
        assert pool.idle_seconds == 0.0
        release.set()
        assert future.result(10) is True
        time.sleep(0.05)
        assert pool.idle_seconds >= 0.05
    finally:
        pool.shutdown()


def test_background_jobs_do_not_reset_idle_time() -> None:
    pool = loaded_pool()
    release = threading.Event()
    try:
        pool.submit(lambda m: m).result(10)
        time.sleep(0.05)
        job = pool.submit(lambda _m: release.wait(10), background=True)
        assert pool.depth == 1
        assert pool.idle_seconds >= 0.05
        release.set()
        job.result(10)
        assert pool.idle_seconds >= 0.05
    finally:
        pool.shutdown()
