"""Input validation and state transitions that must answer 4xx (never 500) over real HTTP.

Non-finite floats, explicit nulls, integers past the database's range, dates outside the
calendar the service works in, settings that cannot work, a double submit and an override
after submit. The server runs without a model (no photo is uploaded here).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_support import REGION_A, Server, run_model_free_server
from pydantic import ValidationError
from sqlalchemy import func, select

from api import cli
from api.auth import authenticate
from api.errors import ConflictError
from api.models import Audit, Facility, Finding
from api.rules import (
    FacilityRef,
    RulesError,
    commitments_from_verdicts,
    judge_area,
    load_ruleset,
    sibling_visit_plans,
    visit_window,
)
from api.services import audits as audit_service
from api.settings import Settings

VISIT = "2025-03-14"
TOO_BIG = (2**31, 2**63, 10**20)  # past PostgreSQL's INTEGER, SQLite's INTEGER, both
AREAS = 5  # areas of rule set SE-2024: an audit without photos has this many findings
_codes = itertools.count(1)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with run_model_free_server(tmp_path_factory.mktemp("api_validation")) as running:
        yield running


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> None:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert set(error) == {"code", "message", "details"} and error["message"]
    if code is not None:
        assert error["code"] == code, error


def problems(response: httpx.Response) -> str:
    return " ".join(p["problem"] for p in response.json()["error"]["details"]["problems"])


def raw_json(c: httpx.Client, method: str, url: str, body: str) -> httpx.Response:
    """Send a body as written (httpx refuses to encode NaN and Infinity itself)."""
    return c.request(method, url, content=body, headers={"Content-Type": "application/json"})


def new_facility(server: Server, **fields: Any) -> int:
    code = f"VAL-{next(_codes)}"
    body = {"code": code, "name": code, "kind": "puskesmas", "region": REGION_A, **fields}
    with server.client("admin") as c:
        r = c.post("/api/v1/facilities", json=body)
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def new_audit(server: Server, facility: int | None = None, visit: str = VISIT) -> int:
    with server.client("auditor") as c:
        r = c.post(
            f"/api/v1/facilities/{facility or server.facility_a}/audits",
            json={"visit_date": visit},
        )
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def new_finding(server: Server) -> int:
    audit = new_audit(server)
    with server.client("auditor") as c:
        r = c.post(f"/api/v1/audits/{audit}/findings", json={"description": "No poster"})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def count(server: Server, model: type[Any], *where: Any) -> int:
    with server.state.sessions() as db:
        return int(db.scalar(select(func.count()).select_from(model).where(*where)) or 0)


# --- 1. non-finite floats ------------------------------------------------------------------


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_numbers_are_refused_and_audits_still_start(server: Server, number: str) -> None:
    facility = new_facility(server)
    base = {"code": "VAL-NAN", "name": "n", "kind": "puskesmas", "region": REGION_A}
    body = str(base).replace("'", '"')[:-1]
    with server.client("admin") as c:
        for method, url, text in (
            (
                "PATCH",
                f"/api/v1/facilities/{facility}",
                f'{{"area_sizes":{{"registration":{number}}}}}',
            ),
            ("PATCH", f"/api/v1/facilities/{facility}", f'{{"latitude":{number}}}'),
            ("POST", "/api/v1/facilities", body + f',"area_sizes":{{"registration":{number}}}}}'),
            ("POST", "/api/v1/facilities", body + f',"longitude":{number}}}'),
        ):
            r = raw_json(c, method, url, text)
            assert_error(r, 422, "invalid_request")
            assert "finite" in problems(r)
        assert c.get(f"/api/v1/facilities/{facility}").json()["area_sizes"] == {}
    new_audit(server, facility)  # the facility still works


def test_floor_areas_must_be_positive_and_plausible(server: Server) -> None:
    facility = new_facility(server)
    with server.client("admin") as c:
        for size in (0, -3, 10**7):
            r = c.patch(
                f"/api/v1/facilities/{facility}", json={"area_sizes": {"registration": size}}
            )
            assert_error(r, 422, "invalid_request")
        r = c.patch(f"/api/v1/facilities/{facility}", json={"area_sizes": {"registration": 120.5}})
        assert r.status_code == 200 and r.json()["area_sizes"] == {"registration": 120.5}


def test_audit_creation_saves_nothing_when_its_verdicts_cannot_be_computed(
    server: Server,
) -> None:
    facility = new_facility(server)
    with server.state.sessions() as db:  # a NaN stored before inputs were checked
        row = db.get(Facility, facility)
        assert row is not None
        row.area_sizes = {"registration": float("nan")}
        db.commit()
    before = count(server, Audit, Audit.facility_id == facility)
    with server.client("auditor") as c:
        for _ in range(2):
            r = c.post(f"/api/v1/facilities/{facility}/audits", json={"visit_date": VISIT})
            assert_error(r, 422, "rules_error")
            assert "finite" in r.json()["error"]["message"]
    assert count(server, Audit, Audit.facility_id == facility) == before


# --- 2. explicit null ----------------------------------------------------------------------


def test_null_is_refused_where_the_column_cannot_be_empty(server: Server) -> None:
    facility = new_facility(server, latitude=-6.2, longitude=106.8)
    finding = new_finding(server)
    with server.client("admin") as c:
        for field in ("name", "address", "contract_status", "area_sizes"):
            r = c.patch(f"/api/v1/facilities/{facility}", json={field: None})
            assert_error(r, 422, "invalid_request")
            assert field in str(r.json()["error"]["details"])
        for field in ("commitment", "status"):
            assert_error(c.patch(f"/api/v1/findings/{finding}", json={field: None}), 422)
        cleared = c.patch(f"/api/v1/facilities/{facility}", json={"latitude": None})
        assert cleared.status_code == 200, cleared.text
        assert cleared.json()["latitude"] is None and cleared.json()["longitude"] == 106.8
        for field in ("due_date", "resolution_note", "resolved_audit_id"):
            r = c.patch(f"/api/v1/findings/{finding}", json={field: None})
            assert r.status_code == 200, r.text
            assert r.json()[field] is None


# --- 3. integers past the database's range -------------------------------------------------

ID_ROUTES: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/api/v1/facilities/{}", None),
    ("PATCH", "/api/v1/facilities/{}", {"name": "x"}),
    ("POST", "/api/v1/facilities/{}/audits", {"visit_date": VISIT}),
    ("GET", "/api/v1/facilities/{}/audits", None),
    ("GET", "/api/v1/facilities/{}/findings", None),
    (
        "POST",
        "/api/v1/facilities/{}/feedback",
        {"stars": 5, "visit_date": VISIT, "care": "outpatient"},
    ),
    ("PUT", "/api/v1/facilities/{}/visits", {"month": "2025-03", "visits": 10}),
    ("GET", "/api/v1/facilities/{}/kessan", None),
    ("GET", "/api/v1/audits/{}", None),
    ("GET", "/api/v1/audits/{}/areas/registration", None),
    ("POST", "/api/v1/audits/{}/areas/registration/override", {"status": "compliant", "note": "n"}),
    ("PUT", "/api/v1/audits/{}/checklist", {"items": {"ramah": "met"}}),
    ("POST", "/api/v1/audits/{}/submit", None),
    ("POST", "/api/v1/audits/{}/close", None),
    ("POST", "/api/v1/audits/{}/findings", {"description": "d"}),
    ("GET", "/api/v1/audits/{}/report.html", None),
    ("GET", "/api/v1/audits/{}/report.pdf", None),
    ("PATCH", "/api/v1/findings/{}", {"commitment": "c"}),
    ("GET", "/api/v1/photos/{}", None),
    ("GET", "/api/v1/photos/{}/evidence.jpg", None),
    ("GET", "/api/v1/photos/{}/original", None),
]


@pytest.mark.parametrize(
    ("method", "route", "body"), ID_ROUTES, ids=[f"{m} {r}" for m, r, _ in ID_ROUTES]
)
def test_ids_outside_the_database_range_answer_422(
    server: Server, method: str, route: str, body: dict[str, Any] | None
) -> None:
    with server.client("admin") as c:
        for value in (0, *TOO_BIG):
            r = c.request(method, route.format(value), json=body)
            assert_error(r, 422, "invalid_request")
        r = c.request(method, route.format(2**31 - 1), json=body)
        assert_error(r, 404)  # the largest possible id: in range, but there is none


def test_upload_to_an_id_outside_the_range_answers_422(server: Server) -> None:
    with server.client("admin") as c:
        r = c.post(
            f"/api/v1/audits/{10**20}/areas/registration/photos",
            files=[("files", ("a.jpg", b"\xff\xd8", "image/jpeg"))],
        )
    assert_error(r, 422, "invalid_request")


@pytest.mark.parametrize(
    ("role", "route"),
    [
        ("admin", "/api/v1/facilities"),
        ("admin", "/api/v1/keys"),
        ("ml_engineer", "/api/v1/photos"),
        ("admin", "/api/v1/facilities/{a}/audits"),
        ("admin", "/api/v1/facilities/{a}/findings"),
    ],
)
def test_offsets_are_bounded(server: Server, role: str, route: str) -> None:
    url = route.format(a=server.facility_a)
    with server.client(role) as c:
        for value in TOO_BIG:
            assert_error(c.get(url, params={"offset": value}), 422, "invalid_request")
        last = c.get(url, params={"offset": 2**31 - 1})
        assert last.status_code == 200, last.text
        assert last.json()["items"] == []


def test_integers_in_bodies_are_bounded(server: Server) -> None:
    finding = new_finding(server)
    with server.client("admin") as c:
        for value in TOO_BIG:
            r = c.put(
                f"/api/v1/facilities/{server.facility_a}/visits",
                json={"month": "2025-03", "visits": value},
            )
            assert_error(r, 422, "invalid_request")
            r = c.post("/api/v1/keys", json={"name": "k", "role": "facility", "facility_id": value})
            assert_error(r, 422, "invalid_request")
            r = c.patch(f"/api/v1/findings/{finding}", json={"resolved_audit_id": value})
            assert_error(r, 422, "invalid_request")
        r = c.put(
            f"/api/v1/facilities/{server.facility_a}/visits",
            json={"month": "2025-03", "visits": 250_000},
        )
        assert r.status_code == 204, r.text


def test_strings_fit_their_columns(server: Server) -> None:
    with server.client("admin") as c:
        r = c.post("/api/v1/keys", json={"name": "k", "role": "auditor", "region": "r" * 65})
        assert_error(r, 422, "invalid_request")
        r = c.post("/api/v1/keys", json={"name": "k", "role": "auditor", "region": "r" * 64})
        assert r.status_code == 201, r.text
        r = c.post(
            f"/api/v1/audits/{new_audit(server)}/findings",
            json={"area": "a" * 33, "description": "d"},
        )
        assert_error(r, 422, "invalid_request")


# --- 4. dates ------------------------------------------------------------------------------


def test_dates_outside_the_service_calendar_answer_422(server: Server) -> None:
    too_late = (dt.date.today() + dt.timedelta(days=800)).isoformat()
    finding = new_finding(server)
    a = server.facility_a
    with server.client("admin") as c:
        for day in ("9999-12-31", "1999-12-31", too_late):
            for r in (
                c.post(f"/api/v1/facilities/{a}/audits", json={"visit_date": day}),
                c.post(
                    f"/api/v1/facilities/{a}/feedback",
                    json={"stars": 4, "visit_date": day, "care": "outpatient"},
                ),
                c.patch(f"/api/v1/findings/{finding}", json={"due_date": day}),
                c.get("/api/v1/oversight/overdue-visits", params={"today": day}),
                c.get("/api/v1/oversight/follow-up", params={"today": day}),
            ):
                assert_error(r, 422, "invalid_request")
                assert "2000-01-01" in problems(r)
        for month in ("0000-01", "9999-12", "1999-12"):
            r = c.put(f"/api/v1/facilities/{a}/visits", json={"month": month, "visits": 1})
            assert_error(r, 422, "invalid_request")
        next_year = (dt.date.today() + dt.timedelta(days=300)).isoformat()
        audit = c.post(f"/api/v1/facilities/{a}/audits", json={"visit_date": next_year})
        assert audit.status_code == 201, audit.text
        submitted = c.post(f"/api/v1/audits/{audit.json()['id']}/submit")
        assert submitted.status_code == 200, submitted.text
        late_due = (dt.date.today() + dt.timedelta(days=600)).isoformat()
        r = c.patch(f"/api/v1/findings/{finding}", json={"due_date": late_due})
        assert r.status_code == 200, r.text  # due dates may lie further ahead than visits


def test_a_stored_far_date_gives_a_clear_error_not_a_500(server: Server) -> None:
    audit = new_audit(server)
    with server.state.sessions() as db:  # stored before dates were checked
        row = db.get(Audit, audit)
        assert row is not None
        row.visit_date = dt.date.max
        db.commit()
    with server.client("auditor") as c:
        r = c.post(f"/api/v1/audits/{audit}/submit")
        assert_error(r, 422, "rules_error")
        assert "9999-12-31" in r.json()["error"]["message"]
        assert c.get(f"/api/v1/audits/{audit}").json()["status"] == "draft"
    assert count(server, Finding, Finding.audit_id == audit) == 0


def test_pure_rules_do_not_crash_near_the_end_of_the_calendar() -> None:
    ruleset = load_ruleset("SE-2024")
    plans = sibling_visit_plans(
        ruleset, [FacilityRef(code="P", facility_type="puskesmas")], [], dt.date.max
    )
    assert plans[0].required_by_now == ruleset.facility.min_visits_per_year
    verdicts = [judge_area(ruleset, "registration", [])]
    with pytest.raises(RulesError, match="9999-12-31"):
        commitments_from_verdicts(ruleset, "P", "1", verdicts, dt.date.max)
    with pytest.raises(RulesError, match="9999-12-31"):
        visit_window(dt.date.max)
    assert visit_window(dt.date(2025, 3, 14))[1] == dt.datetime(2025, 3, 15)


# --- 5. settings ---------------------------------------------------------------------------


def test_unknown_rule_set_is_refused_at_startup(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(ValidationError, match="unknown rule set 'SE-2099'; available: SE-2024"):
        Settings(data_dir=tmp_path, rule_set="SE-2099")
    monkeypatch.setenv("JANJICHECK_RULE_SET", "SE-2099")
    monkeypatch.setenv("JANJICHECK_DATA_DIR", str(tmp_path))
    parser = argparse.ArgumentParser()
    cli.add_parser(parser.add_subparsers(dest="command"))
    assert cli.run(parser.parse_args(["serve", "--no-demo"])) == 2
    assert "rule_set" in capsys.readouterr().err
    assert not (tmp_path / "janjicheck.db").exists()


def test_log_level_must_be_a_logging_level(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="log_level"):
        Settings(data_dir=tmp_path, log_level="LOUD")
    assert Settings(data_dir=tmp_path, log_level="debug").log_level == "DEBUG"


# --- 6. double submit ----------------------------------------------------------------------


def test_two_submits_at_once_make_one_set_of_findings(
    server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    audit = new_audit(server)
    both_read_draft = threading.Barrier(2, timeout=30)
    original: Callable[[Audit], None] = audit_service.require_draft

    def require_draft_then_wait(row: Audit) -> None:
        original(row)
        both_read_draft.wait()  # neither writes before both have seen the draft

    monkeypatch.setattr(audit_service, "require_draft", require_draft_then_wait)
    answers: list[httpx.Response] = []

    def submit() -> None:
        with server.client("auditor") as c:
            answers.append(c.post(f"/api/v1/audits/{audit}/submit"))

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(r.status_code for r in answers) == [200, 409], [r.text for r in answers]
    assert_error(next(r for r in answers if r.status_code == 409), 409, "audit_not_draft")
    assert count(server, Finding, Finding.audit_id == audit) == AREAS


def test_a_stale_draft_cannot_be_submitted_twice(server: Server) -> None:
    audit = new_audit(server)
    with server.state.sessions() as first, server.state.sessions() as second:
        caller = authenticate(first, f"Bearer {server.tokens['auditor']}")
        stale = audit_service.get(second, caller, audit)  # read while still a draft
        assert stale.status == "draft"
        audit_service.submit(first, caller, audit)
        with pytest.raises(ConflictError) as refused:
            audit_service.submit(second, caller, audit)
        assert refused.value.code == "audit_not_draft"
    assert count(server, Finding, Finding.audit_id == audit) == AREAS


# --- 7. override after submit --------------------------------------------------------------


def test_override_after_submit_is_refused(server: Server) -> None:
    audit = new_audit(server)
    with server.client("auditor") as c:
        submitted = c.post(f"/api/v1/audits/{audit}/submit")
        assert submitted.status_code == 200, submitted.text
        r = c.post(
            f"/api/v1/audits/{audit}/areas/registration/override",
            json={"status": "compliant", "note": "Seen after the visit"},
        )
        assert_error(r, 409, "audit_not_draft")
        after = c.get(f"/api/v1/audits/{audit}").json()
    registration = next(a for a in after["areas"] if a["area"] == "registration")
    assert registration["status"] == "missing" and registration["overrides"] == []
    assert after["score"] == submitted.json()["score"]
    assert count(server, Finding, Finding.audit_id == audit, Finding.area == "registration") == 1
