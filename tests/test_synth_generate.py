"""End-to-end tests of the synthetic dataset generator (``python -m datasets.synth``)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
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


PoolLookup = Callable[[str], Any]


@pytest.fixture(scope="module")
def split_pools() -> PoolLookup:
    """The media renderer's split pools (designs, palettes, fonts per split)."""
    from datasets.synth.media.pools import split_pools as real_pools

    return real_pools


def _run(out: Path, *extra: str, seed: int = 7, workers: int = 2) -> None:
    from datasets.synth.cli import main

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
    command = (out / "command.txt").read_text().strip()
    assert command == (
        f"janjicheck generate --out {out} --train 6 --val 3 --test 3 --seed 7 --imgsz-long 960"
    )
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


def test_lookalike_share_changes_the_mix_and_the_fingerprint(
    procedural: Path, tmp_path: Path
) -> None:
    heavy = tmp_path / "heavy"
    _run(heavy, "--lookalike-share", "1")
    assert "--lookalike-share 1" in (heavy / "command.txt").read_text()
    assert "--lookalike-share" not in (procedural / "command.txt").read_text()
    assert (heavy / "fingerprint.txt").read_text() != (procedural / "fingerprint.txt").read_text()
    others = [r for r in _manifest(heavy) if r.get("class") == "other_sign"]
    assert others
    # every non-Janji poster, banner or spanduk is a lookalike; only signs stay generic
    for r in others:
        assert (r["lookalike"] is not None) == (r["form"] != "sign"), r


def test_janji_style_lookalikes_are_recorded_and_fingerprinted(
    procedural: Path, tmp_path: Path
) -> None:
    styled = tmp_path / "styled"
    _run(styled, "--lookalike-share", "1", "--lookalike-janji-style", "1")
    assert "--lookalike-janji-style 1" in (styled / "command.txt").read_text()
    assert "--lookalike-janji-style" not in (procedural / "command.txt").read_text()
    looks = [r for r in _manifest(styled) if r.get("lookalike")]
    assert looks
    from datasets.synth.media.pools import JANJI_STYLE_DESIGNS

    for r in looks:  # drawn with a Janji template, labelled as what it is: another sign
        assert r["design"] in JANJI_STYLE_DESIGNS and r["class"] == "other_sign", r


def _sharpness(path: Path) -> float:
    grey = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    assert grey is not None, path
    return float(cv2.Laplacian(grey, cv2.CV_64F).var())


def test_blur_reference_scales_only_the_blur(procedural: Path, tmp_path: Path) -> None:
    same = tmp_path / "same"  # reference = rendered size: a factor of 1, the same photos
    _run(same, "--blur-reference", "960")
    assert "--blur-reference 960" in (same / "command.txt").read_text()
    assert "--blur-reference" not in (procedural / "command.txt").read_text()
    assert (same / "fingerprint.txt").read_text() != (procedural / "fingerprint.txt").read_text()
    images = sorted(p.relative_to(procedural) for p in procedural.glob("images/*/*.jpg"))
    for rel in images:
        assert (same / rel).read_bytes() == (procedural / rel).read_bytes(), rel
    doubled = tmp_path / "doubled"  # blur drawn as at 480 px: twice the pixels at 960 px
    _run(doubled, "--blur-reference", "480")
    assert _manifest(doubled) == _manifest(procedural) and _labels(doubled) == _labels(procedural)
    changed = [r for r in images if (doubled / r).read_bytes() != (procedural / r).read_bytes()]
    assert changed  # some photos draw a blur, the others come out the same
    drops = [1 - _sharpness(doubled / rel) / _sharpness(procedural / rel) for rel in changed]
    # Each changed photo is less sharp, but for JPEG noise where the blurred part is small in a
    # busy scene (0.1% of sharpness); together they lose sharpness clearly.
    assert min(drops) > -0.001, list(zip(changed, drops, strict=True))
    assert sum(drops) / len(drops) > 0.05, drops


