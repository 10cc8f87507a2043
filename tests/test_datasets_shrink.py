"""Tests of ``janjicheck shrink``: a dataset split copied with its photos scaled down."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest
from cli_support import run_janjicheck

from datasets.shrink import ShrinkError, ShrinkSpec, make_shrunk, shrink_fingerprint, shrink_image
from training.splits import load_split


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small procedural dataset whose test split is 960 px on the long side."""
    from datasets.synth.cli import main

    out = Path(tmp_path_factory.mktemp("shrink_source")) / "d"
    argv = ["--out", str(out), "--train", "0", "--val", "0", "--test", "3", "--seed", "3"]
    assert main([*argv, "--imgsz-long", "960", "--workers", "1", "--quiet"]) == 0
    return out


def _records(dataset: Path) -> list[dict[str, object]]:
    lines = (dataset / "manifest.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_shrink_scales_photos_and_manifest_and_keeps_the_labels(
    generated: Path, tmp_path: Path
) -> None:
    out = tmp_path / "small"
    done = run_janjicheck(
        "shrink", "--data", str(generated), "--long-side", "480", "--out", str(out)
    )
    assert done.returncode == 0, done.stderr
    assert "test: 3 photos, long side at most 480 px" in done.stdout

    source = load_split(generated, "test")
    shrunk = load_split(out, "test")  # what evaluation reads
    assert [t.image.name for t in shrunk] == [t.image.name for t in source]
    for big, small in zip(source, shrunk, strict=True):
        pixels = cv2.imread(str(small.image))
        original = cv2.imread(str(big.image))
        assert pixels is not None and original is not None
        assert max(pixels.shape[:2]) == 480
        ratio = 480 / max(original.shape[:2])
        assert pixels.shape[:2] == tuple(round(s * ratio) for s in original.shape[:2])
        label = out / "labels" / "test" / f"{small.image.stem}.txt"
        assert label.read_text() == (generated / "labels" / "test" / label.name).read_text()

    before, after = _records(generated), _records(out)
    assert len(after) == len(before) and any(r.get("box") for r in before)
    for old, new in zip(before, after, strict=True):
        assert max(int(new["width"]), int(new["height"])) == 480  # type: ignore[call-overload]
        scale = 480 / max(int(old["width"]), int(old["height"]))  # type: ignore[call-overload]
        box = old.get("box")
        if isinstance(box, list):
            assert new["box"] == pytest.approx([v * scale for v in box], abs=0.06)
        assert {k: v for k, v in new.items() if k not in ("width", "height", "box")} == {
            k: v for k, v in old.items() if k not in ("width", "height", "box")
        }

    command = (out / "command.txt").read_text().strip()
    assert command.startswith((generated / "command.txt").read_text().strip() + " && ")
    assert command.endswith(f"--long-side 480 --quality 85 --out {out}")
    fingerprint = (out / "fingerprint.txt").read_text().strip()
    assert fingerprint == shrink_fingerprint(ShrinkSpec(generated, "test", out, 480))
    assert fingerprint != shrink_fingerprint(ShrinkSpec(generated, "test", out, 640))
    assert fingerprint != (generated / "fingerprint.txt").read_text().strip()


def test_small_photos_keep_their_size() -> None:
    image = np.zeros((300, 200, 3), np.uint8)
    same, scale = shrink_image(image, 480)
    assert same is image and scale == 1.0
    smaller, scale = shrink_image(np.zeros((3000, 4000, 3), np.uint8), 2400)
    assert smaller.shape == (1800, 2400, 3) and scale == pytest.approx(0.6)


def test_bad_requests_are_refused_and_leave_nothing(generated: Path, tmp_path: Path) -> None:
    with pytest.raises(ShrinkError, match="--long-side must be at least"):
        ShrinkSpec(generated, "test", tmp_path / "x", 10)
    with pytest.raises(ShrinkError, match="--split must be one of"):
        ShrinkSpec(generated, "holdout", tmp_path / "x", 480)
    with pytest.raises(ShrinkError, match="no photos in"):
        make_shrunk(ShrinkSpec(generated, "train", tmp_path / "x", 480))
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "keep.txt").write_text("mine")
    done = run_janjicheck(
        "shrink", "--data", str(generated), "--long-side", "480", "--out", str(taken)
    )
    assert done.returncode == 2
    assert "janjicheck shrink: error: --out must be a new or empty folder" in done.stderr
    assert "Traceback" not in done.stderr
    assert [p.name for p in taken.iterdir()] == ["keep.txt"]

    broken = tmp_path / "broken"
    (broken / "images" / "test").mkdir(parents=True)
    (broken / "images" / "test" / "a.jpg").write_bytes(b"not a photo")
    with pytest.raises(ShrinkError, match="cannot read the photo"):
        make_shrunk(ShrinkSpec(broken, "test", tmp_path / "out", 480))
    assert not (tmp_path / "out").exists()  # a copy that failed part-way is removed


def test_a_truncated_photo_is_refused_not_grey_filled(generated: Path, tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(generated, source)
    photo = sorted((source / "images" / "test").glob("*.jpg"))[1]
    data = photo.read_bytes()
    photo.write_bytes(data[: len(data) // 2])
    out = tmp_path / "small"
    done = run_janjicheck("shrink", "--data", str(source), "--long-side", "480", "--out", str(out))
    assert done.returncode == 2
    assert f"janjicheck shrink: error: cannot read the photo {photo}" in done.stderr
    assert "truncated" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()


def test_a_manifest_that_is_not_text_is_refused_and_the_copy_removed(
    generated: Path, tmp_path: Path
) -> None:
    source = tmp_path / "source"
    shutil.copytree(generated, source)
    manifest = source / "manifest.jsonl"
    manifest.write_bytes(b"\xff\xfe" + manifest.read_bytes())
    out = tmp_path / "small"
    done = run_janjicheck("shrink", "--data", str(source), "--long-side", "480", "--out", str(out))
    assert done.returncode == 2
    assert f"janjicheck shrink: error: cannot read {manifest}" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_a_copy_that_fails_for_any_reason_is_removed(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails(spec: ShrinkSpec) -> str:
        raise RuntimeError("stopped")

    monkeypatch.setattr("datasets.shrink.shrink_command", fails)
    out = tmp_path / "small"
    with pytest.raises(RuntimeError, match="stopped"):
        make_shrunk(ShrinkSpec(generated, "test", out, 480))
    assert not out.exists()
