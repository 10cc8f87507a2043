"""End-to-end tests of the synthetic dataset generator (``python -m datasets.synth``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
import yaml

from datasets.classes import load_classes
from datasets.synth import backgrounds
from datasets.synth.labels import parse_yolo_line

ROOT = Path(__file__).resolve().parents[1]
BACKGROUNDS_ENV = "JANJICHECK_BACKGROUNDS"  # folder of indoor photos; tests using it skip without


# --- a stand-in for datasets.synth.media, used only while the real renderer is not importable ---
@dataclass(frozen=True)
class _Spec:
    form: str
    content: str
    design: str
    palette: str
    font: str
    seed: int


@dataclass(frozen=True)
class _Medium:
    image: np.ndarray
    spec: _Spec
    class_name: str
    lookalike: str | None


_SIZES = {"poster": (700, 990), "banner": (600, 1400), "spanduk": (1400, 350), "sign": (700, 350)}
_JANJI_CLASS = {"poster": "janji_poster", "banner": "janji_banner", "spanduk": "janji_spanduk"}


PoolLookup = Callable[[str], Any]


def _standin_pools(split: str) -> types.SimpleNamespace:
    tag = "test" if split == "test" else "trainval"
    return types.SimpleNamespace(
        designs=(f"{tag}_a", f"{tag}_b"), palettes=(f"{tag}_p",), fonts=(f"{tag}_f",)
    )


def _standin_sample_spec(
    rng: np.random.Generator, split: str, form: str | None = None, janji: bool | None = None
) -> _Spec:
    form = form or str(rng.choice(("poster", "banner", "spanduk", "sign")))
    janji = bool(rng.random() < 0.5) if janji is None else janji
    content = "janji_fkrtl" if janji else str(rng.choice(["hak_kewajiban", "room_plate"]))
    pools = _standin_pools(split)
    design = str(rng.choice(pools.designs))
    return _Spec(form, content, design, pools.palettes[0], pools.fonts[0], int(rng.integers(2**31)))


def _standin_render(spec: _Spec) -> _Medium:
    w, h = _SIZES[spec.form]
    img = np.full((h, w, 4), 255, np.uint8)
    color = [int(c) for c in np.random.default_rng(spec.seed).integers(0, 200, 3)]
    cv2.rectangle(img, (0, 0), (w, h // 5), [*color, 255], -1)
    for i in range(6):
        y = h // 5 + 40 + i * (h // 7)
        cv2.putText(img, spec.content.upper(), (20, y), 0, w / 700, (20, 20, 20, 255), 2)
    janji = spec.content.startswith("janji")
    cls = _JANJI_CLASS.get(spec.form, "other_sign") if janji else "other_sign"
    look = "hak_kewajiban" if spec.content == "hak_kewajiban" else None
    return _Medium(img, spec, cls, look)


def _real_media() -> Any:
    try:
        from datasets.synth import media
    except ImportError:
        return None
    if not (hasattr(media, "render") and hasattr(media, "sample_spec")):
        return None
    return media


@pytest.fixture(scope="module")
def split_pools() -> Iterator[PoolLookup]:
    """Install the stand-in renderer when the real one is missing; return the pool lookup."""
    real = _real_media()
    if real is not None:
        from datasets.synth.media.pools import split_pools as real_pools

        yield real_pools
        return
    fake: Any = types.ModuleType("datasets.synth.media")
    fake.render = _standin_render
    fake.sample_spec = _standin_sample_spec
    saved = sys.modules.get("datasets.synth.media")
    sys.modules["datasets.synth.media"] = fake
    import datasets.synth as synth_pkg

    had = getattr(synth_pkg, "media", None)
    synth_pkg.media = fake
    yield _standin_pools
    if saved is None:
        sys.modules.pop("datasets.synth.media", None)
    else:
        sys.modules["datasets.synth.media"] = saved
    if had is None:
        delattr(synth_pkg, "media")
    else:
        synth_pkg.media = had


def _run(out: Path, *extra: str, seed: int = 7, workers: int = 2) -> None:
    from datasets.synth.__main__ import main

    argv = ["--out", str(out), "--train", "6", "--val", "3", "--test", "3"]
    argv += ["--seed", str(seed), "--workers", str(workers), "--quiet", *extra]
    assert main(argv) == 0


def _labels(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): p.read_text() for p in sorted(out.glob("labels/*/*.txt"))
    }


def _manifest(out: Path) -> list[dict[str, Any]]:
    lines = (out / "manifest.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def procedural(tmp_path_factory: pytest.TempPathFactory, split_pools: PoolLookup) -> Path:
    out = Path(tmp_path_factory.mktemp("procedural"))
    _run(out)
    return out


def test_layout_and_label_format(procedural: Path) -> None:
    out = procedural
    names = load_classes().names
    data = yaml.safe_load((out / "data.yaml").read_text())
    assert data["train"] == "images/train" and data["val"] == "images/val"
    assert data["test"] == "images/test"
    assert Path(data["path"]) == out.resolve()
    assert [data["names"][i] for i in range(len(names))] == list(names)
    fp = (out / "fingerprint.txt").read_text().strip()
    assert len(fp) == 64 and int(fp, 16) >= 0
    for split, count in (("train", 6), ("val", 3), ("test", 3)):
        images = sorted((out / "images" / split).glob("*.jpg"))
        labels = sorted((out / "labels" / split).glob("*.txt"))
        assert len(images) == count and [p.stem for p in images] == [p.stem for p in labels]
        assert (out / f"contact_sheet_{split}.png").stat().st_size > 10_000
        for image_path, label_path in zip(images, labels, strict=True):
            image = cv2.imread(str(image_path))
            assert image is not None and max(image.shape[:2]) == 960
            for line in label_path.read_text().splitlines():
                cls, cx, cy, w, h = parse_yolo_line(line)
                assert 0 <= cls < len(names)
                assert 0 < w <= 1 and 0 < h <= 1
                assert cx - w / 2 >= -1e-6 and cx + w / 2 <= 1 + 1e-6
                assert cy - h / 2 >= -1e-6 and cy + h / 2 <= 1 + 1e-6


def test_manifest_matches_labels(procedural: Path) -> None:
    records = _manifest(procedural)
    labelled = [r for r in records if r.get("labelled")]
    label_lines = sum(len(t.splitlines()) for t in _labels(procedural).values())
    assert len(labelled) == label_lines > 0
    images = {r["image"] for r in records}
    assert len(images) == 12  # every image has at least one line
    names = load_classes().names
    for r in labelled:
        x1, y1, x2, y2 = r["box"]
        assert 0 <= x1 < x2 <= r["width"] and 0 <= y1 < y2 <= r["height"]
        assert r["class"] in names and r["visible"] >= 0.35
        assert 0 < r["area_pct"] <= 100
        assert r["background"].startswith("procedural:")
        for key in ("form", "content", "design", "palette", "font", "lookalike"):
            assert key in r


def test_deterministic_and_worker_independent(procedural: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    _run(again, workers=1)
    assert _labels(again) == _labels(procedural)
    assert _manifest(again) == _manifest(procedural)
    assert (again / "fingerprint.txt").read_text() == (procedural / "fingerprint.txt").read_text()
    other = tmp_path / "other"
    _run(other, seed=8, workers=1)
    assert _labels(other) != _labels(procedural)
    assert (other / "fingerprint.txt").read_text() != (procedural / "fingerprint.txt").read_text()


def test_test_split_uses_only_test_pools(procedural: Path, split_pools: PoolLookup) -> None:
    records = [r for r in _manifest(procedural) if r.get("class")]
    assert {r["split"] for r in records} >= {"train", "test"}
    for r in records:
        pools = split_pools(r["split"])
        assert r["design"] in pools.designs, r
        assert r["palette"] in pools.palettes, r
        assert r["font"] in pools.fonts, r


@pytest.mark.skipif(
    not os.environ.get(BACKGROUNDS_ENV) or not Path(os.environ[BACKGROUNDS_ENV]).is_dir(),
    reason=f"set {BACKGROUNDS_ENV} to a folder of indoor photos",
)
def test_photo_backgrounds_split_by_file(tmp_path: Path, split_pools: PoolLookup) -> None:
    out = tmp_path / "photos"
    _run(out, "--backgrounds", os.environ[BACKGROUNDS_ENV], seed=3)
    records = _manifest(out)
    photos = [r for r in records if r["background"].startswith("photo:")]
    assert photos, "no photo background drawn"
    for r in photos:
        name = r["background"].removeprefix("photo:")
        assert backgrounds.is_test_photo(name) == (r["split"] == "test"), r


def test_split_of_photo_files_is_fixed_20_percent() -> None:
    names = [f"{i:016x}.jpg" for i in range(2000)]
    share = sum(backgrounds.is_test_photo(n) for n in names) / len(names)
    assert 0.17 < share < 0.23
    assert backgrounds.is_test_photo("000bf0ddff4c7310.jpg") == backgrounds.is_test_photo(
        "000bf0ddff4c7310.jpg"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--backgrounds", "/nonexistent/photos"], "--backgrounds folder not found"),
        (["--train", "-3"], "must be >= 0"),
        (["--train", "abc"], "not a whole number"),
        (["--imgsz-long", "20"], "--imgsz-long must be between"),
        (["--train", "0", "--val", "0", "--test", "0"], "nothing to generate"),
    ],
)
def test_bad_arguments_exit_2_with_message(tmp_path: Path, args: list[str], message: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "datasets.synth", "--out", str(tmp_path / "x"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_empty_photo_folder_and_foreign_out_dir(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    for args, message in (
        (["--out", str(tmp_path / "y"), "--backgrounds", str(empty)], "no photos"),
        (["--out", str(foreign)], "not empty"),
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "datasets.synth", *args, "--train", "1", "--quiet"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert proc.returncode == 2, proc.stderr
        assert message in proc.stderr and "Traceback" not in proc.stderr
    assert (foreign / "notes.txt").read_text() == "keep me"


def test_projection_foreshortens_the_far_edge() -> None:
    from datasets.synth import geometry

    flat = geometry.project_face(400, 600, geometry.Pose(0, 0, 0, 1.0), 300, 960)
    x1, y1, x2, y2 = geometry.bounds(flat)
    assert abs((x2 - x1) / (y2 - y1) - 400 / 600) < 1e-6
    turned = geometry.project_face(400, 600, geometry.Pose(50, 0, 0, 1.0), 300, 960)
    left = turned[3, 1] - turned[0, 1]
    right = turned[2, 1] - turned[1, 1]
    assert min(left, right) < 0.9 * max(left, right)  # one vertical edge is farther away
    fitted = geometry.fit_box_area(turned, 20_000)
    bx1, by1, bx2, by2 = geometry.bounds(fitted)
    assert abs((bx2 - bx1) * (by2 - by1) - 20_000) < 1


def test_box_is_tight_around_the_composited_medium() -> None:
    from datasets.synth import scene

    @dataclass(frozen=True)
    class Red:
        image: np.ndarray
        spec: _Spec
        class_name: str
        lookalike: str | None

    face = np.zeros((900, 640, 4), np.uint8)
    face[:] = (255, 0, 0, 255)
    checked = 0
    for seed in range(8):
        medium = Red(face, _Spec("sign", "room_plate", "d", "p", "f", 0), "other_sign", None)
        background = np.full((720, 960, 3), 128, np.uint8)
        result = scene.compose_scene(np.random.default_rng(seed), background, [medium])
        if not result.objects or result.objects[0].visible < 0.999:
            continue
        obj = result.objects[0]
        img = result.image.astype(int)
        red = (img[:, :, 0] - img[:, :, 1] > 40) & (img[:, :, 0] - img[:, :, 2] > 40)
        # the largest red blob is the medium (a red-clad person may stand elsewhere)
        _, _, stats, _ = cv2.connectedComponentsWithStats(red.astype(np.uint8))
        blob = stats[1:][np.argmax(stats[1:, cv2.CC_STAT_AREA])]
        rx1, ry1 = blob[cv2.CC_STAT_LEFT], blob[cv2.CC_STAT_TOP]
        rx2, ry2 = rx1 + blob[cv2.CC_STAT_WIDTH], ry1 + blob[cv2.CC_STAT_HEIGHT]
        x1, y1, x2, y2 = obj.box
        assert x1 <= rx1 + 2 and y1 <= ry1 + 2 and x2 >= rx2 - 2 and y2 >= ry2 - 2, (obj.box, seed)
        # the plate edge is at most a few percent wider than the red face
        assert (x2 - x1) * (y2 - y1) <= 1.3 * (rx2 - rx1) * (ry2 - ry1), (obj.box, seed)
        checked += 1
    assert checked >= 3


def test_rerun_into_a_dataset_folder_replaces_it(tmp_path: Path, split_pools: PoolLookup) -> None:
    from datasets.synth.__main__ import main

    out = tmp_path / "ds"
    assert main(["--out", str(out), "--train", "3", "--val", "0", "--test", "0", "--quiet"]) == 0
    assert main(["--out", str(out), "--train", "1", "--val", "0", "--test", "1", "--quiet"]) == 0
    assert [p.name for p in sorted(out.glob("images/*/*.jpg"))] == [
        "test_000000.jpg",
        "train_000000.jpg",
    ]
    assert len(list(out.glob("labels/*/*.txt"))) == 2
    assert {r["image"] for r in _manifest(out)} == {
        "images/test/test_000000.jpg",
        "images/train/train_000000.jpg",
    }
