"""Worker-pool places, uploads racing a submit, shared originals and the retention purge.

Real HTTP server and database (SQLite; PostgreSQL for the concurrent first uploads), real
development model. Races are staged deterministically by pausing one request at a known point.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_support import Server, run_server
from test_api_inputs import assert_error, new_audit, photo_count, upload
from test_api_postgres import postgres_url  # noqa: F401  (a fixture)

from api.errors import BusyError
from api.inference import InferencePool
from api.main import create_app
from api.models import Audit, Photo
from api.services import audits, evidence, integrity
from api.services import photos as photo_service
from api.settings import Settings

WORKERS, QUEUE = 1, 3
CAPACITY = WORKERS + QUEUE
FAR_FUTURE = dt.datetime(2999, 1, 1, tzinfo=dt.UTC)


def settings_for(data_dir: Path, model: Path, **extra: Any) -> Settings:
    return Settings(
        data_dir=data_dir,
        model_path=model,
        workers=WORKERS,
        queue_size=QUEUE,
        max_files_per_request=CAPACITY,
        evidence_idle_seconds=3600,  # no background evidence jobs taking pool places
        log_json=False,
        **extra,
    )


@pytest.fixture(scope="module")
def server(dev_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with run_server(settings_for(tmp_path_factory.mktemp("api_pool"), dev_package)) as running:
        yield running


def unique(data: bytes, tag: str) -> bytes:
    """The same JPEG with trailing bytes: a new SHA-256, the same image."""
    return data + f"unique:{tag}:{time.monotonic_ns()}".encode()


def wait_idle(pool: InferencePool[Any], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while pool.depth and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pool.depth == 0, f"{pool.depth} places still taken after {seconds} s"


def assert_all_places_free(pool: InferencePool[Any]) -> None:
    """Exactly ``CAPACITY`` jobs fit (none leaked, none given back twice)."""
    wait_idle(pool)
    release = threading.Event()
    held = [pool.submit(lambda _models: release.wait(60)) for _ in range(CAPACITY)]
    try:
        with pytest.raises(BusyError):
            pool.submit(lambda _models: None)
    finally:
        release.set()
        for future in held:
            future.result(60)
    wait_idle(pool)


def original_of(server: Server, photo_id: int) -> httpx.Response:
    with server.client("admin") as c:
        return c.get(f"/api/v1/photos/{photo_id}/original")


def in_thread(target: Callable[[], httpx.Response]) -> tuple[threading.Thread, list[Any]]:
    out: list[Any] = []
    thread = threading.Thread(target=lambda: out.append(target()), daemon=True)
    thread.start()
    return thread, out


# --- 1. pool places ------------------------------------------------------------------------


def test_cancelled_and_finished_jobs_give_their_place_back_once() -> None:
    pool: InferencePool[object] = InferencePool(object, workers=1, queue_size=2, retry_after=1)
    pool.start()
    assert pool.wait_loaded(30)
    release = threading.Event()
    try:
        for _ in range(5):
            running = pool.submit(lambda _model: release.wait(60))
            queued = [pool.submit(lambda _model: None) for _ in range(2)]
            with pytest.raises(BusyError):
                pool.submit(lambda _model: None)
            assert all(f.cancel() for f in queued)  # never run
            assert pool.depth == 1
            assert queued[0].cancel()  # cancelling again frees nothing more
            assert pool.depth == 1
            release.set()
            running.result(60)
            release.clear()
            wait_idle(pool)
        failing = pool.submit(lambda _model: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            failing.result(60)
        wait_idle(pool)
        held = [pool.submit(lambda _model: release.wait(60)) for _ in range(3)]
        with pytest.raises(BusyError):
            pool.submit(lambda _model: None)
        release.set()
        for future in held:
            future.result(60)
        wait_idle(pool)
    finally:
        release.set()
        pool.shutdown()


def test_uploads_whose_first_file_is_bad_leak_no_pool_place(
    server: Server, vision_photos: Any
) -> None:
    pool = server.state.pool
    good = vision_photos.plain_jpg.read_bytes()
    text = (vision_photos.text.name, vision_photos.text.read_bytes())
    truncated = (vision_photos.truncated.name, vision_photos.truncated.read_bytes())
    audit = new_audit(server)
    requests = [
        ([text] + [(f"g{i}.jpg", good) for i in range(CAPACITY - 1)], 415),
        ([text] + [(f"g{i}.jpg", good) for i in range(CAPACITY - 1)], 415),
        ([truncated, text, ("g.jpg", good), ("h.jpg", good)], 422),
        ([("g.jpg", good), text, ("h.jpg", good), ("i.jpg", good)], 415),  # a mix
        ([text, text, text, text], 415),
    ]
    before = photo_count(server)
    for _ in range(2):  # more than CAPACITY leaked places before the fix
        for files, status in requests:
            assert_error(upload(server, audit, "registration", files), status)
            wait_idle(pool)
    assert photo_count(server) == before
    assert_all_places_free(pool)
    r = upload(server, audit, "registration", [("good.jpg", good)])
    assert r.status_code == 201, r.text


def test_upload_refused_as_busy_midway_leaks_no_pool_place(
    server: Server, vision_photos: Any
) -> None:
    pool = server.state.pool
    good = vision_photos.plain_jpg.read_bytes()
    audit = new_audit(server)
    wait_idle(pool)
    release = threading.Event()
    # One job running, one waiting: two of this upload's photos are queued, the third is
    # refused, and the two queued ones are cancelled before they ever run.
    held = [pool.submit(lambda _models: release.wait(60)) for _ in range(CAPACITY - 2)]
    try:
        r = upload(server, audit, "registration", [(f"{i}.jpg", good) for i in range(CAPACITY)])
        assert_error(r, 503, "busy")
        assert pool.depth == CAPACITY - 2
    finally:
        release.set()
        for future in held:
            future.result(60)
    assert_all_places_free(pool)
    assert upload(server, audit, "registration", [("a.jpg", good)]).status_code == 201


# --- 2. upload racing a submit -------------------------------------------------------------


def test_submit_during_the_analysis_refuses_the_upload(
    server: Server, vision_photos: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    audit = new_audit(server)
    data = unique(vision_photos.plain_jpg.read_bytes(), "submit-race")
    before = photo_count(server)
    real_analyse = photo_service._analyse_all
    submitted: list[int] = []

    def submit_then_analyse(*args: Any, **kwargs: Any) -> Any:
        with server.client("auditor") as c:  # lands after the upload's draft check
            submitted.append(c.post(f"/api/v1/audits/{audit}/submit").status_code)
        return real_analyse(*args, **kwargs)

    monkeypatch.setattr(photo_service, "_analyse_all", submit_then_analyse)
    r = upload(server, audit, "registration", [("a.jpg", data), ("b.jpg", data + b"b")])
    monkeypatch.undo()
    assert submitted == [200]
    assert_error(r, 409, "audit_not_draft")
    assert photo_count(server) == before
    storage = server.state.storage
    assert not storage.exists("originals", hashlib.sha256(data).hexdigest())
    assert not storage.exists("originals", hashlib.sha256(data + b"b").hexdigest())
    assert not any(storage.tmp.iterdir())
    with server.client("auditor") as c:
        body = c.get(f"/api/v1/audits/{audit}").json()
    assert body["status"] == "submitted"
    registration = next(a for a in body["areas"] if a["area"] == "registration")
    assert registration["photo_ids"] == [] and registration["status"] == "missing"


# --- 3. shared originals -------------------------------------------------------------------


def pause_flags_for(monkeypatch: pytest.MonkeyPatch, hooks: dict[int, Callable[[], None]]) -> None:
    """Run ``hooks[audit_id]`` when an upload to that audit has stored its originals
    (``integrity.flags_for`` comes right after, before any row is written)."""
    real = integrity.flags_for

    def paused(db: Any, ruleset: Any, audit: Audit, area: str, analysis: Any) -> Any:
        hook = hooks.get(audit.id)
        if hook is not None:
            hook()
        return real(db, ruleset, audit, area, analysis)

    monkeypatch.setattr(integrity, "flags_for", paused)


def test_failed_upload_keeps_the_original_a_concurrent_upload_of_it_needs(
    server: Server, vision_photos: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = unique(vision_photos.plain_jpg.read_bytes(), "shared")
    sha = hashlib.sha256(data).hexdigest()
    audit_a, audit_b = new_audit(server), new_audit(server)
    a_stored, b_stored, a_done = threading.Event(), threading.Event(), threading.Event()

    def a_fails() -> None:  # A stored the file first; it fails once B found the file there
        a_stored.set()
        assert b_stored.wait(60)
        raise RuntimeError("disk on fire")

    def b_waits() -> None:  # B commits only after A cleaned up
        b_stored.set()
        assert a_done.wait(60)

    pause_flags_for(monkeypatch, {audit_a: a_fails, audit_b: b_waits})
    thread_a, out_a = in_thread(lambda: upload(server, audit_a, "registration", [("a.jpg", data)]))
    assert a_stored.wait(60)
    thread_b, out_b = in_thread(lambda: upload(server, audit_b, "registration", [("b.jpg", data)]))
    thread_a.join(60)
    a_done.set()
    thread_b.join(60)
    monkeypatch.undo()
    assert_error(out_a[0], 500, "internal_error")
    assert out_b[0].status_code == 201, out_b[0].text
    assert server.state.storage.exists("originals", sha)
    original = original_of(server, out_b[0].json()["photos"][0]["id"])
    assert original.status_code == 200 and original.content == data
    assert not any(server.state.storage.tmp.iterdir())


def test_failed_purge_commit_deletes_no_original(
    server: Server, vision_photos: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = unique(vision_photos.plain_jpg.read_bytes(), "purge-commit")
    sha = hashlib.sha256(data).hexdigest()
    r = upload(server, new_audit(server), "registration", [("a.jpg", data)])
    photo_id = r.json()["photos"][0]["id"]
    # Every evidence image drawn now: the purge's one commit is the one that fails.
    evidence.render_pending(server.state, 0, 1000, set())

    def commit_fails() -> None:
        raise RuntimeError("database gone")

    with server.state.sessions() as db:
        monkeypatch.setattr(db, "commit", commit_fails)
        with pytest.raises(RuntimeError, match="database gone"):
            photo_service.purge_originals(server.state, db, now=FAR_FUTURE)
        monkeypatch.undo()
    assert server.state.storage.exists("originals", sha)
    assert original_of(server, photo_id).content == data


def test_purge_during_an_upload_of_the_same_bytes_keeps_its_original(
    server: Server, vision_photos: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = unique(vision_photos.plain_jpg.read_bytes(), "purge-race")
    sha = hashlib.sha256(data).hexdigest()
    old = upload(server, new_audit(server), "registration", [("old.jpg", data)])
    old_id = old.json()["photos"][0]["id"]
    with server.client("admin") as c:
        assert c.get(f"/api/v1/photos/{old_id}/evidence.jpg").status_code == 200
    audit = new_audit(server)
    stored, purged = threading.Event(), threading.Event()

    def wait_for_purge() -> None:  # the file was there when this upload looked
        stored.set()
        assert purged.wait(120)

    pause_flags_for(monkeypatch, {audit: wait_for_purge})
    thread, out = in_thread(lambda: upload(server, audit, "registration", [("new.jpg", data)]))
    assert stored.wait(60)
    with server.state.sessions() as db:
        assert photo_service.purge_originals(server.state, db, now=FAR_FUTURE) >= 1
    assert not server.state.storage.exists("originals", sha)  # the old photo's has expired
    purged.set()
    thread.join(120)
    monkeypatch.undo()
    assert out[0].status_code == 201, out[0].text
    assert original_of(server, old_id).status_code == 404
    new = original_of(server, out[0].json()["photos"][0]["id"])
    assert new.status_code == 200 and new.content == data


# --- 4. retention purge while the model loads -----------------------------------------------


def test_purge_at_startup_skips_photos_it_cannot_draw_and_goes_on(
    server: Server, vision_photos: Any, dev_package: Path
) -> None:
    drawn_data = unique(vision_photos.plain_jpg.read_bytes(), "drawn")
    plain_data = unique(vision_photos.plain_jpg.read_bytes(), "not-drawn")
    audit = new_audit(server)
    drawn = upload(server, audit, "registration", [("d.jpg", drawn_data)]).json()["photos"][0]
    plain = upload(server, audit, "pharmacy_waiting", [("p.jpg", plain_data)]).json()["photos"][0]
    with server.client("admin") as c:
        assert c.get(drawn["evidence_url"]).status_code == 200
    # A second instance on the same data, as at startup: the model is not loaded yet.
    settings = settings_for(server.state.settings.data_dir, dev_package)
    starting = create_app(settings).state.janji
    assert not starting.pool.ready
    try:
        with starting.sessions() as db:
            assert photo_service.purge_originals(starting, db, now=FAR_FUTURE) >= 1
    finally:
        starting.engine.dispose()
    storage = server.state.storage
    assert not storage.exists("originals", hashlib.sha256(drawn_data).hexdigest())
    assert storage.exists("originals", hashlib.sha256(plain_data).hexdigest())
    with server.state.sessions() as db:
        assert db.get(Photo, drawn["id"]).original_deleted_at is not None  # type: ignore[union-attr]
        assert db.get(Photo, plain["id"]).original_deleted_at is None  # type: ignore[union-attr]


# --- 2b. concurrent first uploads of an area on PostgreSQL ------------------------------------


@pytest.fixture(scope="module")
def pg_server(
    postgres_url: str,  # noqa: F811  (the imported fixture)
    dev_package: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Server]:
    settings = settings_for(
        tmp_path_factory.mktemp("api_pool_pg"), dev_package, database_url=postgres_url
    )
    with run_server(settings) as running:
        yield running


@pytest.mark.postgres
def test_concurrent_first_uploads_of_an_area_on_postgres(
    pg_server: Server, vision_photos: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    audit = new_audit(pg_server)
    arrivals: list[int] = []
    arrived = threading.Condition()
    real_recompute = audits.recompute_area

    def together(*args: Any, **kwargs: Any) -> Any:
        # Let both uploads find the area without a verdict row before either adds one
        # (when the second one waits for the first's lock, go on alone after a while).
        with arrived:
            arrivals.append(1)
            arrived.notify_all()
            arrived.wait_for(lambda: len(arrivals) >= 2, timeout=3)
        return real_recompute(*args, **kwargs)

    monkeypatch.setattr(audits, "recompute_area", together)
    jobs = [
        in_thread(
            lambda i=i: upload(
                pg_server,
                audit,
                "registration",
                [(f"{i}.jpg", unique(vision_photos.plain_jpg.read_bytes(), f"pg{i}"))],
            )
        )
        for i in range(2)
    ]
    for thread, _ in jobs:
        thread.join(120)
    monkeypatch.undo()
    responses = [out[0] for _, out in jobs]
    assert [r.status_code for r in responses] == [201, 201], [r.text for r in responses]
    with pg_server.client("auditor") as c:
        area = c.get(f"/api/v1/audits/{audit}/areas/registration").json()
    assert sorted(area["photo_ids"]) == sorted(r.json()["photos"][0]["id"] for r in responses)
