"""``janjicheck average``: the mean of several checkpoints, exported and served like any other."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_support import run_janjicheck
from vision_photos import Photos

torch = pytest.importorskip("torch")

CHECKPOINTS = Path("models/checkpoints")
BEST = CHECKPOINTS / "janji-v12-best.pt"  # 1.5.0's weights, 640 px
EPOCH4 = CHECKPOINTS / "janji-v12-epoch4.pt"  # a later epoch of the same run
OLD_416 = CHECKPOINTS / "janji-v1-best.pt"  # trained at 416 px


# Loading a checkpoint imports Ultralytics, which this test session may have configured for
# another folder already (the development model), so the checkpoints are read in a child.
COMPARE = """
import json, sys
from pathlib import Path
import torch
from training.checkpoint import load_training_checkpoint

averaged, first, second = (load_training_checkpoint(Path(p)) for p in sys.argv[1:4])
weights = averaged["model"].state_dict()
a, b = first["model"].state_dict(), second["model"].state_dict()
floats = [n for n, t in a.items() if t.is_floating_point()]


def mean(name):
    return ((a[name].float() + b[name].float()) / 2).half()


print(json.dumps({
    "same_names": weights.keys() == a.keys(),
    "floats": len(floats),
    "mean": [n for n in floats if not torch.equal(weights[n], mean(n))],
    "models_differ": any(not torch.equal(a[n], b[n]) for n in floats),
    "averaged_from": averaged["averaged_from"],
    "average_command": averaged["average_command"],
    "same_train_args": averaged["train_args"] == first["train_args"],
    "optimizer": averaged["optimizer"],
}))
"""


def compare(averaged: Path, first: Path, second: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", COMPARE, str(averaged), str(first), str(second)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow
def test_the_mean_of_two_epochs_is_exported_and_finds_the_poster(
    repo_root: Path, tmp_path: Path, vision_photos: Photos
) -> None:
    out = tmp_path / "average.pt"
    best, epoch4 = repo_root / BEST, repo_root / EPOCH4
    done = run_janjicheck("average", str(best), str(epoch4), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "the mean of 2 checkpoints (epoch not recorded, epoch not recorded)" in done.stdout

    averaged = compare(out, best, epoch4)
    assert averaged["same_names"] and averaged["floats"] > 100
    assert averaged["mean"] == []  # every weight is the float16 of the two weights' mean
    assert averaged["models_differ"]  # two different models were averaged
    assert averaged["averaged_from"] == [
        {"path": str(best), "sha256": sha256(best), "epoch": None},
        {"path": str(epoch4), "sha256": sha256(epoch4), "epoch": None},
    ]
    assert averaged["average_command"].startswith("janjicheck average ")
    assert averaged["same_train_args"] and averaged["optimizer"] is None

    package = tmp_path / "package"
    exported = run_janjicheck(
        "export", "--weights", str(out), "--out", str(package), "--version", "0.0.1-average",
        "--accept", "0.35", "--no-evaluate", timeout=300,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    from vision.model_package import load_package
    from vision.pipeline import Pipeline

    loaded = load_package(package)
    assert loaded.training["averaged_from"] == averaged["averaged_from"]
    assert loaded.training["average_command"] == averaged["average_command"]
    card = (package / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "Weights: the mean of 2 checkpoints of this run" in card
    assert averaged["average_command"] in card
    pipeline = Pipeline.load(package)
    assert pipeline.check_file(vision_photos.janji_jpg).janji_present
    assert not pipeline.check_file(vision_photos.plain_jpg).janji_present

    # A mean is averaged again with a fine-tune of the same start (a soup across runs).
    soup = tmp_path / "soup.pt"
    done = run_janjicheck("average", str(out), str(best), "--out", str(soup))
    assert done.returncode == 0, done.stderr
    assert "the mean of 2 checkpoints (a mean of 2, epoch not recorded)" in done.stdout


def test_average_usage_errors_are_clear(repo_root: Path, tmp_path: Path) -> None:
    best, old = repo_root / BEST, repo_root / OLD_416
    not_a_checkpoint = tmp_path / "notes.pt"
    not_a_checkpoint.write_text("not weights")
    out = tmp_path / "out.pt"
    cases = [
        ([str(best)], "at least two checkpoints"),
        ([str(best), str(best)], "given twice"),
        ([str(best), str(not_a_checkpoint)], "not a torch checkpoint"),
        ([str(best), str(tmp_path / "missing.pt")], "checkpoint not found"),
        ([str(best), str(old)], "another input size"),
    ]
    for checkpoints, message in cases:
        done = run_janjicheck("average", *checkpoints, "--out", str(out))
        assert done.returncode == 2, (checkpoints, done.stderr)
        assert message in done.stderr and "Traceback" not in done.stderr
        assert not out.exists()
    done = run_janjicheck("average", str(best), str(old), "--out", str(tmp_path / "x.onnx"))
    assert done.returncode == 2 and "--out must end in .pt" in done.stderr
    done = run_janjicheck("average", str(best), str(out), "--out", str(out))
    assert done.returncode == 2 and "is one of the checkpoints" in done.stderr


def test_states_of_another_architecture_are_refused() -> None:
    from training.average import AverageError, mean_state

    paths = [Path("a.pt"), Path("b.pt")]
    small = {"w": torch.ones(2, 3), "n": torch.tensor(5)}
    assert torch.equal(
        mean_state([small, {"w": torch.zeros(2, 3), "n": torch.tensor(7)}], paths)["w"],
        torch.full((2, 3), 0.5),
    )
    assert mean_state([small, small], paths)["n"].item() == 5  # counters: the first one's
    with pytest.raises(AverageError, match="w is \\(3, 2\\), not \\(2, 3\\)"):
        mean_state([small, {"w": torch.ones(3, 2), "n": torch.tensor(5)}], paths)
    with pytest.raises(AverageError, match="another architecture"):
        mean_state([small, {"v": torch.ones(2, 3), "n": torch.tensor(5)}], paths)


def test_a_resumed_run_names_the_weights_it_started_from(tmp_path: Path) -> None:
    from training.checkpoint import original_train_args, resumed_run_model

    weights = tmp_path / "runs" / "r" / "weights"
    weights.mkdir(parents=True)
    last = str(weights / "last.pt")
    torch.save({"train_args": {"model": last, "resume": last}}, weights / "epoch3.pt")
    torch.save({"train_args": {"model": "models/start.pt", "resume": False}}, weights / "epoch1.pt")
    (weights / "epoch0.pt").write_text("unreadable")
    assert resumed_run_model({"model": last, "resume": last}) == "models/start.pt"
    assert resumed_run_model({"model": str(tmp_path / "gone" / "last.pt"), "resume": True}) is None
    resumed = {"model": last, "resume": last, "epochs": 6}
    assert original_train_args(resumed) == {**resumed, "model": "models/start.pt"}
    assert original_train_args({"model": "yolo11n.yaml"}) == {"model": "yolo11n.yaml"}


def test_average_checks_its_out_before_reading_the_checkpoints(
    repo_root: Path, tmp_path: Path
) -> None:
    best, epoch4 = repo_root / BEST, repo_root / EPOCH4
    taken = tmp_path / "taken.pt"
    taken.mkdir()
    (taken / "keep.txt").write_text("mine")
    (tmp_path / "notes.txt").write_text("mine")
    cases = [
        (taken, "is a folder"),
        (Path("/proc/x/y.pt"), "cannot write in /proc"),
        (tmp_path / "notes.txt" / "y.pt", "is a file, not a folder"),
    ]
    for out, message in cases:
        done = run_janjicheck("average", str(best), str(epoch4), "--out", str(out))
        assert done.returncode == 2, done.stdout
        assert message in done.stderr and "Traceback" not in done.stderr
    assert [p.name for p in taken.iterdir()] == ["keep.txt"]
    assert not list(tmp_path.glob("*.partial"))


def test_a_checkpoint_that_cannot_be_written_leaves_nothing(tmp_path: Path) -> None:
    from training.checkpoint import CheckpointError, save_checkpoint

    taken = tmp_path / "taken.pt"
    taken.mkdir()
    with pytest.raises(CheckpointError, match="cannot write"):
        save_checkpoint({"epoch": 1}, taken)
    assert taken.is_dir() and sorted(p.name for p in tmp_path.iterdir()) == ["taken.pt"]
    save_checkpoint({"epoch": 1}, tmp_path / "new" / "ok.pt")
    assert torch.load(tmp_path / "new" / "ok.pt") == {"epoch": 1}
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == ["ok.pt"]


def test_each_averaged_checkpoint_is_described_by_what_it_is() -> None:
    from training.average import Source

    assert Source("runs/a/weights/epoch4.pt", "0" * 64, 5).describe() == "epoch 5"
    assert Source("mean.pt", "0" * 64, None, parts=3).describe() == "a mean of 3"
    assert Source("best.pt", "0" * 64, None).describe() == "epoch not recorded"
    # what is stored with the mean stays the same record
    assert Source("mean.pt", "0" * 64, None, parts=3).record() == {
        "path": "mean.pt", "sha256": "0" * 64, "epoch": None,
    }  # fmt: skip