def test_packed_backgrounds_hold_only_train_photos_shrunk(tmp_path: Path) -> None:
    from datasets.synth.pack_backgrounds import main as pack_main

    source = tmp_path / "photos"
    source.mkdir()
    rng = np.random.default_rng(0)
    names = [f"{i:016x}.jpg" for i in range(30)]
    for name in names:
        cv2.imwrite(str(source / name), rng.integers(0, 255, (900, 1200, 3), dtype=np.uint8))
    broken = next(f"b{i}.jpg" for i in range(99) if not backgrounds.is_test_photo(f"b{i}.jpg"))
    (source / broken).write_bytes(b"not a jpeg")
    out = tmp_path / "packed"
    assert pack_main(["--backgrounds", str(source), "--out", str(out), "--long-side", "400"]) == 0
    packed = sorted(p.name for p in out.iterdir())
    assert packed == sorted(n for n in names if backgrounds.photo_pool(n) == "train")
    assert 0 < len(packed) < len(names)  # the test and dev splits' photos stay behind
    image = cv2.imread(str(out / packed[0]))
    assert image is not None and image.shape == (300, 400, 3)
    assert backgrounds.photos_for_split(backgrounds.list_photos(out), "test") == ()


def test_test_split_uses_only_test_pools(procedural: Path, split_pools: PoolLookup) -> None:
    records = [r for r in _manifest(procedural) if r.get("class")]
    assert {r["split"] for r in records} >= {"train", "test"}
    for r in records:
        pools = split_pools(r["split"])
        assert r["design"] in pools.designs, r
        assert r["palette"] in pools.palettes, r
        assert r["font"] in pools.fonts, r


def test_photo_backgrounds_split_by_file(
    tmp_path: Path, split_pools: PoolLookup, indoor_dir: Path
) -> None:
    out = tmp_path / "photos"
    _run(out, "--backgrounds", str(indoor_dir), seed=3)
    records = _manifest(out)
    photos = [r for r in records if r["background"].startswith("photo:")]
    assert photos, "no photo background drawn"
    for r in photos:
        name = r["background"].removeprefix("photo:")
        assert backgrounds.is_test_photo(name) == (r["split"] == "test"), r
        assert backgrounds.photo_pool(name) == ("test" if r["split"] == "test" else "train"), r


def test_dev_split_draws_from_its_own_pools(
    tmp_path: Path, split_pools: PoolLookup, indoor_dir: Path, procedural: Path
) -> None:
    out = tmp_path / "dev"
    only_dev = ("--train", "0", "--val", "0", "--test", "0", "--dev", "8")
    _run(out, *only_dev, "--backgrounds", str(indoor_dir), seed=4)
    data = yaml.safe_load((out / "data.yaml").read_text())
    assert data["dev"] == "images/dev" and data["test"] == "images/test"
    assert not list((out / "images" / "train").iterdir())
    assert len(list((out / "images" / "dev").glob("dev_*.jpg"))) == 8
    assert (out / "contact_sheet_dev.png").is_file()
    command = (out / "command.txt").read_text()
    assert "--test 0 --dev 8 --seed 4" in command
    records = [r for r in _manifest(out) if r.get("class")]
    assert records and {r["split"] for r in records} == {"dev"}
    pools = split_pools("dev")
    for r in records:
        assert r["design"] in pools.designs and r["palette"] in pools.palettes, r
        assert r["font"] in pools.fonts, r
    photos = [r["background"].removeprefix("photo:") for r in _manifest(out)]
    photos = [p for p in photos if not p.startswith("procedural:")]
    assert photos and all(backgrounds.photo_pool(p) == "dev" for p in photos)
    # the same seed with a dev split asked for too: the other splits draw what they drew
    both = tmp_path / "both"
    _run(both, "--dev", "2", seed=7)
    assert {k: v for k, v in _labels(both).items() if "/dev/" not in k} == _labels(procedural)
    assert [r for r in _manifest(both) if r["split"] != "dev"] == _manifest(procedural)
    assert {r["split"] for r in _manifest(both)} == {"train", "val", "test", "dev"}


