"""Degenerate photos (a side of a few pixels) and photos whose evidence cannot be drawn.

A photo with a side under 32 pixels is refused at upload with a reason. A very long photo
that passes (a side of 32 pixels and a long side far past 1600) gets its evidence image,
which keeps a side of at least one pixel. A photo whose evidence image cannot be drawn for any
reason is answered with a 404 and a reason, its report is still rendered, its original is
kept, and the background drawing goes on with later photos.

Real HTTP server, the shipped model, real SQLite, real photos (strips of a real photo).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import httpx
import numpy as np
import numpy.typing as npt
import pytest
from api_support import Server, decode_image, read_image, run_server
from sqlalchemy import func, select

from api.models import Photo
from api.services import photos as photo_service
from api.settings import Settings
from vision.faces import FaceDetector

VISIT = "2025-03-10"


@pytest.fixture(scope="module")
def server(shipped_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server that draws evidence images in the background as soon as it is idle."""
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("api_degenerate"),
        model_path=shipped_package,
        evidence_idle_seconds=0,
        log_json=False,
    )
    with run_server(settings) as running:
        yield running


def strip(photo: Path, width: int, height: int) -> bytes:
    """A real photo squeezed to ``width`` x ``height`` pixels, as PNG bytes."""
    image = cv2.resize(read_image(photo), (width, height), interpolation=cv2.INTER_AREA)
    return bytes(cv2.imencode(".png", image)[1])


def new_audit(c: httpx.Client, facility: int) -> int:
    r = c.post(f"/api/v1/facilities/{facility}/audits", json={"visit_date": VISIT})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def post(c: httpx.Client, audit: int, name: str, data: bytes) -> httpx.Response:
    return c.post(
        f"/api/v1/audits/{audit}/areas/registration/photos",
        files=[("files", (name, data, "image/png"))],
    )


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    error = dict(response.json()["error"])
    assert error["code"] == code and error["message"], error
    assert "Traceback" not in response.text
    return error


def photo_count(server: Server) -> int:
    with server.state.sessions() as db:
        return int(db.scalar(select(func.count()).select_from(Photo)) or 0)


@pytest.mark.parametrize(("width", "height"), [(1, 4000), (4000, 1), (31, 2000), (2, 2)])
def test_a_photo_with_a_side_under_32_pixels_is_refused(
    server: Server, vision_photos: Any, width: int, height: int
) -> None:
    before = photo_count(server)
    with server.client("auditor") as c:
        audit = new_audit(c, server.facility_a)
        data = strip(vision_photos.plain_jpg, width, height)
        error = assert_error(post(c, audit, "strip.png", data), 422, "image_too_small")
        assert f"{width}x{height}" in error["message"] and "32" in error["message"]
        assert error["details"] == {"filename": "strip.png", "width": width, "height": height}
        assert c.get(f"/api/v1/audits/{audit}").json()["areas_done"] == 0
    assert photo_count(server) == before
    assert not any(server.state.storage.tmp.iterdir())


def test_a_very_long_photo_gets_its_evidence_and_reports(
    server: Server, vision_photos: Any
) -> None:
    # 200000 x 32 shrinks to 1600 x 0.256 for the evidence image: one pixel high, not zero.
    data = strip(vision_photos.plain_jpg, 200_000, 32)
    with server.client("auditor") as c:
        audit = new_audit(c, server.facility_a)
        r = post(c, audit, "long.png", data)
        assert r.status_code == 201, r.text
        photo = r.json()["photos"][0]
        assert (photo["width"], photo["height"]) == (200_000, 32)
        evidence = c.get(photo["evidence_url"])
        assert evidence.status_code == 200, evidence.text
        assert decode_image(evidence.content).shape[:2] == (1, 1600)
        html = c.get(f"/api/v1/audits/{audit}/report.html")
        assert html.status_code == 200 and "data:image/jpeg;base64,/9j/" in html.text
        pdf = c.get(f"/api/v1/audits/{audit}/report.pdf")
        assert pdf.status_code in (200, 503), pdf.text  # 503: no WeasyPrint on this machine
        if pdf.status_code == 503:
            assert_error(pdf, 503, "pdf_unavailable")
        else:
            assert pdf.content.startswith(b"%PDF")


def test_a_photo_whose_evidence_cannot_be_drawn_does_not_stop_the_others(
    server: Server, vision_photos: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken_size = (400, 600)  # (height, width) of the photo whose drawing fails
    detect = FaceDetector.detect

    def detect_or_fail(self: FaceDetector, image: npt.NDArray[np.uint8]) -> list[Any]:
        if image.shape[:2] == broken_size:  # as OpenCV fails on an image it cannot process
            raise cv2.error("OpenCV(4.x) resize.cpp: (-215:Assertion failed) in 'resize'")
        return detect(self, image)

    monkeypatch.setattr(FaceDetector, "detect", detect_or_fail)
    broken_png = strip(vision_photos.janji_jpg, broken_size[1], broken_size[0])
    with server.client("auditor") as c:
        audit = new_audit(c, server.facility_a)
        r = post(c, audit, "broken.png", broken_png)
        assert r.status_code == 201, r.text
        broken = r.json()["photos"][0]
        r = post(c, audit, "later.jpg", vision_photos.lookalike_jpg.read_bytes() + b"later")
        assert r.status_code == 201, r.text
        later = r.json()["photos"][0]
        # The background drawing skips the broken photo and draws the later one.
        deadline = time.monotonic() + 120
        while not c.get(f"/api/v1/photos/{later['id']}").json()["evidence_ready"]:
            assert time.monotonic() < deadline, "the later photo's evidence was never drawn"
            time.sleep(0.2)
        assert c.get(f"/api/v1/photos/{broken['id']}").json()["evidence_ready"] is False

        error = assert_error(c.get(broken["evidence_url"]), 404, "evidence_unavailable")
        assert str(broken["id"]) in error["message"]
        html = c.get(f"/api/v1/audits/{audit}/report.html")
        assert html.status_code == 200, html.text
        assert html.text.count("data:image/jpeg;base64,/9j/") == 1  # the later photo's
        pdf = c.get(f"/api/v1/audits/{audit}/report.pdf")
        assert pdf.status_code in (200, 503), pdf.text

        # Retention keeps the original of a photo without evidence; the other's goes.
        with server.state.sessions() as db:
            later_time = dt.datetime.now(dt.UTC) + dt.timedelta(days=400)
            photo_service.purge_originals(server.state, db, now=later_time)
        assert c.get(f"/api/v1/photos/{broken['id']}").json()["original_available"] is True
        assert c.get(broken["original_url"]).content == broken_png
        assert c.get(f"/api/v1/photos/{later['id']}").json()["original_available"] is False

        monkeypatch.undo()  # once drawing works again, the image is drawn when asked for
        evidence = c.get(broken["evidence_url"])
        assert evidence.status_code == 200
        assert decode_image(evidence.content).shape[:2] == broken_size
