"""Helpers of the audit-service tests: a real uvicorn server on a free loopback port."""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import cv2
import httpx
import numpy as np
import numpy.typing as npt
import uvicorn

from api import auth
from api.main import create_app
from api.settings import Settings

REGION_A = "DKI Jakarta"
REGION_B = "Jawa Barat"


def unpatch_pillow() -> None:
    """Undo Ultralytics' patch of ``PIL.Image.open`` (it is imported in this test process to
    build the development model; its patch tries to install a package on unknown files)."""
    patches = sys.modules.get("ultralytics.utils.patches")
    original = getattr(patches, "_image_open", None)
    if original is not None:
        from PIL import Image

        Image.open = original


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A running service: its URL, app state and the tokens of the seeded keys."""

    url: str
    app: object
    tokens: dict[str, str]
    facility_a: int
    facility_b: int

    @property
    def state(self):  # type: ignore[no-untyped-def]
        return self.app.state.janji  # type: ignore[attr-defined]

    def client(self, role: str | None = None, timeout: float = 120.0) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.tokens[role]}"} if role else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=timeout)


@contextmanager
def run_server(settings: Settings, wait_model: bool = True) -> Iterator[Server]:
    """Start the app under uvicorn in a thread, seed two facilities and keys, stop at exit.

    Keys: ``admin``, ``auditor`` (region A), ``auditor_b`` (region B), ``facility`` (facility
    A), ``facility_b`` (facility B), ``ml_engineer``.
    """
    unpatch_pillow()
    app = create_app(settings)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    state = app.state.janji
    if wait_model:
        state.pool.wait_loaded(300)
    tokens: dict[str, str] = {}
    with state.sessions() as db:
        _, tokens["admin"] = auth.create_key(db, "Test admin", "admin")
        db.commit()
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {tokens['admin']}"}) as c:
        ids = []
        for code, region, lat, lon in (
            ("PKM-A", REGION_A, -6.208333, 106.820833),
            ("RS-B", REGION_B, -6.9175, 107.6191),
        ):
            r = c.post(
                "/api/v1/facilities",
                json={
                    "code": code,
                    "name": f"Facility {code}",
                    "kind": "puskesmas" if code.startswith("PKM") else "rumah_sakit",
                    "region": region,
                    "latitude": lat,
                    "longitude": lon,
                },
            )
            r.raise_for_status()
            ids.append(r.json()["id"])
        for name, body in (
            ("auditor", {"role": "auditor", "region": REGION_A}),
            ("auditor_b", {"role": "auditor", "region": REGION_B}),
            ("facility", {"role": "facility", "facility_id": ids[0]}),
            ("facility_b", {"role": "facility", "facility_id": ids[1]}),
            ("ml_engineer", {"role": "ml_engineer"}),
        ):
            r = c.post("/api/v1/keys", json={"name": name, **body})
            r.raise_for_status()
            tokens[name] = r.json()["token"]
    try:
        yield Server(url=url, app=app, tokens=tokens, facility_a=ids[0], facility_b=ids[1])
    finally:
        server.should_exit = True
        thread.join(30)


@contextmanager
def run_model_free_server(folder: Path) -> Iterator[Server]:
    """Run the app on ``folder`` with no detector (an empty model path), not waiting for one."""
    settings = Settings(data_dir=folder, model_path=folder / "no-model", log_json=False)
    with run_server(settings, wait_model=False) as running:
        yield running


def decode_image(data: bytes) -> npt.NDArray[np.uint8]:
    """Decode image bytes to a BGR array (the test fails on undecodable bytes)."""
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    assert image is not None, "not an image"
    return np.asarray(image, np.uint8)


def read_image(path: Path) -> npt.NDArray[np.uint8]:
    """Read an image file to a BGR array (the test fails on unreadable files)."""
    return decode_image(path.read_bytes())