def test_split_of_photo_files_is_fixed_20_percent() -> None:
    names = [f"{i:016x}.jpg" for i in range(2000)]
    share = sum(backgrounds.is_test_photo(n) for n in names) / len(names)
    assert 0.17 < share < 0.23
    pools = Counter(backgrounds.photo_pool(n) for n in names)
    assert pools["test"] == sum(backgrounds.is_test_photo(n) for n in names)
    assert 0.08 < pools["dev"] / len(names) < 0.12
    for split, pool in (("train", "train"), ("val", "train"), ("test", "test"), ("dev", "dev")):
        chosen = backgrounds.photos_for_split(tuple(Path(n) for n in names), split)
        assert chosen and all(backgrounds.photo_pool(p.name) == pool for p in chosen)
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
        (["--lookalike-share", "1.5"], "must lie in 0-1"),
        (["--lookalike-share", "many"], "not a number"),
        (["--lookalike-janji-style", "2"], "must lie in 0-1"),
        (["--blur-reference", "20"], "--blur-reference must be 0 or 128 to 4096"),
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
    from datasets.synth.media import Medium, MediumSpec

    face = np.zeros((900, 640, 4), np.uint8)
    face[:] = (255, 0, 0, 255)
    checked = 0
    for seed in range(8):
        spec = MediumSpec("sign", "room_plate", "d", "p", "f", 0)
        medium = Medium(image=face, spec=spec, class_name="other_sign", lookalike=None)
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
    from datasets.synth.cli import main

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


@pytest.fixture(scope="module")
def tiny_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-image generated dataset, to copy into a test before a bad rerun over it."""
    from datasets.synth.cli import main

    out = Path(tmp_path_factory.mktemp("tiny")) / "ds"
    argv = ["--out", str(out), "--train", "1", "--val", "0", "--test", "0"]
    assert main([*argv, "--workers", "1", "--quiet"]) == 0
    return out


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_negative_seed_names_the_flag_and_keeps_the_dataset(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    from cli_support import run_janjicheck

    out = tmp_path / "ds"
    shutil.copytree(tiny_dataset, out)
    before = _snapshot(out)
    assert any(name.startswith("images/train/") for name in before)
    done = run_janjicheck(
        "generate", "--out", str(out), "--train", "1", "--val", "0", "--test", "0",
        "--seed", "-1", "--quiet",
    )  # fmt: skip
    assert done.returncode == 2
    assert "--seed" in done.stderr and "Traceback" not in done.stderr
    assert _snapshot(out) == before


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--train", "-1"], "--train"),
        (["--imgsz-long", "64"], "--imgsz-long"),
        (["--blur-reference", "50"], "--blur-reference"),
        (["--workers", "0"], "--workers"),
        (["--seed", "x"], "--seed"),
    ],
)
def test_bad_arguments_leave_the_dataset_untouched(
    tiny_dataset: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    from datasets.synth.cli import main

    out = tmp_path / "ds"
    shutil.copytree(tiny_dataset, out)
    before = _snapshot(out)
    with pytest.raises(SystemExit) as exit_info:
        main(["--out", str(out), "--val", "0", "--test", "0", "--quiet", *extra])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
    assert _snapshot(out) == before


def test_missing_fonts_are_a_clear_error_before_the_dataset_is_cleared(
    tiny_dataset: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from datasets.synth.cli import main
    from datasets.synth.media import fonts

    out = tmp_path / "ds"
    shutil.copytree(tiny_dataset, out)
    before = _snapshot(out)
    empty = tmp_path / "no_fonts"
    empty.mkdir()
    monkeypatch.setattr(fonts, "FONT_ROOT", empty)
    fonts.is_available.cache_clear()
    try:
        with pytest.raises(SystemExit) as exit_info:
            argv = ["--out", str(out), "--train", "1", "--val", "0", "--test", "0"]
            main([*argv, "--workers", "1", "--quiet"])
    finally:
        fonts.is_available.cache_clear()
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "train split: none of the fonts" in err and "apt-get install" in err
    assert "Traceback" not in err
    assert _snapshot(out) == before


def test_clearing_a_previous_dataset_removes_its_fingerprint(tmp_path: Path) -> None:
    from datasets.synth.generate import prepare_out

    out = tmp_path / "ds"
    (out / "images" / "train").mkdir(parents=True)
    (out / "images" / "train" / "train_000000.jpg").write_bytes(b"old")
    (out / "manifest.jsonl").write_text("")
    (out / "fingerprint.txt").write_text("stale\n")
    (out / "contact_sheet_dev.png").write_bytes(b"old")
    prepare_out(out, ("train",))
    assert not (out / "fingerprint.txt").exists()
    assert not (out / "contact_sheet_dev.png").exists()
    assert not list(out.glob("images/*/*"))
