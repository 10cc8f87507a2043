"""``janjicheck serve`` refuses settings that cannot work with a message and exit code 2.

A port out of range, a data folder that cannot be created, a database URL that names no
installed database and a database that cannot be opened: each is one line on stderr, never a
traceback, and the server does not start. The command runs as a child process.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from api_support import free_port
from cli_support import run_janjicheck


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Nothing from the caller's environment; files under the test's folder."""
    monkeypatch.delenv("JANJICHECK_DATABASE_URL", raising=False)
    monkeypatch.delenv("JANJICHECK_PORT", raising=False)
    monkeypatch.setenv("JANJICHECK_DATA_DIR", str(tmp_path / "data"))


def assert_refused(process: subprocess.CompletedProcess[str], *words: str) -> str:
    output = process.stdout + process.stderr
    assert process.returncode == 2, output
    assert "Traceback" not in output, output
    assert process.stderr.startswith("janjicheck serve: "), output
    for word in words:
        assert word in process.stderr, output
    return process.stderr


@pytest.mark.parametrize(
    ("port", "limit"),
    [("99999", "less than or equal to 65535"), ("-1", "greater than or equal to 1")],
)
def test_a_port_out_of_range_is_refused(port: str, limit: str, tmp_path: Path) -> None:
    assert_refused(run_janjicheck("serve", "--no-demo", "--port", port), "port", limit)
    assert not (tmp_path / "data").exists()  # refused before anything was made


def test_python_dash_m_api_refuses_the_same(tmp_path: Path) -> None:
    process = subprocess.run(
        [sys.executable, "-m", "api", "--no-demo", "--port", "70000"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert_refused(process, "port")


def test_a_data_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    existing = tmp_path / "notes.txt"
    existing.write_text("kept")
    process = run_janjicheck("serve", "--no-demo", "--data-dir", str(existing))
    assert_refused(process, "data_dir", str(existing), "File exists")
    assert existing.read_text() == "kept"
    process = run_janjicheck("serve", "--no-demo", "--data-dir", str(existing / "sub"))
    assert_refused(process, "data_dir", "Not a directory")


def test_a_data_folder_that_cannot_be_created_is_refused() -> None:
    process = run_janjicheck("serve", "--no-demo", "--data-dir", "/proc/janjicheck-data")
    assert_refused(process, "data_dir", "/proc/janjicheck-data")


@pytest.mark.parametrize(
    ("url", "reason"),
    [("foo://", "foo"), ("not a url", "parse"), ("postgresql+nodriver://u@h/db", "nodriver")],
)
def test_a_database_url_that_cannot_be_used_is_refused(
    url: str, reason: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JANJICHECK_DATABASE_URL", url)
    assert_refused(run_janjicheck("serve", "--no-demo"), "database_url", reason)


def test_a_database_that_cannot_be_opened_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("psycopg")
    port = free_port()  # nothing listens there
    url = f"postgresql+psycopg://auditor:s3cret@127.0.0.1:{port}/janji"
    monkeypatch.setenv("JANJICHECK_DATABASE_URL", url)
    message = assert_refused(run_janjicheck("serve", "--no-demo"), "cannot open", str(port))
    assert "s3cret" not in message


def test_an_sqlite_file_that_cannot_be_opened_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JANJICHECK_DATABASE_URL", "sqlite:////proc/janjicheck/db.sqlite")
    assert_refused(run_janjicheck("serve", "--no-demo"), "cannot open", "unable to open")
