"""Evidence images drawn after the upload: on demand, in idle time, before retention.

Real HTTP server, real model (the development package), real SQLite, real photos.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_support import Server, decode_image, run_server

from api.services import photos as photo_service
from api.settings import Settings

VISIT = "2025-03-10"


def new_audit(c: httpx.Client, facility: int) -> int:
    r = c.post(f"/api/v1/facilities/{facility}/audits", json={"visit_date": VISIT})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def upload(c: httpx.Client, audit: int, name: str, data: bytes) -> dict[str, Any]:
    r = c.post(
        f"/api/v1/audits/{audit}/areas/registration/photos",
        files=[("files", (name, data, "image/jpeg"))],
    )
    assert r.status_code == 201, r.text
    return dict(r.json()["photos"][0])


def metric(c: httpx.Client, trigger: str) -> float:
    line = f'janjicheck_evidence_images_total{{trigger="{trigger}"}} '
    for row in c.get("/metrics").text.splitlines():
        if row.startswith(line):
            return float(row[len(line) :])
    return 0.0


def serve(dev_package: Path, data_dir: Path, idle_seconds: float) -> Iterator[Server]:
    settings = Settings(
        data_dir=data_dir,
        model_path=dev_package,
        evidence_idle_seconds=idle_seconds,
        log_json=False,
    )
    with run_server(settings) as running:
        yield running


@pytest.fixture(scope="module")
def lazy(dev_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server that never draws evidence in idle time during a test (only on demand)."""
    yield from serve(dev_package, tmp_path_factory.mktemp("evidence_lazy"), 3600)


@pytest.fixture(scope="module")
def eager(dev_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server that draws evidence as soon as no upload is in flight."""
    yield from serve(dev_package, tmp_path_factory.mktemp("evidence_eager"), 0)


def test_upload_answers_before_the_evidence_is_drawn(lazy: Server, indoor_dir: Path) -> None:
    person = indoor_dir / "a6c770c55743d796.jpg"  # one person facing the camera
    if not person.is_file():
        pytest.skip("photo of a person not in the indoor folder")
    with lazy.client("auditor") as c:
        audit = new_audit(c, lazy.facility_a)
        photo = upload(c, audit, "person.jpg", person.read_bytes())
        assert photo["evidence_ready"] is False and photo["faces_blurred"] is None
        before = metric(c, "on_demand")
        first = c.get(photo["evidence_url"])
        assert first.status_code == 200 and first.headers["content-type"] == "image/jpeg"
        assert metric(c, "on_demand") == before + 1
        again = c.get(photo["evidence_url"])
        assert again.content == first.content
        assert metric(c, "on_demand") == before + 1  # stored: not drawn twice
        read = c.get(f"/api/v1/photos/{photo['id']}").json()
    assert read["evidence_ready"] is True and read["faces_blurred"] >= 1
    assert decode_image(first.content).shape[:2] == (read["height"], read["width"])


def test_report_draws_missing_evidence(lazy: Server, vision_photos: Any) -> None:
    with lazy.client("auditor") as c:
        audit = new_audit(c, lazy.facility_a)
        photo = upload(c, audit, "janji.jpg", vision_photos.janji_jpg.read_bytes())
        assert photo["evidence_ready"] is False
        html = c.get(f"/api/v1/audits/{audit}/report.html").text
        assert "data:image/jpeg;base64,/9j/" in html
        assert c.get(f"/api/v1/photos/{photo['id']}").json()["evidence_ready"] is True


def test_retention_draws_evidence_before_deleting_the_original(
    lazy: Server, vision_photos: Any
) -> None:
    with lazy.client("auditor") as c:
        audit = new_audit(c, lazy.facility_a)
        data = vision_photos.lookalike_jpg.read_bytes() + b"retention-evidence"
        photo = upload(c, audit, "old.jpg", data)
        assert photo["evidence_ready"] is False
        with lazy.state.sessions() as db:
            later = dt.datetime.now(dt.UTC) + dt.timedelta(days=400)
            assert photo_service.purge_originals(lazy.state, db, now=later) >= 1
        read = c.get(f"/api/v1/photos/{photo['id']}").json()
        assert read["original_available"] is False and read["evidence_ready"] is True
        evidence = c.get(photo["evidence_url"])
        assert evidence.status_code == 200 and evidence.content[:2] == b"\xff\xd8"


def test_idle_service_draws_evidence_by_itself(eager: Server, vision_photos: Any) -> None:
    with eager.client("auditor") as c:
        audit = new_audit(c, eager.facility_a)
        photo = upload(c, audit, "janji.jpg", vision_photos.janji_jpg.read_bytes())
        deadline = time.monotonic() + 60
        while not c.get(f"/api/v1/photos/{photo['id']}").json()["evidence_ready"]:
            assert time.monotonic() < deadline, "evidence not drawn in idle time"
            time.sleep(0.2)
        assert metric(c, "background") >= 1
        assert metric(c, "on_demand") == 0
        while "janjicheck_evidence_pending 0.0" not in c.get("/metrics").text:
            assert time.monotonic() < deadline, "the pending gauge never reached 0"
            time.sleep(0.2)
