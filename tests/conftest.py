"""Shared pytest fixtures: the repo root, indoor photos, a development model package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from vision_photos import Photos, make_photos

REPO = Path(__file__).resolve().parent.parent
INDOOR_ENV = "JANJICHECK_INDOOR_PHOTOS"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root."""
    return REPO


def indoor_photos_dir() -> Path | None:
    """A folder of real indoor photos: ``$JANJICHECK_INDOOR_PHOTOS`` or
    ``../shared/backgrounds/indoor`` beside the repo; ``None`` when absent."""
    env = os.environ.get(INDOOR_ENV)
    folder = Path(env) if env else REPO.parent / "shared" / "backgrounds" / "indoor"
    return folder if folder.is_dir() and any(folder.glob("*.jpg")) else None


@pytest.fixture(scope="session")
def indoor_dir() -> Path:
    """The indoor photo folder; skips the test when there is none."""
    folder = indoor_photos_dir()
    if folder is None:
        pytest.skip(f"no indoor photos (set {INDOOR_ENV})")
    return folder


@pytest.fixture(scope="session")
def dev_weights(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """An untrained yolo11n (4 classes) saved as ``.pt`` and exported to ONNX at 416.

    Its batch-norm statistics are set from a few photos and its class head is scaled, so its
    (meaningless) outputs vary with the input: enough to test geometry and plumbing. Built
    offline with Ultralytics (a test-only dependency); skipped when it is not installed.
    """
    folder = tmp_path_factory.mktemp("dev_model")
    config = folder / "config"
    (config / "Ultralytics").mkdir(parents=True)
    fonts = sorted(Path("/usr/share/fonts/truetype").rglob("*.ttf"))
    if fonts:
        (config / "Ultralytics" / "Arial.ttf").write_bytes(fonts[0].read_bytes())
    env = {
        "YOLO_OFFLINE": "true",
        "YOLO_AUTOINSTALL": "false",
        "YOLO_CONFIG_DIR": str(config),
        "MPLCONFIGDIR": str(folder / "mpl"),
    }
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        pytest.importorskip("ultralytics")
        from vision_dev_model import build_dev_model

        return build_dev_model(folder, indoor_photos_dir())


@pytest.fixture(scope="session")
def vision_photos(tmp_path_factory: pytest.TempPathFactory) -> Photos:
    """Test photos (posters on indoor photos, every format, broken files); see vision_photos."""
    return make_photos(tmp_path_factory.mktemp("photos"), indoor_photos_dir())


@pytest.fixture(scope="session")
def dev_package(dev_weights: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model package around the development ONNX model (all thresholds 0.5).

    Every Janji detection it returns is accepted unless verification rejects it.
    """
    from vision.model_package import write_package

    folder = tmp_path_factory.mktemp("dev_package")
    write_package(
        folder,
        dev_weights[1],
        name="janji-detector-dev",
        version="0.0.0-dev",
        architecture="yolo11n",
        input_size=(416, 416),
        confidence=0.5,
        iou=0.7,
        accept=0.5,
        accept_verified=0.5,
        training={"dataset": "none (untrained development model)"},
        reproduce="pytest fixture dev_package",
    )
    return folder


@pytest.fixture(scope="session")
def shipped_package(repo_root: Path) -> Path:
    """The trained package committed in ``models/janji-detector``; skips until it exists."""
    folder = repo_root / "models" / "janji-detector"
    if not (folder / "package.json").is_file():
        pytest.skip("models/janji-detector is not there yet (written by the training export)")
    return folder
