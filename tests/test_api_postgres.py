"""The service on a real PostgreSQL server: migrations, uploads, transactions, reports.

Uses ``$JANJICHECK_TEST_POSTGRES_URL`` when set (e.g.
``postgresql+psycopg://user:pw@127.0.0.1:5432/janji_test``, an empty database); otherwise
starts a throwaway local server from the Debian ``postgresql`` package's binaries (run as the
``postgres`` user when the tests run as root). Skipped when neither is possible.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from api_support import Server, free_port, run_server
from sqlalchemy import create_engine, func, select, text

from api.db import alembic_config
from api.models import Photo
from api.settings import Settings

pytestmark = pytest.mark.postgres

URL_ENV = "JANJICHECK_TEST_POSTGRES_URL"


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    url = os.environ.get(URL_ENV)
    if url:
        yield url
        return
    bin_dir = _binaries()
    if bin_dir is None:
        pytest.skip(f"no PostgreSQL: install the postgresql package or set {URL_ENV}")
    pytest.importorskip("psycopg")
    root = Path(tempfile.mkdtemp(prefix="janji-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL")
        shutil.chown(root, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = root / "data", free_port()

    def pg(*command: str) -> None:
        subprocess.run([*as_user, *command], check=True, capture_output=True, timeout=120)

    pg(str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
    pg(
        str(bin_dir / "pg_ctl"),
        "-D",
        str(data),
        "-l",
        str(root / "log"),
        "-o",
        f"-p {port} -k {root} -c listen_addresses=''",
        "-w",
        "start",
    )
    try:
        admin = create_engine(
            f"postgresql+psycopg://postgres@/postgres?host={root}&port={port}",
            isolation_level="AUTOCOMMIT",
        )
        with admin.connect() as connection:
            connection.execute(text("CREATE DATABASE janji_test"))
        admin.dispose()
        yield f"postgresql+psycopg://postgres@/janji_test?host={root}&port={port}"
    finally:
        pg(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def server(
    postgres_url: str, dev_package: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("api_pg"),
        database_url=postgres_url,
        model_path=dev_package,
        log_json=False,
    )
    with run_server(settings) as running:
        yield running


def test_runs_on_postgres(server: Server) -> None:
    assert server.state.engine.dialect.name == "postgresql"
    with server.state.engine.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert version == head


def test_audit_flow_on_postgres(
    server: Server, vision_photos: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from api.services import audits

    data = vision_photos.phone_jpg.read_bytes()
    with server.client("auditor") as c:
        audit = c.post(
            f"/api/v1/facilities/{server.facility_a}/audits", json={"visit_date": "2025-03-14"}
        ).json()["id"]
        r = c.post(
            f"/api/v1/audits/{audit}/areas/registration/photos",
            files=[("files", ("a.jpg", data, "image/jpeg"))],
        )
        assert r.status_code == 201, r.text
        photo = r.json()["photos"][0]
        assert photo["taken_at"].startswith("2025-03-14T09:26:53")
        r = c.post(
            f"/api/v1/audits/{audit}/areas/pharmacy_waiting/photos",
            files=[("files", ("b.jpg", data, "image/jpeg"))],
        )
        assert {f["code"] for f in r.json()["photos"][0]["flags"]} == {"reused_photo"}

        def crash(*_args: object, **_kwargs: object) -> None:
            raise RuntimeError("crash inside the transaction")

        with server.state.sessions() as db:
            before = db.scalar(select(func.count()).select_from(Photo))
        monkeypatch.setattr(audits, "recompute_area", crash)
        r = c.post(
            f"/api/v1/audits/{audit}/areas/diagnostic_waiting/photos",
            files=[("files", ("c.jpg", data + b"x", "image/jpeg"))],
        )
        monkeypatch.undo()
        assert r.status_code == 500 and r.json()["error"]["code"] == "internal_error"
        with server.state.sessions() as db:
            assert db.scalar(select(func.count()).select_from(Photo)) == before

        c.post(
            f"/api/v1/audits/{audit}/areas/registration/override",
            json={"status": "compliant", "note": "Seen on site"},
        ).raise_for_status()
        submitted = c.post(f"/api/v1/audits/{audit}/submit").json()
        assert submitted["status"] == "submitted"
        assert submitted["score"]["total"] is not None
        findings = c.get(f"/api/v1/facilities/{server.facility_a}/findings").json()
        not_compliant = [a for a in submitted["areas"] if a["status"] != "compliant"]
        assert "registration" not in {a["area"] for a in not_compliant}
        assert findings["total"] == len(not_compliant) >= 3
        assert c.get(f"/api/v1/audits/{audit}/report.html").status_code == 200
        assert "PKM-A" in c.get("/api/v1/reports/facility-scores.csv").text
        page = c.get(
            f"/api/v1/facilities/{server.facility_a}/audits", params={"limit": 1, "offset": 0}
        ).json()
        assert page["total"] == 1 and len(page["items"]) == 1
