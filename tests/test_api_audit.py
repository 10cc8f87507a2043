"""A whole SiBLing audit of five areas with the trained model on composited photos.

The photos put rendered media (held-out test designs, palettes and fonts) on indoor photos of
the test split. Skipped until the trained package is in ``models/janji-detector``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from api_support import Server, decode_image, read_image, run_server

from api.settings import Settings

VISIT = "2025-03-14"
ATTITUDES = (
    "tepat_waktu",
    "rapi",
    "ramah",
    "sigap",
    "fokus",
    "informatif",
    "koordinatif",
    "senyum",
)


def medium(form: str, content: str, design: str, seed: int) -> np.ndarray:
    """Render a flat medium (RGBA) from the held-out test pools."""
    from datasets.synth.media import MediumSpec, render

    return np.asarray(render(MediumSpec(form, content, design, "teal_coral", "cabin", seed)).image)


def backgrounds(indoor: Path) -> list[Path]:
    from datasets.synth.backgrounds import list_photos, photos_for_split

    return list(photos_for_split(list_photos(indoor), "test"))


def composite(background: Path, face: np.ndarray, width_share: float, tilt: float) -> bytes:
    """Put an RGBA face on a wall of a 1600x1200 photo with a little perspective; JPEG bytes."""
    scene = cv2.resize(read_image(background), (1600, 1200)).astype(np.float32)
    h, w = face.shape[:2]
    out_w = 1600 * width_share
    out_h = out_w * h / w
    x0, y0 = (1600 - out_w) / 2, max(40.0, (1200 - out_h) / 2 - 80)
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    dy = out_h * tilt
    dst = np.array(
        [[x0, y0], [x0 + out_w, y0 + dy], [x0 + out_w, y0 + out_h - dy], [x0, y0 + out_h]],
        np.float32,
    )
    matrix = cv2.getPerspectiveTransform(src, dst)
    rgba = cv2.cvtColor(face, cv2.COLOR_RGBA2BGRA)
    warped = cv2.warpPerspective(rgba, matrix, (1600, 1200)).astype(np.float32)
    alpha = warped[:, :, 3:4] / 255.0
    scene = scene * (1 - alpha) + warped[:, :, :3] * alpha
    return bytes(cv2.imencode(".jpg", scene.astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 90])[1])


def blurred(data: bytes) -> bytes:
    image = decode_image(data)
    return bytes(cv2.imencode(".jpg", cv2.GaussianBlur(image, (0, 0), 14))[1])


def reencoded(data: bytes) -> bytes:
    image = decode_image(data)
    small = cv2.resize(image, None, fx=0.8, fy=0.8, interpolation=cv2.INTER_AREA)
    return bytes(cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, 80])[1])


@pytest.fixture(scope="module")
def photos(indoor_dir: Path) -> dict[str, bytes]:
    rooms = backgrounds(indoor_dir)
    poster = composite(rooms[0], medium("poster", "janji_fktp", "janji_timeline", 1), 0.3, 0.04)
    return {
        "poster": poster,
        "spanduk": composite(
            rooms[1], medium("spanduk", "janji_fktp", "janji_hexagon", 2), 0.7, 0.02
        ),
        "spanduk_pharmacy": composite(
            rooms[2], medium("spanduk", "janji_fkrtl", "janji_timeline", 3), 0.7, 0.03
        ),
        "blurred": blurred(
            composite(rooms[3], medium("poster", "janji_fktp", "janji_hexagon", 4), 0.3, 0.0)
        ),
        "reused": reencoded(poster),
        "lookalike": composite(
            rooms[4], medium("poster", "hak_kewajiban", "hak_stacked", 5), 0.3, 0.0
        ),
    }


@pytest.fixture(scope="module")
def server(shipped_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("api_audit"), model_path=shipped_package, log_json=False
    )
    with run_server(settings) as running:
        yield running


def send(c: Any, audit: int, area: str, name: str, data: bytes) -> dict[str, Any]:
    r = c.post(
        f"/api/v1/audits/{audit}/areas/{area}/photos",
        files=[("files", (name, data, "image/jpeg"))],
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def test_whole_audit_of_five_areas(server: Server, photos: dict[str, bytes]) -> None:
    with server.client("auditor") as c:
        audit = c.post(
            f"/api/v1/facilities/{server.facility_a}/audits", json={"visit_date": VISIT}
        ).json()["id"]
        registration = send(c, audit, "registration", "registration.jpg", photos["poster"])
        assert registration["area"]["status"] == "compliant", registration["area"]
        assert registration["photos"][0]["janji_present"] is True
        outpatient = send(c, audit, "outpatient_waiting", "outpatient.jpg", photos["spanduk"])
        assert outpatient["area"]["status"] == "compliant", outpatient["area"]
        pharmacy = send(c, audit, "pharmacy_waiting", "pharmacy.jpg", photos["spanduk_pharmacy"])
        assert pharmacy["area"]["status"] == "wrong_media", pharmacy["area"]
        assert any("spanduk" in m["code"] for m in pharmacy["area"]["reasons"])
        diagnostic = send(c, audit, "diagnostic_waiting", "blurred.jpg", photos["blurred"])
        assert diagnostic["area"]["status"] == "unverifiable", diagnostic["area"]
        assert any(m["code"].startswith("quality_") for m in diagnostic["area"]["advice"])
        info = send(c, audit, "information_complaints", "info.jpg", photos["reused"])
        flags = {f["code"] for f in info["photos"][0]["flags"]}
        assert "reused_photo" in flags
        c.put(
            f"/api/v1/audits/{audit}/checklist",
            json={"items": {item: "met" for item in ATTITUDES}},
        ).raise_for_status()
        body = c.get(f"/api/v1/audits/{audit}").json()
    statuses = {a["area"]: a["status"] for a in body["areas"]}
    assert statuses == {
        "registration": "compliant",
        "outpatient_waiting": "compliant",
        "pharmacy_waiting": "wrong_media",
        "diagnostic_waiting": "unverifiable",
        "information_complaints": "compliant",
    }
    score = body["score"]
    breakdown = {b["indicator"]: b["value"] for b in score["breakdown"]}
    assert breakdown == {"sibling": 100.0, "kessan": None, "janji": 60.0}
    assert score["renormalised"] is True
    assert score["total"] == pytest.approx((0.35 * 100 + 0.35 * 60) / 0.70, abs=0.01)


def test_missing_areas_and_a_lookalike(server: Server, photos: dict[str, bytes]) -> None:
    with server.client("auditor") as c:
        audit = c.post(
            f"/api/v1/facilities/{server.facility_a}/audits", json={"visit_date": VISIT}
        ).json()["id"]
        result = send(c, audit, "registration", "hak.jpg", photos["lookalike"])
        assert result["area"]["status"] == "missing", result["area"]
        body = c.get(f"/api/v1/audits/{audit}").json()
    assert [a["status"] for a in body["areas"]] == ["missing"] * 5
    assert {b["indicator"]: b["value"] for b in body["score"]["breakdown"]}["janji"] == 0.0
