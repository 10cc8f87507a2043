"""Container smoke test: build the serving image with podman, run it, get a verdict over HTTP.

Slow (a few minutes: base image, pip install of the serving dependencies). Skipped when
podman is absent. The base image ``debian:bookworm-slim`` is made locally with debootstrap
when no registry of images is reachable. The model package inside is the trained one, or the
development package while it is not there yet.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_support import free_port

pytestmark = pytest.mark.slow

BASE = "docker.io/library/debian:bookworm-slim"
IMAGE = "localhost/janjicheck-test:latest"
CONTAINERS_CONF = '[containers]\ndefault_ulimits = []\n[engine]\ncgroup_manager = "cgroupfs"\n'
CA = Path("/etc/ssl/certs/ca-certificates.crt")


def podman(env: dict[str, str], *args: str, timeout: int = 1200) -> str:
    result = subprocess.run(
        ["podman", "--runtime", "runc", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, f"podman {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def debian_mirror() -> str:
    for path in [Path("/etc/apt/sources.list"), *Path("/etc/apt/sources.list.d").glob("*")]:
        if not path.is_file():
            continue
        for line in path.read_text().splitlines():
            words = line.split()
            if line.startswith("URIs:") and "debian" in line and "security" not in line:
                return words[1]
            if words[:1] == ["deb"] and "debian" in line and "security" not in line:
                return words[1]
    return "http://deb.debian.org/debian"


@pytest.fixture(scope="module")
def podman_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    if shutil.which("podman") is None or shutil.which("runc") is None:
        pytest.skip("podman (and runc) are not installed")
    folder = tmp_path_factory.mktemp("podman")
    conf = folder / "containers.conf"
    conf.write_text(CONTAINERS_CONF)
    env = {**os.environ, "CONTAINERS_CONF": str(conf)}
    images = podman(env, "images", "--format", "{{.Repository}}:{{.Tag}}")
    if BASE not in images.split():
        if shutil.which("debootstrap") is None:
            pytest.skip(f"no {BASE} image and no debootstrap to make it")
        rootfs = folder / "rootfs"
        subprocess.run(
            ["debootstrap", "--variant=minbase", "bookworm", str(rootfs), debian_mirror()],
            check=True,
            capture_output=True,
            timeout=900,
        )
        tar = subprocess.Popen(["tar", "-C", str(rootfs), "-c", "."], stdout=subprocess.PIPE)
        subprocess.run(
            ["podman", "--runtime", "runc", "import", "-", BASE],
            stdin=tar.stdout,
            env=env,
            check=True,
            capture_output=True,
            timeout=600,
        )
        tar.wait()
    return env


@pytest.fixture(scope="module")
def context(repo_root: Path, tmp_path_factory: pytest.TempPathFactory, request: Any) -> Path:
    """A build context: the repo's serving files and a model package."""
    folder = tmp_path_factory.mktemp("context")
    for name in ("Dockerfile", ".dockerignore", "pyproject.toml"):
        shutil.copy2(repo_root / name, folder / name)
    for package in ("datasets", "vision", "api", "janjicheck"):
        shutil.copytree(
            repo_root / package, folder / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shipped = repo_root / "models" / "janji-detector"
    if (shipped / "package.json").is_file():
        model = shipped
    else:
        model = request.getfixturevalue("dev_package")
    shutil.copytree(model, folder / "models" / "janji-detector")
    return folder


@pytest.fixture(scope="module")
def container(podman_env: dict[str, str], context: Path) -> Iterator[tuple[str, str]]:
    """Build the image, start it with demo seeding; yield (URL, container name)."""
    build = ["build", "--pull=never", "--network", "host", "-t", IMAGE]
    if CA.is_file():
        build += ["-v", f"{CA}:/run/hostca.crt:ro"]
    podman(podman_env, *build, str(context), timeout=1800)
    port = free_port()
    name = f"janjicheck-smoke-{port}"
    podman(
        podman_env,
        "run",
        "-d",
        "--rm",
        "--name",
        name,
        "--network",
        "host",
        "-e",
        "JANJICHECK_DEMO=true",
        IMAGE,
        "janjicheck",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 180
        ready = False
        while not ready and time.monotonic() < deadline:
            try:
                ready = httpx.get(f"{url}/ready", timeout=2).status_code == 200
            except httpx.HTTPError:
                time.sleep(1)
        assert ready, podman(podman_env, "logs", name, timeout=60)
        yield url, name
    finally:
        subprocess.run(
            ["podman", "--runtime", "runc", "stop", "-t", "5", name],
            env=podman_env,
            capture_output=True,
            timeout=120,
        )


def test_image_has_no_torch(podman_env: dict[str, str], container: tuple[str, str]) -> None:
    out = podman(
        podman_env,
        "run",
        "--rm",
        IMAGE,
        "python",
        "-c",
        "import importlib.util as u; print(u.find_spec('torch'), u.find_spec('ultralytics'))",
    )
    assert out.split() == ["None", "None"]


def test_container_gives_a_verdict(
    podman_env: dict[str, str], container: tuple[str, str], vision_photos: Any
) -> None:
    url, name = container
    logs = podman(podman_env, "logs", name, timeout=60)
    token = next(
        part.split("=", 1)[1].rstrip('",')
        for part in logs.replace(",", " ").split()
        if part.startswith("auditor=")
    )
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=120) as c:
        assert c.get("/ready").json()["ready"] is True
        audit = c.post("/api/v1/facilities/1/audits", json={"visit_date": "2025-03-14"}).json()
        r = c.post(
            f"/api/v1/audits/{audit['id']}/areas/registration/photos",
            files=[("files", ("janji.jpg", vision_photos.janji_jpg.read_bytes(), "image/jpeg"))],
        )
        assert r.status_code == 201, r.text
        assert r.json()["area"]["status"] in {
            "compliant",
            "missing",
            "not_enough_media",
            "wrong_media",
            "unverifiable",
        }
        assert c.get(r.json()["photos"][0]["evidence_url"]).content[:2] == b"\xff\xd8"
