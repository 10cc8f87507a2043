"""The audit workflow end to end over HTTP (development model: verdicts set by overrides).

Integrity flags, overrides, checklist, KESSAN, score breakdown, submission into findings,
follow-up checks, reports, oversight lists, retention and metrics.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import pytest
from api_support import Server, decode_image, read_image, run_server

from api.rules import EvidenceMeta, evidence_flags, load_ruleset
from api.services import photos as photo_service
from api.settings import Settings
from vision.faces import FaceDetector

VISIT = "2025-03-14"
AREAS = (
    "registration",
    "outpatient_waiting",
    "pharmacy_waiting",
    "diagnostic_waiting",
    "information_complaints",
)
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


@pytest.fixture(scope="module")
def server(dev_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("api_workflow"),
        model_path=dev_package,
        retention_days=30,
        log_json=False,
    )
    with run_server(settings) as running:
        yield running


def post_photo(c: Any, audit: int, area: str, name: str, data: bytes) -> dict[str, Any]:
    r = c.post(
        f"/api/v1/audits/{audit}/areas/{area}/photos",
        files=[("files", (name, data, "image/jpeg"))],
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def new_audit(c: Any, facility: int, visit: str = VISIT) -> int:
    r = c.post(f"/api/v1/facilities/{facility}/audits", json={"visit_date": visit})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def codes(photo: dict[str, Any]) -> dict[str, str]:
    return {f["code"]: f["severity"] for f in photo["flags"]}


def test_integrity_flags(server: Server, vision_photos: Any) -> None:
    phone = vision_photos.phone_jpg.read_bytes()  # EXIF 2025-03-14 09:26, GPS at facility A
    plain = vision_photos.plain_jpg.read_bytes()  # no EXIF
    with server.client("auditor") as c:
        audit = new_audit(c, server.facility_a)
        first = post_photo(c, audit, "registration", "phone.jpg", phone)["photos"][0]
        assert codes(first) == {}  # right day, right place
        again = post_photo(c, audit, "registration", "retake.jpg", phone)["photos"][0]
        assert "reused_photo" not in codes(again)  # a retake in the same area is expected
        other_area = post_photo(c, audit, "pharmacy_waiting", "p.jpg", phone)["photos"][0]
        assert codes(other_area)["reused_photo"] == "medium"
        assert other_area["flags"][0]["related_photo_id"] in {first["id"], again["id"]}
        # Re-encoded and resized: still recognised as the same photo.
        image = decode_image(plain)
        small = cv2.imencode(".jpg", cv2.resize(image, None, fx=0.6, fy=0.6), [1, 70])[1]
        post_photo(c, audit, "diagnostic_waiting", "plain.jpg", plain)
        near = post_photo(c, audit, "information_complaints", "small.jpg", small.tobytes())
        assert "reused_photo" in codes(near["photos"][0])
        assert codes(near["photos"][0])["exif_missing"] == "low"
        # Both languages of each flag's text reach the client, as the pure rule words them.
        missing = next(f for f in near["photos"][0]["flags"] if f["code"] == "exif_missing")
        day = dt.datetime(2025, 3, 14, tzinfo=dt.UTC)
        rule = evidence_flags(
            load_ruleset("SE-2024"), EvidenceMeta(has_exif=False), day, day, None
        )[0].message
        assert (missing["text_id"], missing["text_en"]) == (rule.text_id, rule.text_en)
        for flag in (f for p in (other_area, near["photos"][0]) for f in p["flags"]):
            assert flag["text_id"] and flag["text_en"] and flag["text_id"] != flag["text_en"]
            assert (flag["text_id"], flag["text_en"]) == (flag["message_id"], flag["message"])
        late = new_audit(c, server.facility_a, visit="2025-06-01")
        wrong_day = post_photo(c, late, "registration", "phone.jpg", phone)["photos"][0]
        assert "exif_time_outside_visit" in codes(wrong_day)
        assert codes(wrong_day)["reused_photo"] == "medium"  # another audit
    with server.client("auditor_b") as c:
        audit_b = new_audit(c, server.facility_b)
        far = post_photo(c, audit_b, "registration", "phone.jpg", phone)["photos"][0]
        assert codes(far)["reused_photo"] == "high"  # another facility
        assert "exif_gps_far" in codes(far)


def test_photo_results_carry_the_pipelines_decision_and_the_verdict_follows_it(
    server: Server, vision_photos: Any
) -> None:
    with server.client("auditor") as c:
        audit = new_audit(c, server.facility_a)
        body = post_photo(
            c, audit, "registration", "janji.jpg", vision_photos.janji_jpg.read_bytes()
        )
    photo, area = body["photos"][0], body["area"]
    assert photo["detections"], "the development model should find something here"
    for det in photo["detections"]:
        assert {"label", "confidence", "box", "verified", "promises_read", "accepted"} <= set(det)
        assert isinstance(det["accepted"], bool)
        assert det["variant"] in {"fkrtl", "fktp", None}
    assert photo["janji_present"] is any(d["accepted"] for d in photo["detections"])
    # registration counts posters and banners: exactly the accepted ones, nothing else
    counted = sum(
        d["accepted"] for d in photo["detections"] if d["label"] in {"janji_poster", "janji_banner"}
    )
    assert area["qualified_count"] == counted


def test_evidence_images_hide_faces(server: Server, indoor_dir: Path) -> None:
    photo = indoor_dir / "a6c770c55743d796.jpg"  # one person facing the camera
    if not photo.is_file():
        pytest.skip("photo of a person not in the indoor folder")
    detector = FaceDetector.load()
    original = read_image(photo)
    assert [f for f in detector.detect(original) if f.score >= 0.5]
    with server.client("auditor") as c:
        audit = new_audit(c, server.facility_a)
        body = post_photo(c, audit, "registration", "person.jpg", photo.read_bytes())
        result = body["photos"][0]
        assert result["faces_blurred"] is None or result["faces_blurred"] >= 1
        evidence = c.get(result["evidence_url"]).content
        drawn = c.get(f"/api/v1/photos/{result['id']}").json()
        assert drawn["evidence_ready"] is True and drawn["faces_blurred"] >= 1
    image = decode_image(evidence)
    assert not [f for f in detector.detect(image) if f.score >= 0.5]


def test_audit_score_findings_and_follow_up(server: Server, vision_photos: Any) -> None:
    a = server.facility_a
    plain = vision_photos.plain_jpg.read_bytes() + b"score-test"
    with server.client("facility") as c:
        for i in range(30):
            r = c.post(
                f"/api/v1/facilities/{a}/feedback",
                json={"stars": 5, "visit_date": f"2025-03-{1 + i % 28:02d}", "care": "outpatient"},
            )
            assert r.status_code == 201
        r = c.put(f"/api/v1/facilities/{a}/visits", json={"month": "2025-03", "visits": 400})
        assert r.status_code == 204, r.text
        kessan = c.get(f"/api/v1/facilities/{a}/kessan").json()
        march = next(m for m in kessan if m["month"] == "2025-03")
        assert march["respondents"] >= 30 and march["minimum_met"] is True
    with server.client("auditor") as c:
        audit = new_audit(c, a)
        post_photo(c, audit, "registration", "r.jpg", plain)
        for area, status in (
            ("registration", "compliant"),
            ("outpatient_waiting", "compliant"),
            ("pharmacy_waiting", "wrong_media"),
        ):
            r = c.post(
                f"/api/v1/audits/{audit}/areas/{area}/override",
                json={"status": status, "note": "Checked on site"},
            )
            assert r.status_code == 200, r.text
            assert r.json()["status"] == status
            assert r.json()["overrides"][-1]["by"] == "auditor"
        r = c.put(
            f"/api/v1/audits/{audit}/checklist",
            json={"items": {item: "met" for item in ATTITUDES}},
        )
        assert r.status_code == 200
        body = r.json()
        breakdown = {b["indicator"]: b for b in body["score"]["breakdown"]}
        assert breakdown["sibling"]["value"] == 100
        assert breakdown["janji"]["value"] == 40  # 2 of 5 areas compliant
        kessan_value = breakdown["kessan"]["value"]
        assert kessan_value is not None and kessan_value > 90
        expected = 0.35 * 100 + 0.30 * kessan_value + 0.35 * 40
        assert body["score"]["total"] == pytest.approx(expected, abs=0.02)
        registration = next(x for x in body["areas"] if x["area"] == "registration")
        assert registration["status"] == "compliant"
        assert registration["derived_status"] != "" and registration["photo_count"] == 1
        submitted = c.post(f"/api/v1/audits/{audit}/submit").json()
        assert submitted["status"] == "submitted"
        findings = c.get(f"/api/v1/facilities/{a}/findings", params={"status": "open"}).json()
        mine = [f for f in findings["items"] if f["audit_id"] == audit]
        assert {f["area"] for f in mine} == {
            "pharmacy_waiting",
            "diagnostic_waiting",
            "information_complaints",
        }
        visit = dt.date.fromisoformat(VISIT)
        for f in mine:
            days = 30
            assert f["due_date"] == (visit + dt.timedelta(days=days)).isoformat()
            assert f["commitment"]  # the advice becomes the commitment's actions
        with server.client("facility") as fc:
            pharmacy = next(f for f in mine if f["area"] == "pharmacy_waiting")
            r = fc.patch(
                f"/api/v1/findings/{pharmacy['id']}", json={"commitment": "Replace the spanduk"}
            )
            assert r.status_code == 200, r.text
            assert r.json()["commitment"] == "Replace the spanduk"
            # Only an auditor resolves a finding; here the next visit does (below).
            r = fc.patch(f"/api/v1/findings/{pharmacy['id']}", json={"status": "resolved"})
            assert r.status_code == 403, r.text
            assert r.json()["error"]["code"] == "forbidden"
            still = fc.get(f"/api/v1/facilities/{a}/findings", params={"status": "open"}).json()
            assert pharmacy["id"] in {f["id"] for f in still["items"]}
        follow = c.get("/api/v1/oversight/follow-up", params={"today": "2025-05-01"}).json()
        assert follow[0]["code"] == "PKM-A" and follow[0]["open_findings"] >= 3
        # The next visit checks them: the pharmacy is now compliant.
        later = new_audit(c, a, visit="2025-09-01")
        c.post(
            f"/api/v1/audits/{later}/areas/pharmacy_waiting/override",
            json={"status": "compliant", "note": "Poster now up"},
        )
        c.post(f"/api/v1/audits/{later}/submit").raise_for_status()
        pharmacy_now = c.get(f"/api/v1/facilities/{a}/findings").json()["items"]
        resolved = next(f for f in pharmacy_now if f["id"] == pharmacy["id"])
        assert resolved["status"] == "resolved" and resolved["resolved_audit_id"] == later
        report = c.get(f"/api/v1/audits/{audit}/report.html")
        assert report.status_code == 200
        assert "Facility PKM-A" in report.text and "data:image/jpeg;base64," in report.text
        assert "wrong_media" in report.text and "Replace the spanduk" in report.text
        rows = list(csv.DictReader(io.StringIO(c.get("/api/v1/reports/facility-scores.csv").text)))
        row = next(r for r in rows if r["facility_code"] == "PKM-A")
        assert row["audit_id"] == str(later)


def test_contract_review_and_overdue(server: Server) -> None:
    b = server.facility_b
    with server.client("auditor_b") as c:
        for visit in ("2025-01-10", "2025-04-10", "2025-07-10"):
            audit = new_audit(c, b, visit=visit)
            c.put(
                f"/api/v1/audits/{audit}/checklist",
                json={"items": {item: "not_met" for item in ATTITUDES}},
            ).raise_for_status()
            score = c.post(f"/api/v1/audits/{audit}/submit").json()["score"]
            assert score["grade"] == "bad"
        review = c.get("/api/v1/oversight/contract-review").json()
        assert [r["code"] for r in review] == ["RS-B"]
        assert review[0]["bad_streak"] == 3
    with server.client("admin") as c:
        overdue = c.get("/api/v1/oversight/overdue-visits", params={"today": "2025-12-31"}).json()
        # FKTP only: the puskesmas is listed, the hospital is not.
        assert "RS-B" not in [r["code"] for r in overdue]


def test_retention_deletes_originals_keeps_evidence(server: Server, vision_photos: Any) -> None:
    with server.client("auditor") as c:
        audit = new_audit(c, server.facility_a)
        data = vision_photos.lookalike_jpg.read_bytes()
        photo = post_photo(c, audit, "registration", "old.jpg", data)["photos"][0]
        assert c.get(photo["original_url"]).status_code == 200
        with server.state.sessions() as db:
            far_future = dt.datetime.now(dt.UTC) + dt.timedelta(days=31)
            assert photo_service.purge_originals(server.state, db, now=far_future) >= 1
        gone = c.get(photo["original_url"])
        assert gone.status_code == 404 and gone.json()["error"]["code"] == "original_deleted"
        assert c.get(photo["evidence_url"]).status_code == 200
        assert c.get(f"/api/v1/photos/{photo['id']}").json()["original_available"] is False


def test_metrics(server: Server) -> None:
    with server.client() as c:
        text = c.get("/metrics").text
    assert "janjicheck_request_seconds_bucket" in text
    assert "janjicheck_inference_seconds_count" in text
    assert "janjicheck_inference_queue_depth" in text
    assert 'route="/api/v1/audits/{audit_id}/areas/{area}/photos"' in text
