"""Upload plumbing and bad input against the real HTTP server (development model package).

Every bad input must give a clear 4xx with the one error schema, never a 500.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from api_support import Server, run_server
from sqlalchemy import func, select

from api.models import IntegrityFlag, Photo
from api.rules.verdict import PhotoFinding, judge_area
from api.services import audits
from api.settings import Settings

VISIT = dt.date(2025, 3, 14)  # the vision test phone photo's EXIF date


@pytest.fixture(scope="module")
def server(dev_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("api_inputs"),
        model_path=dev_package,
        max_upload_bytes=3 * 1024 * 1024,
        max_request_bytes=8 * 1024 * 1024,
        max_files_per_request=4,
        max_pixels=40_000_000,
        log_json=False,
    )
    with run_server(settings) as running:
        yield running


def new_audit(server: Server, role: str = "auditor", facility: int | None = None) -> int:
    with server.client(role) as c:
        r = c.post(
            f"/api/v1/facilities/{facility or server.facility_a}/audits",
            json={"visit_date": VISIT.isoformat()},
        )
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["message"]
    assert "Traceback" not in response.text
    if code is not None:
        assert body["error"]["code"] == code, body


def upload(
    server: Server, audit: int, area: str, files: list[tuple[str, bytes]], role: str = "auditor"
) -> httpx.Response:
    with server.client(role) as c:
        return c.post(
            f"/api/v1/audits/{audit}/areas/{area}/photos",
            files=[("files", (name, data, "image/jpeg")) for name, data in files],
        )


def wait_until_idle(pool: Any, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while pool.depth and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pool.depth == 0, f"{pool.depth} jobs still in flight after {seconds} s"


def photo_count(server: Server) -> int:
    with server.state.sessions() as db:
        return int(db.scalar(select(func.count()).select_from(Photo)) or 0)


def test_health_ready_docs(server: Server) -> None:
    with server.client() as c:
        assert c.get("/health").json() == {"status": "ok"}
        ready = c.get("/ready")
        assert ready.status_code == 200 and ready.json()["model"] is True
        assert ready.json()["model_info"]["version"] == "0.0.0-dev"
        spec = c.get("/openapi.json").json()
        assert "/api/v1/audits/{audit_id}/areas/{area}/photos" in spec["paths"]
        assert c.get("/docs").status_code == 200


def test_upload_stores_photo_evidence_and_verdict(server: Server, vision_photos: Any) -> None:
    audit = new_audit(server)
    r = upload(server, audit, "registration", [("phone.jpg", vision_photos.phone_jpg.read_bytes())])
    assert r.status_code == 201, r.text
    body = r.json()
    photo = body["photos"][0]
    assert (photo["width"], photo["height"]) == (3000, 4000)  # EXIF orientation applied
    assert photo["taken_at"].startswith("2025-03-14T09:26:53")
    assert photo["gps"] == pytest.approx([-6.2083, 106.8208], abs=1e-3)
    assert body["area"]["area"] == "registration"
    assert body["area"]["photo_ids"] == [photo["id"]]
    # The verdict is the rules' verdict of exactly this photo's stored findings (no override).
    with server.state.sessions() as db:
        row = db.get(Photo, photo["id"])
        assert row is not None
        expected = judge_area(
            audits.ruleset_of(row.audit),
            "registration",
            [PhotoFinding.from_result_json(row.result, photo_id=str(row.id))],
            None,  # the seeded facility has no floor areas
        )
    assert body["area"]["status"] == body["area"]["derived_status"] == expected.status.value
    assert body["area"]["qualified_count"] == expected.qualified_count
    assert (body["area"]["required_count"], body["area"]["photo_count"]) == (1, 1)
    with server.client("auditor") as c:
        evidence = c.get(photo["evidence_url"])
        assert evidence.status_code == 200
        assert evidence.headers["content-type"] == "image/jpeg"
        assert evidence.content[:2] == b"\xff\xd8"
        original = c.get(photo["original_url"])
        assert original.content == vision_photos.phone_jpg.read_bytes()
        audit_body = c.get(f"/api/v1/audits/{audit}").json()
    assert audit_body["areas_done"] == 1
    assert {a["area"] for a in audit_body["areas"]} == {
        "registration",
        "outpatient_waiting",
        "pharmacy_waiting",
        "diagnostic_waiting",
        "information_complaints",
    }
    missing = [a for a in audit_body["areas"] if a["area"] != "registration"]
    assert all(a["status"] == "missing" for a in missing)


@pytest.mark.parametrize("bad_first", [False, True], ids=["good_first", "bad_first"])
@pytest.mark.parametrize(
    ("attr", "status", "code"),
    [
        ("text", 415, "unsupported_image"),
        ("truncated", 422, "corrupt_image"),
        ("empty", 400, "empty_file"),
        ("bomb", 422, "image_too_large"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_kept(
    server: Server, vision_photos: Any, attr: str, status: int, code: str, bad_first: bool
) -> None:
    audit = new_audit(server)
    before = photo_count(server)
    path: Path = getattr(vision_photos, attr)
    bad = (path.name, path.read_bytes())
    good = [(f"good{i}.jpg", vision_photos.plain_jpg.read_bytes()) for i in range(2)]
    # Good photos in the same request must not be kept either: all or nothing. Bad first,
    # the good ones still queued are cancelled and must give their pool places back.
    files = [bad, *good] if bad_first else [*good, bad]
    r = upload(server, audit, "pharmacy_waiting", files)
    assert_error(r, status, code)
    assert r.json()["error"]["details"]["filename"] == path.name
    assert photo_count(server) == before
    wait_until_idle(server.state.pool, 30)
    assert not any(server.state.storage.tmp.iterdir())


def test_oversized_upload_and_request(server: Server) -> None:
    audit = new_audit(server)
    big = b"\xff\xd8" + b"\x00" * (3 * 1024 * 1024 + 10)
    assert_error(upload(server, audit, "registration", [("big.jpg", big)]), 413, "file_too_large")
    huge = b"\x00" * (9 * 1024 * 1024)
    assert_error(
        upload(server, audit, "registration", [("huge.jpg", huge)]), 413, "payload_too_large"
    )

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit applies while streaming
        boundary = b"--xyz\r\n"
        yield boundary + b'Content-Disposition: form-data; name="files"; filename="a.jpg"\r\n'
        yield b"Content-Type: image/jpeg\r\n\r\n"
        for _ in range(10):
            yield b"\x00" * (1024 * 1024)
        yield b"\r\n--xyz--\r\n"

    with server.client("auditor") as c:
        r = c.post(
            f"/api/v1/audits/{audit}/areas/registration/photos",
            content=chunks(),
            headers={"Content-Type": "multipart/form-data; boundary=xyz"},
        )
    assert_error(r, 413)


def test_too_many_files_no_files_unknown_area_wrong_ids(server: Server, vision_photos: Any) -> None:
    audit = new_audit(server)
    data = vision_photos.plain_jpg.read_bytes()
    assert_error(
        upload(server, audit, "registration", [(f"{i}.jpg", data) for i in range(5)]),
        413,
        "too_many_files",
    )
    assert_error(upload(server, audit, "kitchen", [("a.jpg", data)]), 404, "unknown_area")
    assert_error(upload(server, 999999, "registration", [("a.jpg", data)]), 404, "audit_not_found")
    with server.client("auditor") as c:
        assert_error(c.post(f"/api/v1/audits/{audit}/areas/registration/photos"), 422)
        assert_error(c.get("/api/v1/audits/abc"), 422, "invalid_request")
        assert_error(c.get("/api/v1/photos/424242"), 404, "photo_not_found")
        assert_error(c.get("/api/v1/facilities/424242"), 404, "facility_not_found")
        assert_error(c.get("/api/v1/nowhere"), 404)
        assert_error(
            c.post(f"/api/v1/facilities/{server.facility_a}/audits", json={"visit_date": "soon"}),
            422,
        )
        assert_error(
            c.post(f"/api/v1/facilities/{server.facility_a}/audits", content=b"{not json"), 422
        )


def test_authentication_errors(server: Server) -> None:
    with httpx.Client(base_url=server.url) as c:
        assert_error(c.get("/api/v1/me"), 401, "missing_token")
        assert_error(c.get("/api/v1/me", headers={"Authorization": "Bearer nope"}), 401)
        bad = server.tokens["auditor"][:-3] + "xyz"
        assert_error(c.get("/api/v1/me", headers={"Authorization": f"Bearer {bad}"}), 401)


def test_crash_mid_upload_leaves_no_half_records(
    server: Server, vision_photos: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from api.services import audits

    audit = new_audit(server)
    before = photo_count(server)
    with server.state.sessions() as db:
        flags_before = db.scalar(select(func.count()).select_from(IntegrityFlag))

    def crash(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    # Photos and flags are flushed before the verdict is recomputed: fail right there.
    monkeypatch.setattr(audits, "recompute_area", crash)
    data = vision_photos.janji_jpg.read_bytes() + b"unique-crash-test"
    r = upload(server, audit, "registration", [("a.jpg", data)])
    assert_error(r, 500, "internal_error")
    monkeypatch.undo()
    assert photo_count(server) == before
    with server.state.sessions() as db:
        assert db.scalar(select(func.count()).select_from(IntegrityFlag)) == flags_before
    import hashlib

    sha = hashlib.sha256(data).hexdigest()
    assert not server.state.storage.exists("originals", sha)
    assert not any(server.state.storage.tmp.iterdir())
    # The same upload succeeds afterwards.
    assert upload(server, audit, "registration", [("a.jpg", data)]).status_code == 201


def test_unexpected_error_keeps_the_connection_open(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 500 is an ordinary response: the client's keep-alive connection carries the next
    request (an exception escaping the app would make the server close it after the 500)."""
    from api.services import audits

    audit = new_audit(server)

    def crash(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    url = urlsplit(server.url)
    connection = http.client.HTTPConnection(url.hostname or "", url.port, timeout=60)
    headers = {"Authorization": f"Bearer {server.tokens['auditor']}"}
    try:
        monkeypatch.setattr(audits, "get", crash)
        connection.request("GET", f"/api/v1/audits/{audit}", headers=headers)
        first = connection.getresponse()
        body = json.loads(first.read())
        monkeypatch.undo()
        assert first.status == 500 and body["error"]["code"] == "internal_error"
        assert "Traceback" not in json.dumps(body)
        assert first.getheader("x-request-id")  # the access log saw this response
        assert (first.getheader("connection") or "").lower() != "close"
        socket_before = connection.sock
        time.sleep(0.5)  # time for a server-side close to arrive
        connection.request("GET", f"/api/v1/audits/{audit}", headers=headers)
        second = connection.getresponse()
        assert second.status == 200 and json.loads(second.read())["id"] == audit
        assert connection.sock is socket_before
    finally:
        connection.close()


def test_submitted_audit_is_read_only(server: Server, vision_photos: Any) -> None:
    audit = new_audit(server)
    with server.client("auditor") as c:
        assert c.post(f"/api/v1/audits/{audit}/submit").status_code == 200
        assert_error(c.post(f"/api/v1/audits/{audit}/submit"), 409, "audit_not_draft")
    r = upload(server, audit, "registration", [("a.jpg", vision_photos.plain_jpg.read_bytes())])
    assert_error(r, 409, "audit_not_draft")


def test_full_queue_answers_503_with_retry_after(server: Server, vision_photos: Any) -> None:
    import threading

    from api.errors import BusyError

    pool = server.state.pool
    release = threading.Event()
    capacity = server.state.settings.workers + server.state.settings.queue_size
    # Evidence images of earlier uploads are drawn in the background when the pool idles:
    # let those finish, then fill every slot (one such job starting meanwhile fills one).
    wait_until_idle(pool)
    held = []
    for _ in range(capacity):
        try:
            held.append(pool.submit(lambda _models: release.wait(60)))
        except BusyError:
            break
    try:
        audit = new_audit(server)
        r = upload(server, audit, "registration", [("a.jpg", vision_photos.plain_jpg.read_bytes())])
        assert_error(r, 503, "busy")
        assert r.headers["Retry-After"] == str(server.state.settings.retry_after_seconds)
        with server.client() as c:
            assert "janjicheck_inference_queue_depth " + f"{capacity}.0" in c.get("/metrics").text
    finally:
        release.set()
        for future in held:
            future.result(60)
    wait_until_idle(pool)
    assert (
        upload(
            server, audit, "registration", [("a.jpg", vision_photos.plain_jpg.read_bytes())]
        ).status_code
        == 201
    )
