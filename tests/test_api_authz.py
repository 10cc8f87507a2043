"""Authorization matrix: every route x every role, on facility A's records.

Roles: admin; auditor of A's region ("own") and of another region ("other"); the facility key
of A ("own") and of B ("other"); ml_engineer; and no key. Out-of-scope records answer 404 (a
token never learns they exist); in-scope actions the role may not take answer 403.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_support import Server, run_server

from api.settings import Settings

ROLES = ("admin", "auditor", "auditor_b", "facility", "facility_b", "ml_engineer", None)


@dataclass
class World:
    """Records of facility A that the matrix acts on."""

    server: Server
    sibling: int
    self_check: int
    photo: int
    finding: int
    photo_bytes: bytes

    def fresh_audit(self, submitted: bool = False) -> int:
        with self.server.client("admin") as c:
            r = c.post(
                f"/api/v1/facilities/{self.server.facility_a}/audits",
                json={"visit_date": "2025-03-14", "kind": "sibling"},
            )
            audit = int(r.json()["id"])
            if submitted:
                c.post(f"/api/v1/audits/{audit}/submit").raise_for_status()
        return audit


@pytest.fixture(scope="module")
def world(
    dev_package: Path, tmp_path_factory: pytest.TempPathFactory, vision_photos: Any
) -> Iterator[World]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("api_authz"), model_path=dev_package, log_json=False
    )
    with run_server(settings) as server:
        data = vision_photos.plain_jpg.read_bytes()
        a = server.facility_a
        with server.client("auditor") as c:
            sibling = c.post(f"/api/v1/facilities/{a}/audits", json={"visit_date": "2025-03-14"})
            sibling_id = sibling.json()["id"]
            up = c.post(
                f"/api/v1/audits/{sibling_id}/areas/registration/photos",
                files=[("files", ("a.jpg", data, "image/jpeg"))],
            )
            up.raise_for_status()
            finding = c.post(
                f"/api/v1/audits/{sibling_id}/findings",
                json={"area": "registration", "description": "No poster at registration"},
            )
        with server.client("facility") as c:
            own = c.post(f"/api/v1/facilities/{a}/audits", json={"visit_date": "2025-03-14"})
        yield World(
            server=server,
            sibling=sibling_id,
            self_check=own.json()["id"],
            photo=up.json()["photos"][0]["id"],
            finding=finding.json()["id"],
            photo_bytes=data,
        )


Call = Callable[[httpx.Client, World], httpx.Response]


def upload(audit: Callable[[World], int]) -> Call:
    def call(c: httpx.Client, w: World) -> httpx.Response:
        return c.post(
            f"/api/v1/audits/{audit(w)}/areas/registration/photos",
            files=[("files", ("a.jpg", w.photo_bytes, "image/jpeg"))],
        )

    return call


A = "facility_a"
IN_SCOPE = {"admin": 200, "auditor": 200, "facility": 200}
ADMIN_ONLY = {"admin": 200}
OVERSIGHT = {"admin": 200, "auditor": 200, "auditor_b": 200}


def expect(
    ok: dict[str, int], forbidden: tuple[str, ...] = (), default: int = 404
) -> dict[Any, int]:
    """Expected status per role: ``ok`` roles, ``forbidden`` roles 403, the rest ``default``."""
    table: dict[Any, int] = {role: default for role in ROLES}
    table.update({role: 403 for role in forbidden})
    table.update(ok)
    table[None] = 401
    return table


ALL_ROLES_OK = expect({r: 200 for r in ROLES if r})
ROLE_ONLY = expect(ADMIN_ONLY, forbidden=tuple(r for r in ROLES if r and r != "admin"))

# (route template, method, call, expected status per role)
MATRIX: list[tuple[str, str, Call, dict[Any, int]]] = [
    ("/api/v1/me", "GET", lambda c, w: c.get("/api/v1/me"), ALL_ROLES_OK),
    (
        "/api/v1/keys",
        "POST",
        lambda c, w: c.post("/api/v1/keys", json={"name": "x", "role": "ml_engineer"}),
        expect({"admin": 201}, forbidden=tuple(r for r in ROLES if r and r != "admin")),
    ),
    ("/api/v1/keys", "GET", lambda c, w: c.get("/api/v1/keys"), ROLE_ONLY),
    ("/api/v1/model", "GET", lambda c, w: c.get("/api/v1/model"), ALL_ROLES_OK),
    (
        "/api/v1/facilities",
        "GET",
        lambda c, w: c.get("/api/v1/facilities"),
        expect({r: 200 for r in ROLES if r and r != "ml_engineer"}, forbidden=("ml_engineer",)),
    ),
    (
        "/api/v1/facilities",
        "POST",
        lambda c, w: c.post(
            "/api/v1/facilities",
            json={"code": f"N{id(c)}", "name": "n", "kind": "klinik", "region": "X"},
        ),
        expect({"admin": 201}, forbidden=tuple(r for r in ROLES if r and r != "admin")),
    ),
    (
        "/api/v1/facilities/{facility_id}",
        "GET",
        lambda c, w: c.get(f"/api/v1/facilities/{w.server.facility_a}"),
        expect(IN_SCOPE),
    ),
    (
        "/api/v1/facilities/{facility_id}",
        "PATCH",
        lambda c, w: c.patch(
            f"/api/v1/facilities/{w.server.facility_a}",
            json={"area_sizes": {"outpatient_waiting": 60}},
        ),
        expect({"admin": 200, "facility": 200}, forbidden=("auditor",)),
    ),
    (
        "/api/v1/facilities/{facility_id}/audits",
        "POST",
        lambda c, w: c.post(
            f"/api/v1/facilities/{w.server.facility_a}/audits",
            json={"visit_date": "2025-03-14", "kind": "sibling"},
        ),
        expect({"admin": 201, "auditor": 201}, forbidden=("facility",)),
    ),
    (
        "/api/v1/facilities/{facility_id}/audits",
        "POST(self_check)",
        lambda c, w: c.post(
            f"/api/v1/facilities/{w.server.facility_a}/audits",
            json={"visit_date": "2025-03-14", "kind": "self_check"},
        ),
        expect({"admin": 201, "facility": 201}, forbidden=("auditor",)),
    ),
    (
        "/api/v1/facilities/{facility_id}/audits",
        "GET",
        lambda c, w: c.get(f"/api/v1/facilities/{w.server.facility_a}/audits"),
        expect(IN_SCOPE),
    ),
    (
        "/api/v1/facilities/{facility_id}/findings",
        "GET",
        lambda c, w: c.get(f"/api/v1/facilities/{w.server.facility_a}/findings"),
        expect(IN_SCOPE),
    ),
    (
        "/api/v1/facilities/{facility_id}/feedback",
        "POST",
        lambda c, w: c.post(
            f"/api/v1/facilities/{w.server.facility_a}/feedback",
            json={"stars": 4, "visit_date": "2025-03-01", "care": "outpatient"},
        ),
        expect({"admin": 201, "facility": 201}, forbidden=("auditor",)),
    ),
    (
        "/api/v1/facilities/{facility_id}/visits",
        "PUT",
        lambda c, w: c.put(
            f"/api/v1/facilities/{w.server.facility_a}/visits",
            json={"month": "2025-03", "visits": 120},
        ),
        expect({"admin": 204, "facility": 204}, forbidden=("auditor",)),
    ),
    (
        "/api/v1/facilities/{facility_id}/kessan",
        "GET",
        lambda c, w: c.get(f"/api/v1/facilities/{w.server.facility_a}/kessan"),
        expect(IN_SCOPE),
    ),
    (
        "/api/v1/audits/{audit_id}",
        "GET",
        lambda c, w: c.get(f"/api/v1/audits/{w.sibling}"),
        expect(IN_SCOPE),
    ),
    (
        "/api/v1/audits/{audit_id}/areas/{area}/photos",
        "POST",
        upload(lambda w: w.sibling),
        expect({"admin": 201, "auditor": 201}, forbidden=("facility",)),
    ),
    (
        "/api/v1/audits/{audit_id}/areas/{area}/photos",
        "POST(self_check)",
        upload(lambda w: w.self_check),
        expect({"admin": 201, "facility": 201}, forbidden=("auditor",)),
    ),
    (
        "/api/v1/audits/{audit_id}/areas/{area}",
        "GET",
        lambda c, w: c.get(f"/api/v1/audits/{w.sibling}/areas/registration"),
        expect(IN_SCOPE),
    ),
    (
        "/api/v1/audits/{audit_id}/areas/{area}/override",
        "POST",
        lambda c, w: c.post(
            f"/api/v1/audits/{w.sibling}/areas/registration/override",
            json={"status": "compliant", "note": "Poster seen on site"},
        ),
        expect({"admin": 200, "auditor": 200}, forbidden=("facility",)),
    ),
    (
        "/api/v1/audits/{audit_id}/checklist",
        "PUT",
        lambda c, w: c.put(
            f"/api/v1/audits/{w.sibling}/checklist", json={"items": {"ramah": "met"}}
        ),
        expect({"admin": 200, "auditor": 200}, forbidden=("facility",)),
    ),
    (
        "/api/v1/audits/{audit_id}/findings",
        "POST",
        lambda c, w: c.post(f"/api/v1/audits/{w.sibling}/findings", json={"description": "x"}),
        expect({"admin": 201, "auditor": 201}, forbidden=("facility",)),
    ),
    (
        "/api/v1/findings/{finding_id}",
        "PATCH",
        lambda c, w: c.patch(f"/api/v1/findings/{w.finding}", json={"commitment": "Print one"}),
        expect(IN_SCOPE),
    ),
    (
        "/api/v1/audits/{audit_id}/submit",
        "POST",
        lambda c, w: c.post(f"/api/v1/audits/{w.fresh_audit()}/submit"),
        expect({"admin": 200, "auditor": 200}, forbidden=("facility",)),
    ),
    (
        "/api/v1/audits/{audit_id}/close",
        "POST",
        lambda c, w: c.post(f"/api/v1/audits/{w.fresh_audit(submitted=True)}/close"),
        expect({"admin": 200, "auditor": 200}, forbidden=("facility",)),
    ),
    (
        "/api/v1/audits/{audit_id}/report.html",
        "GET",
        lambda c, w: c.get(f"/api/v1/audits/{w.sibling}/report.html"),
        expect(IN_SCOPE),
    ),
    (
        "/api/v1/audits/{audit_id}/report.pdf",
        "GET",
        lambda c, w: c.get(f"/api/v1/audits/{w.sibling}/report.pdf"),
        expect(IN_SCOPE),
    ),
    (
        "/api/v1/photos",
        "GET",
        lambda c, w: c.get("/api/v1/photos"),
        expect(
            {"admin": 200, "ml_engineer": 200},
            forbidden=("auditor", "auditor_b", "facility", "facility_b"),
        ),
    ),
    (
        "/api/v1/photos/{photo_id}",
        "GET",
        lambda c, w: c.get(f"/api/v1/photos/{w.photo}"),
        expect({**IN_SCOPE, "ml_engineer": 200}),
    ),
    (
        "/api/v1/photos/{photo_id}/evidence.jpg",
        "GET",
        lambda c, w: c.get(f"/api/v1/photos/{w.photo}/evidence.jpg"),
        expect({**IN_SCOPE, "ml_engineer": 200}),
    ),
    (
        "/api/v1/photos/{photo_id}/original",
        "GET",
        lambda c, w: c.get(f"/api/v1/photos/{w.photo}/original"),
        expect({"admin": 200, "auditor": 200}, forbidden=("facility", "ml_engineer")),
    ),
    *[
        (
            f"/api/v1/oversight/{name}",
            "GET",
            (lambda n: lambda c, w: c.get(f"/api/v1/oversight/{n}"))(name),
            expect(OVERSIGHT, forbidden=("facility", "facility_b", "ml_engineer")),
        )
        for name in ("overdue-visits", "contract-review", "follow-up")
    ],
    (
        "/api/v1/reports/facility-scores.csv",
        "GET",
        lambda c, w: c.get("/api/v1/reports/facility-scores.csv"),
        expect(OVERSIGHT, forbidden=("facility", "facility_b", "ml_engineer")),
    ),
]

CASES = [
    pytest.param(route, method, call, role, table[role], id=f"{method} {route} as {role}")
    for route, method, call, table in MATRIX
    for role in ROLES
]


@pytest.mark.parametrize(("route", "method", "call", "role", "status"), CASES)
def test_matrix(
    world: World, route: str, method: str, call: Call, role: str | None, status: int
) -> None:
    with world.server.client(role) as c:
        response = call(c, world)
    assert response.status_code == status, f"{method} {route} as {role}: {response.text[:300]}"
    if status >= 400:
        assert set(response.json()["error"]) == {"code", "message", "details"}


def test_matrix_covers_every_api_route(world: World) -> None:
    spec = httpx.get(f"{world.server.url}/openapi.json").json()
    routes = {
        (path, method.upper())
        for path, methods in spec["paths"].items()
        for method in methods
        if path.startswith("/api/")
    }
    covered = {(route, method.split("(")[0]) for route, method, _, _ in MATRIX}
    assert routes - covered == set()


def test_lists_never_show_another_facility(world: World) -> None:
    server = world.server
    with server.client("facility_b") as c:
        codes = [f["code"] for f in c.get("/api/v1/facilities").json()["items"]]
        assert codes == ["RS-B"]
    with server.client("auditor_b") as c:
        codes = [f["code"] for f in c.get("/api/v1/facilities").json()["items"]]
        assert codes == ["RS-B"]
        csv_text = c.get("/api/v1/reports/facility-scores.csv").text
        assert "PKM-A" not in csv_text and "RS-B" in csv_text
    with server.client("facility") as c:
        photo = c.get(f"/api/v1/photos/{world.photo}").json()
        assert photo["original_url"] is None  # facility keys see evidence only
    with server.client("auditor") as c:
        assert c.get(f"/api/v1/photos/{world.photo}").json()["original_url"]


def test_public_endpoints(world: World) -> None:
    with httpx.Client(base_url=world.server.url) as c:
        assert c.get("/health").status_code == 200
        assert c.get("/ready").status_code == 200
        assert c.get("/metrics").status_code == 200
        assert c.get("/openapi.json").status_code == 200
