"""Tests of ``janjicheck negatives``: real photos without Janji media as a train split."""

from __future__ import annotations

import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest
import yaml
from cli_support import run_janjicheck
from vision_photos import Photos, procedural_room

from datasets.synth.backgrounds import is_test_photo
from training.splits import load_split
from training.train import check_data_yaml


def _names(held_out: bool, count: int, suffix: str = ".jpg") -> list[str]:
    names = (f"room{i:03d}{suffix}" for i in range(1000))
    return [n for n in names if is_test_photo(n) == held_out][:count]


@pytest.fixture
def photos(tmp_path: Path) -> Path:
    """Three usable photos, two held out by the generator, one unreadable, one tiny."""
    folder = tmp_path / "rooms"
    folder.mkdir()
    rng = np.random.default_rng(0)
    for i, name in enumerate(_names(False, 3) + _names(True, 2)):
        size = (600 + 100 * i, 800) if i % 2 else (800, 600 + 100 * i)
        cv2.imwrite(str(folder / name), rng.integers(0, 255, (*size, 3), dtype=np.uint8))
    (folder / _names(False, 4)[3]).write_bytes(b"\xff\xd8 not a jpeg")
    cv2.imwrite(str(folder / _names(False, 1, ".png")[0]), np.zeros((20, 20, 3), np.uint8))
    (folder / "notes.txt").write_text("not a photo")
    return folder


def test_negatives_are_a_train_split_with_empty_labels(photos: Path, tmp_path: Path) -> None:
    out = tmp_path / "neg"
    done = run_janjicheck(
        "negatives", "--photos", str(photos), "--out", str(out), "--long-side", "320"
    )
    assert done.returncode == 0, done.stderr
    assert "train: 3 images (2 unreadable skipped)" in done.stdout
    images = sorted((out / "images" / "train").iterdir())
    assert [p.name for p in images] == _names(False, 3)  # held-out photos left out
    for image in images:
        pixels = cv2.imread(str(image))
        assert pixels is not None and max(pixels.shape[:2]) == 320
        assert (out / "labels" / "train" / f"{image.stem}.txt").read_text() == ""
    check_data_yaml(out / "data.yaml")
    truths = load_split(out, "train")
    assert len(truths) == 3 and all(len(t.class_id) == 0 for t in truths)
    assert yaml.safe_load((out / "data.yaml").read_text())["path"] == str(out.resolve())
    command = (out / "command.txt").read_text()
    assert command.startswith("janjicheck negatives --photos") and "--long-side 320" in command

    again = tmp_path / "again"
    assert (
        run_janjicheck(
            "negatives", "--photos", str(photos), "--out", str(again), "--long-side", "320"
        ).returncode
        == 0
    )
    fingerprint = (out / "fingerprint.txt").read_text()
    assert (again / "fingerprint.txt").read_text() == fingerprint
    wider = tmp_path / "wider"
    argv = ["negatives", "--photos", str(photos), "--out", str(wider), "--include-held-out"]
    assert run_janjicheck(*argv).returncode == 0
    assert len(list((wider / "images" / "train").iterdir())) == 5
    assert (wider / "fingerprint.txt").read_text() != fingerprint

    mixed = tmp_path / "mix"
    done = run_janjicheck(
        "mix", "--out", str(mixed), "--train", f"{out}:train", "--val", f"{wider}:train"
    )
    assert done.returncode == 0, done.stderr
    assert "train: 3 images, val: 5 images" in done.stdout


def test_bad_requests_exit_2_with_a_reason(photos: Path, tmp_path: Path) -> None:
    missing = run_janjicheck(
        "negatives", "--photos", str(tmp_path / "none"), "--out", str(tmp_path / "a")
    )
    assert missing.returncode == 2 and "photo folder not found" in missing.stderr
    assert not (tmp_path / "a").exists()

    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "keep.txt").write_text("mine")
    done = run_janjicheck("negatives", "--photos", str(photos), "--out", str(taken))
    assert done.returncode == 2 and "must be a new or empty folder" in done.stderr
    assert (taken / "keep.txt").read_text() == "mine" and len(list(taken.iterdir())) == 1

    held_out = tmp_path / "held-out"
    held_out.mkdir()
    for name in _names(True, 2):
        (held_out / name).write_bytes((photos / name).read_bytes())
    done = run_janjicheck("negatives", "--photos", str(held_out), "--out", str(tmp_path / "b"))
    assert done.returncode == 2 and "no photos to use" in done.stderr

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / _names(False, 1)[0]).write_bytes(b"garbage")
    done = run_janjicheck("negatives", "--photos", str(broken), "--out", str(tmp_path / "c"))
    assert done.returncode == 2 and "none of the 1 photos" in done.stderr
    assert not (tmp_path / "c").exists()

    done = run_janjicheck(
        "negatives", "--photos", str(photos), "--out", str(tmp_path / "d"), "--long-side", "8"
    )
    assert done.returncode == 2 and "--long-side must be >= 32" in done.stderr


def test_hard_for_keeps_the_photos_that_fool_the_model(
    shipped_package: Path, vision_photos: Photos, tmp_path: Path
) -> None:
    """A Janji poster stands in for a fooling photo: the shipped model finds it, not the room.

    The room is a procedural one: in the indoor room of ``plain_jpg`` the shipped model puts a
    Janji candidate on a ceiling lamp (under its ``accept``), so that photo fools it too.
    """
    folder = tmp_path / "rooms"
    folder.mkdir()
    poster_name, room_name = _names(False, 2)
    shutil.copy(vision_photos.janji_jpg, folder / poster_name)
    cv2.imwrite(str(folder / room_name), procedural_room(1280, 960, seed=0))
    out = tmp_path / "hard"
    argv = ["--photos", str(folder), "--out", str(out), "--hard-for", str(shipped_package)]
    done = run_janjicheck("negatives", *argv)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in (out / "images" / "train").iterdir()] == [poster_name]
    assert f"--hard-for {shipped_package}" in (out / "command.txt").read_text()
    every = tmp_path / "every"
    assert run_janjicheck("negatives", "--photos", str(folder), "--out", str(every)).returncode == 0
    assert (every / "fingerprint.txt").read_text() != (out / "fingerprint.txt").read_text()

    (folder / poster_name).unlink()
    done = run_janjicheck("negatives", *argv[:3], str(tmp_path / "none"), *argv[4:])
    assert done.returncode == 2 and "fools" in done.stderr
    assert not (tmp_path / "none").exists()
    done = run_janjicheck("negatives", *argv[:3], str(tmp_path / "x"), "--hard-for", str(tmp_path))
    assert done.returncode == 2 and "--hard-for" in done.stderr
