"""Push/pull against a real Label Studio server.

Label Studio (about 1 GB) lives in its own virtual environment, so this test runs only when
``JANJICHECK_LABEL_STUDIO`` names its ``label-studio`` executable, e.g.::

    python -m venv /tmp/lsvenv && /tmp/lsvenv/bin/pip install 'label-studio>=1.23,<1.24'
    JANJICHECK_LABEL_STUDIO=/tmp/lsvenv/bin/label-studio \
        pytest tests/test_training_labelstudio_live.py
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import httpx
import numpy as np
import pytest

from datasets.classes import load_classes
from training import labelstudio
from training.labelstudio_format import box_to_result

EXECUTABLE = os.environ.get("JANJICHECK_LABEL_STUDIO", "")
TOKEN = "0123456789abcdef0123456789abcdef01234567"  # 40 characters
REPO = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not EXECUTABLE or not Path(EXECUTABLE).is_file(),
        reason="set JANJICHECK_LABEL_STUDIO to a label-studio executable",
    ),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[labelstudio.Server]:
    base = tmp_path_factory.mktemp("labelstudio")
    root = base / "root"
    root.mkdir()
    port = free_port()
    env = {
        **os.environ,
        "LABEL_STUDIO_BASE_DATA_DIR": str(base / "data"),
        "LABEL_STUDIO_USERNAME": "admin@example.com",
        "LABEL_STUDIO_PASSWORD": "not-a-secret-123",
        "LABEL_STUDIO_USER_TOKEN": TOKEN,
        "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
        "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
        "LABEL_STUDIO_LOCAL_FILES_SERVING_ENABLED": "true",
        "LABEL_STUDIO_LOCAL_FILES_DOCUMENT_ROOT": str(root),
        "LATEST_VERSION_CHECK": "false",
        "COLLECT_ANALYTICS": "false",
    }
    log = (base / "server.log").open("w")
    proc = subprocess.Popen(
        [
            EXECUTABLE,
            "start",
            "--data-dir",
            str(base / "data"),
            "--internal-host",
            "127.0.0.1",
            "-p",
            str(port),
            "--no-browser",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None, (base / "server.log").read_text()[-2000:]
            time.sleep(1)
        else:
            pytest.fail("Label Studio did not become healthy in 180 s")
        yield labelstudio.Server(url, TOKEN, root)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def untrained_package(folder: Path) -> Path:
    """Write a model package around an untrained 4-class yolo11n (confidence 0: it predicts)."""
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        import yaml
        from training.offline import load_ultralytics
        u = load_ultralytics()  # before any other ultralytics import
        from ultralytics.utils.checks import check_yaml
        from vision.model_package import write_package
        folder = Path({str(folder)!r})
        config = yaml.safe_load(Path(check_yaml("yolo11.yaml")).read_text())
        config["nc"] = 4
        (folder / "yolo11n.yaml").write_text(yaml.safe_dump(config))
        onnx = u.YOLO(str(folder / "yolo11n.yaml")).export(format="onnx", imgsz=128, opset=17)
        write_package(folder / "package", onnx, name="janji-detector", version="0.0.0-untrained",
                      architecture="yolo11n", input_size=(128, 128), confidence=0.0,
                      accept=0.0, accept_verified=0.0)
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return folder / "package"


def sdk(server: labelstudio.Server) -> Any:
    return labelstudio.client(server)


def test_push_predictions_then_pull_annotations(server: labelstudio.Server, tmp_path: Path) -> None:
    photos = server.document_root / "photos"
    photos.mkdir()
    rng = np.random.default_rng(0)
    for i in range(3):
        cv2.imwrite(str(photos / f"room {i}.jpg"), rng.integers(0, 255, (240, 320, 3), np.uint8))
    package = untrained_package(tmp_path)

    project, imported = labelstudio.push(server, "Janji live", photos, package)
    assert imported == 3
    assert labelstudio.push(server, "Janji live", photos, package) == (project, 0)

    ls = sdk(server)
    tasks = sorted(ls.tasks.list(project=project), key=lambda t: t.id)
    assert len(tasks) == 3
    names = set(load_classes().names)
    for task in tasks:
        served = httpx.get(
            server.url + task.data["image"], headers={"Authorization": f"Token {TOKEN}"}
        )
        assert served.status_code == 200 and served.content[:2] == b"\xff\xd8"
        predictions = ls.predictions.list(task=task.id)
        assert len(predictions) == 1
        assert predictions[0].model_version == "janji-detector-0.0.0-untrained"
        assert predictions[0].result, "confidence 0 must give detections"
        for region in predictions[0].result:
            value = region["value"]
            assert 0 <= value["x"] <= 100 and 0 < value["width"] <= 100
            assert value["rectanglelabels"][0] in names

    # a person labels the first photo (in Label Studio's own percent units) and skips the second
    ls.annotations.create(
        id=tasks[0].id,
        result=[
            box_to_result([32, 24, 96, 120], "janji_banner", 320, 240),
            box_to_result([160, 120, 320, 240], "other_sign", 320, 240),
        ],
    )
    ls.annotations.create(
        id=tasks[1].id,
        result=[box_to_result([0, 0, 50, 50], "janji_poster", 320, 240)],
        was_cancelled=True,
    )

    out = tmp_path / "pulled"
    assert labelstudio.pull(server, "Janji live", out) == ({"train": 1}, 2)
    labels = list((out / "labels" / "train").glob("*.txt"))
    assert len(labels) == 1
    assert labels[0].read_text().splitlines() == [
        "1 0.200000 0.300000 0.200000 0.400000",
        "3 0.750000 0.750000 0.500000 0.500000",
    ]
    images = list((out / "images" / "train").iterdir())
    assert len(images) == 1 and images[0].stem == labels[0].stem
    assert (out / "data.yaml").is_file()

    with pytest.raises(labelstudio.LabelStudioError, match="no Label Studio project"):
        labelstudio.pull(server, "missing project", out)
