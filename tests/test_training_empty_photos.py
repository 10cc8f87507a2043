"""False accepts on photos without Janji media: the folder, the count, the real CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from vision_photos import Photos

from datasets.synth.backgrounds import is_test_photo
from training.empty_photos import EmptyPhotosError, empty_photo_accepts, empty_photo_truths
from training.evaluate import main as evaluate_main


def test_accepts_are_counted_and_named() -> None:
    summary = empty_photo_accepts(["a.jpg", "b.jpg", "c.jpg", "d.jpg"], [False, True, False, True])
    assert summary == {
        "rate": 0.5,
        "accepted": 2,
        "total": 4,
        "accepted_photos": ["b.jpg", "d.jpg"],
    }
    assert empty_photo_accepts([], [])["rate"] is None
    with pytest.raises(ValueError, match="2 names but 1 results"):
        empty_photo_accepts(["a.jpg", "b.jpg"], [True])


def test_held_out_only_keeps_the_generators_test_photos(tmp_path: Path) -> None:
    names = [f"{i:04d}.jpg" for i in range(40)]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "notes.txt").write_text("not a photo")
    held_out = [n for n in names if is_test_photo(n)]
    assert 0 < len(held_out) < len(names)
    assert [t.image.name for t in empty_photo_truths(tmp_path, False)] == names
    truths = empty_photo_truths(tmp_path, True)
    assert [t.image.name for t in truths] == held_out
    assert all(len(t.class_id) == 0 and t.boxes.shape == (0, 4) for t in truths)


def test_a_folder_without_photos_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EmptyPhotosError, match="not found"):
        empty_photo_truths(tmp_path / "missing", False)
    (tmp_path / "0000.jpg").write_bytes(b"")  # not one of the held-out names
    assert not is_test_photo("0000.jpg")
    with pytest.raises(EmptyPhotosError, match="no held-out photos"):
        empty_photo_truths(tmp_path, True)


def test_cli_counts_the_photos_where_the_shipped_model_accepts_janji(
    shipped_package: Path,
    vision_photos: Photos,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A folder said to hold no Janji media, with one Janji poster slipped in: it is counted."""
    folder = tmp_path / "rooms"
    folder.mkdir()
    shutil.copy(vision_photos.plain_jpg, folder / "a-plain.jpg")
    shutil.copy(vision_photos.lookalike_jpg, folder / "b-lookalike.jpg")
    shutil.copy(vision_photos.janji_jpg, folder / "c-janji.jpg")
    out = tmp_path / "metrics.json"
    argv = ["--package", str(shipped_package), "--empty-photos", str(folder), "--quiet"]
    assert evaluate_main([*argv, "--json", str(out)]) == 0
    report = capsys.readouterr().out
    assert f"3 photos without Janji media in {folder}" in report
    assert "Janji accepted in 1 of 3 (33.3%)" in report
    metrics = json.loads(out.read_text())
    assert set(metrics) == {"empty_photos", "onnx_sha256"}
    empty = metrics["empty_photos"]
    assert empty["photos"] == 3 and not empty["held_out_only"]
    assert empty["verification_on"]["accepted_photos"] == ["c-janji.jpg"]
    # without the text check the lookalike may pass too; the Janji photo always counts
    assert "c-janji.jpg" in empty["verification_off"]["accepted_photos"]


def test_cli_usage_errors_are_clear(
    shipped_package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = ["--package", str(shipped_package)]
    assert evaluate_main(package) == 2
    assert "give --data, --empty-photos or both" in capsys.readouterr().err
    assert evaluate_main([*package, "--data", str(tmp_path), "--held-out-only"]) == 2
    assert "--held-out-only needs --empty-photos" in capsys.readouterr().err
    empty = ["--empty-photos", str(tmp_path), "--update-package"]
    assert evaluate_main([*package, *empty]) == 2
    assert "--update-package needs the whole split" in capsys.readouterr().err
    assert evaluate_main([*package, "--empty-photos", str(tmp_path / "missing")]) == 2
    assert "empty-photo folder not found" in capsys.readouterr().err


def test_a_bad_empty_photo_folder_is_refused_before_the_split_is_evaluated(
    shipped_package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The split's photos are never decoded: one of them is unreadable and is not reported."""
    split = tmp_path / "data" / "images" / "test"
    split.mkdir(parents=True)
    (split / "broken.jpg").write_bytes(b"not a jpeg")
    argv = ["--package", str(shipped_package), "--data", str(tmp_path / "data"), "--quiet"]
    assert evaluate_main([*argv, "--empty-photos", str(tmp_path / "missing")]) == 2
    error = capsys.readouterr().err
    assert "empty-photo folder not found" in error and "cannot decode" not in error
