"""Control characters in text inputs answer 422 with a reason, alike on SQLite and PostgreSQL.

PostgreSQL text cannot hold NUL: before the check, every such request was a 500 there (and
stored as sent on SQLite). Every text field of a request body, every text query parameter and
an upload's file name are checked; multi-line text may hold tab and line breaks.

Real HTTP server with the shipped model, on real SQLite and, when a PostgreSQL server can be
started (``test_api_postgres.postgres_url``), on real PostgreSQL.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_support import REGION_A, Server, run_server
from sqlalchemy import func, select
from test_api_postgres import postgres_url  # noqa: F401 (a fixture used by ``server``)

from api.models import ApiKey, Audit, Facility, Feedback, Finding, Photo
from api.settings import Settings

VISIT = "2025-03-14"
_codes = itertools.count(1)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(
    request: pytest.FixtureRequest,
    shipped_package: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Server]:
    url = request.getfixturevalue("postgres_url") if request.param == "postgresql" else None
    settings = Settings(
        data_dir=tmp_path_factory.mktemp(f"text_{request.param}"),
        database_url=url,
        model_path=shipped_package,
        log_json=False,
    )
    with run_server(settings) as running:
        assert running.state.engine.dialect.name == request.param
        yield running


def count(server: Server, model: type[Any]) -> int:
    with server.state.sessions() as db:
        return int(db.scalar(select(func.count()).select_from(model)) or 0)


def assert_refused(response: httpx.Response, field: str, character: str = "U+0000") -> None:
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_request", error
    problems = error["details"]["problems"]
    assert any(
        p["location"][-1] == field
        and "control characters" in p["problem"]
        and character in p["problem"]
        for p in problems
    ), problems


def new_facility(server: Server) -> int:
    code = f"TXT-{next(_codes)}"
    body = {"code": code, "name": code, "kind": "puskesmas", "region": REGION_A}
    with server.client("admin") as c:
        r = c.post("/api/v1/facilities", json=body)
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def new_audit(server: Server, facility: int | None = None) -> int:
    with server.client("auditor") as c:
        r = c.post(
            f"/api/v1/facilities/{facility or server.facility_a}/audits",
            json={"visit_date": VISIT},
        )
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def test_bodies_with_nul_are_refused_and_nothing_is_stored(server: Server) -> None:
    facility = new_facility(server)
    audit = new_audit(server)
    before = {m: count(server, m) for m in (Facility, ApiKey, Audit, Finding, Feedback)}
    body = {"code": "TXT-NUL", "name": "n", "kind": "puskesmas", "region": REGION_A}
    with server.client("admin") as c:
        for field in ("name", "region", "address"):
            r = c.post("/api/v1/facilities", json={**body, field: "n\u0000x"})
            assert_refused(r, field)
        for field in ("name", "address"):
            r = c.patch(f"/api/v1/facilities/{facility}", json={field: "n\u0000x"})
            assert_refused(r, field)
        assert_refused(c.post("/api/v1/keys", json={"name": "k\u0000", "role": "admin"}), "name")
        r = c.post("/api/v1/keys", json={"name": "k", "role": "auditor", "region": "r\u0000"})
        assert_refused(r, "region")
        r = c.post(
            f"/api/v1/facilities/{server.facility_a}/audits",
            json={"visit_date": VISIT, "auditor": "Ani\u0000"},
        )
        assert_refused(r, "auditor")
        r = c.post(
            f"/api/v1/audits/{audit}/areas/registration/override",
            json={"status": "compliant", "note": "seen\u0000"},
        )
        assert_refused(r, "note")
        for field, value in (
            ("description", "No poster\u0000"),
            ("commitment", "\u0000"),
            ("area", "registration\u0000"),
        ):
            r = c.post(
                f"/api/v1/audits/{audit}/findings",
                json={"description": "No poster", field: value},
            )
            assert_refused(r, field)
        r = c.post(
            f"/api/v1/facilities/{facility}/feedback",
            json={"stars": 4, "comment": "ok\u0000", "visit_date": VISIT, "care": "outpatient"},
        )
        assert_refused(r, "comment")
        stored = c.get(f"/api/v1/facilities/{facility}").json()
    assert stored["name"].startswith("TXT-") and stored["address"] == ""
    assert {m: count(server, m) for m in before} == before


def test_finding_changes_with_nul_are_refused(server: Server) -> None:
    audit = new_audit(server)
    with server.client("auditor") as c:
        r = c.post(f"/api/v1/audits/{audit}/findings", json={"description": "No poster"})
        assert r.status_code == 201, r.text
        finding = r.json()["id"]
        for field in ("commitment", "resolution_note"):
            r = c.patch(f"/api/v1/findings/{finding}", json={field: "fix\u0000"})
            assert_refused(r, field)
        after = c.get(f"/api/v1/facilities/{server.facility_a}/findings").json()["items"]
    row = next(f for f in after if f["id"] == finding)
    assert row["commitment"] == "" and row["resolution_note"] is None


def test_query_parameters_with_nul_are_refused(server: Server) -> None:
    with server.client("admin") as c:
        assert_refused(c.get("/api/v1/facilities", params={"region": "a\u0000b"}), "region")
        assert c.get("/api/v1/facilities", params={"region": REGION_A}).status_code == 200
    with server.client("ml_engineer") as c:
        assert_refused(c.get("/api/v1/photos", params={"label": "janji\u0000"}), "label")


def test_upload_file_names_with_nul_are_refused(server: Server, vision_photos: Any) -> None:
    audit = new_audit(server)
    before = count(server, Photo)
    # Written by hand: httpx, like browsers, would send the NUL percent-encoded.
    body = (
        b"--xyz\r\n"
        b'Content-Disposition: form-data; name="files"; filename="a\x00.jpg"\r\n'
        b"Content-Type: image/jpeg\r\n\r\n"
        + vision_photos.plain_jpg.read_bytes()
        + b"\r\n--xyz--\r\n"
    )
    with server.client("auditor") as c:
        r = c.post(
            f"/api/v1/audits/{audit}/areas/registration/photos",
            content=body,
            headers={"Content-Type": "multipart/form-data; boundary=xyz"},
        )
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "invalid_filename" and "U+0000" in error["message"], error
    assert count(server, Photo) == before


def test_single_line_fields_refuse_every_control_character(server: Server) -> None:
    body = {"code": "TXT-CTL", "kind": "puskesmas", "region": REGION_A}
    with server.client("admin") as c:
        for character in ("\t", "\n", "\u001b", "\u007f", "\u0085"):
            r = c.post("/api/v1/facilities", json={**body, "name": f"a{character}b"})
            assert_refused(r, "name", f"U+{ord(character):04X}")
            r = c.post("/api/v1/keys", json={"name": "k", "role": "auditor", "region": character})
            assert_refused(r, "region", f"U+{ord(character):04X}")
        # An optional text field still reports its length limit in characters.
        r = c.post("/api/v1/keys", json={"name": "k", "role": "auditor", "region": "r" * 65})
        assert r.status_code == 422, r.text
        assert "at most 64 characters" in str(r.json()["error"]["details"])


def test_multi_line_text_keeps_tabs_and_line_breaks(server: Server) -> None:
    facility = new_facility(server)
    comment = "Ramah.\r\nAntrian\tcepat.\n"
    address = "Jl. Contoh No. 1\nJakarta Pusat"
    with server.client("admin") as c:
        r = c.post(
            f"/api/v1/facilities/{facility}/feedback",
            json={"stars": 5, "comment": comment, "visit_date": VISIT, "care": "outpatient"},
        )
        assert r.status_code == 201, r.text
        assert r.json()["comment"] == comment
        r = c.patch(f"/api/v1/facilities/{facility}", json={"address": address})
        assert r.status_code == 200 and r.json()["address"] == address
        r = c.patch(f"/api/v1/facilities/{facility}", json={"address": "a\u000bb"})
        assert_refused(r, "address", "U+000B")
        r = c.post(
            f"/api/v1/facilities/{facility}/feedback",
            json={"stars": 5, "comment": "\u0000", "visit_date": VISIT, "care": "outpatient"},
        )
        assert_refused(r, "comment")
        # Ordinary non-ASCII text stays welcome.
        r = c.patch(f"/api/v1/facilities/{facility}", json={"name": "Klinik Sehat — Ñusa 🏥"})
        assert r.status_code == 200 and r.json()["name"] == "Klinik Sehat — Ñusa 🏥"
