"""Offline Ultralytics: no network attempt at import, model build, training and export.

Each check runs in a fresh Python process whose ``socket.connect``, ``socket.getaddrinfo`` and
``socket.create_connection`` raise and record the attempt; the process prints the count.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from training import offline

REPO = Path(__file__).resolve().parents[1]

GUARD = textwrap.dedent(
    """
    import json, socket, sys
    ATTEMPTS = []

    def _deny(*args, **kwargs):
        ATTEMPTS.append(repr(args[:2]))
        raise OSError("network attempt blocked by test")

    socket.socket.connect = lambda self, *a: _deny(*a)
    socket.socket.connect_ex = lambda self, *a: _deny(*a)
    socket.getaddrinfo = _deny
    socket.create_connection = _deny
    """
)


def run_guarded(body: str, tmp_path: Path, timeout: int = 600) -> dict[str, Any]:
    """Run ``body`` after the network guard in a new process; return its last JSON line."""
    script = tmp_path / "guarded.py"
    script.write_text(GUARD + textwrap.dedent(body))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("YOLO_", "PYTEST"))}
    proc = subprocess.run(
        [sys.executable, str(script)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def test_import_and_build_make_no_network_attempt(tmp_path: Path) -> None:
    config = tmp_path / "cfg"
    result = run_guarded(
        f"""
        import os
        from pathlib import Path
        from training.offline import load_ultralytics
        ultralytics = load_ultralytics(Path({str(config)!r}))
        from ultralytics.utils import SETTINGS, is_online
        from ultralytics.utils.checks import check_font
        model = ultralytics.YOLO("yolo11n.yaml")
        font = str(check_font("Arial.ttf"))
        unicode_font = str(check_font("Arial.Unicode.ttf"))
        offline_attempts = len(ATTEMPTS)
        # control: the guard sees Ultralytics' own DNS probe once offline mode is lifted
        os.environ.pop("YOLO_OFFLINE")
        online = is_online()
        print(json.dumps({{
            "attempts": offline_attempts,
            "control_attempts": len(ATTEMPTS) - offline_attempts,
            "online": online,
            "font": font,
            "unicode_font": unicode_font,
            "sync": SETTINGS["sync"],
            "params": sum(p.numel() for p in model.model.parameters()),
        }}))
        """,
        tmp_path,
    )
    assert result["attempts"] == 0
    assert result["control_attempts"] > 0 and result["online"] is False
    assert result["font"] == str(config / "Ultralytics" / "Arial.ttf")
    assert result["unicode_font"] == str(config / "Ultralytics" / "Arial.Unicode.ttf")
    assert result["sync"] is False
    assert result["params"] > 1_000_000
    assert (config / "Ultralytics" / "Arial.ttf").stat().st_size > 10_000


def test_missing_system_font_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(offline, "SYSTEM_FONT_CANDIDATES", (tmp_path / "none.ttf",))
    monkeypatch.setattr(offline, "SYSTEM_FONT_DIRS", (tmp_path,))
    with pytest.raises(offline.OfflineSetupError, match="no TrueType font"):
        offline.find_system_font()


def test_system_font_is_found() -> None:
    assert offline.find_system_font().suffix == ".ttf"


COLOURS = [(40, 40, 200), (40, 160, 40), (200, 60, 40), (30, 200, 220)]


def make_dataset(root: Path, counts: dict[str, int], size: tuple[int, int] = (320, 240)) -> Path:
    """Write a tiny YOLO dataset of coloured boxes, one per class, on noise."""
    width, height = size
    rng = np.random.default_rng(0)
    for split, n in counts.items():
        (root / "images" / split).mkdir(parents=True)
        (root / "labels" / split).mkdir(parents=True)
        for i in range(n):
            image = rng.integers(90, 160, (height, width, 3), dtype=np.uint8)
            lines = []
            for cls, colour in enumerate(COLOURS):
                w, h = (int(v) for v in rng.integers(40, 90, 2))
                x, y = int(rng.integers(0, width - w)), int(rng.integers(0, height - h))
                cv2.rectangle(image, (x, y), (x + w, y + h), colour, -1)
                cx, cy = (x + w / 2) / width, (y + h / 2) / height
                lines.append(f"{cls} {cx:.6f} {cy:.6f} {w / width:.6f} {h / height:.6f}")
            cv2.imwrite(str(root / "images" / split / f"{i:03d}.jpg"), image)
            (root / "labels" / split / f"{i:03d}.txt").write_text("\n".join(lines) + "\n")
    names = "\n".join(f"  {i}: {n}" for i, n in enumerate(offline_class_names()))
    (root / "data.yaml").write_text(
        f"path: {root}\ntrain: images/train\nval: images/val\ntest: images/test\nnames:\n{names}\n"
    )
    (root / "fingerprint.txt").write_text("test-fingerprint\n")
    return root / "data.yaml"


def offline_class_names() -> tuple[str, ...]:
    from datasets.classes import load_classes

    return load_classes().names


def synth_dataset(root: Path) -> Path:
    """Generate a tiny dataset with the synthetic-data CLI (procedural backgrounds)."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "datasets.synth",
            "--out",
            str(root),
            "--train",
            "8",
            "--val",
            "4",
            "--test",
            "4",
            "--imgsz-long",
            "320",
            "--workers",
            "1",
            "--quiet",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return root / "data.yaml"


def count_janji_labels(label_dir: Path) -> int:
    janji = {i for i, n in enumerate(offline_class_names()) if n.startswith("janji_")}
    lines = [ln.split() for f in label_dir.glob("*.txt") for ln in f.read_text().splitlines()]
    return sum(1 for parts in lines if parts and int(parts[0]) in janji)


@pytest.mark.slow
def test_train_export_evaluate_smoke(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if importlib.util.find_spec("datasets.synth.__main__") is not None:
        data = synth_dataset(tmp_path / "data")
    else:
        data = make_dataset(tmp_path / "data", {"train": 8, "val": 4, "test": 4})
    runs, package = tmp_path / "runs", tmp_path / "package"
    result = run_guarded(
        f"""
        from training import export, train
        rc_train = train.main(["--data", {str(data)!r}, "--imgsz", "128", "--epochs", "1",
                               "--batch", "4", "--project", {str(runs)!r}, "--name", "smoke"])
        rc_export = export.main(["--weights", {str(runs / "smoke/weights/best.pt")!r},
                                 "--out", {str(package)!r}, "--version", "0.0.1-test",
                                 "--empty-photos", {str(data.parent / "images" / "train")!r}])
        print(json.dumps({{"attempts": len(ATTEMPTS), "train": rc_train, "export": rc_export}}))
        """,
        tmp_path,
    )
    assert result == {"attempts": 0, "train": 0, "export": 0}
    run = runs / "smoke"
    assert (run / "weights" / "last.pt").is_file()
    assert (run / "results.png").is_file() and (run / "results.csv").is_file()
    assert not list((run / "weights").glob("*.onnx")), "export must not write next to the .pt"

    from vision.model_package import load_package
    from vision.pipeline import Pipeline

    loaded = load_package(package)
    assert loaded.input_width == 128 and loaded.architecture == "yolo11n"
    fingerprint = (data.parent / "fingerprint.txt").read_text().strip()
    assert loaded.training["data_fingerprint"] == fingerprint
    assert loaded.metrics["split"] == "test" and loaded.metrics["images"] == 4
    test_labels = data.parent / "labels" / "test"
    assert loaded.metrics["janji_objects"] == count_janji_labels(test_labels)
    assert "training.evaluate" in loaded.reproduce
    empty_flags = f"--empty-photos {data.parent / 'images' / 'train'}"
    assert loaded.reproduce.endswith(empty_flags)
    assert loaded.training["export_command"].endswith(empty_flags)
    assert loaded.metrics["empty_photos"]["photos"] == len(
        list((data.parent / "images" / "train").iterdir())
    )
    calibration = loaded.metrics["calibration"]
    assert calibration["split"] == "val" and calibration["images"] == 4
    assert calibration["sweep"][0]["threshold"] == loaded.confidence
    assert loaded.accept == calibration["accept"]
    assert loaded.confidence <= loaded.accept_verified <= loaded.accept
    assert loaded.metrics["thresholds"]["accept"] == loaded.accept  # evaluated as shipped
    card = (package / "MODEL_CARD.md").read_text()
    assert "Janji AP50" in card and "python -m training.train" in card
    assert "calibrated on val" in card
    photo = next((data.parent / "images" / "test").iterdir())
    image_result = Pipeline.load(package).check_file(photo)
    pixels = cv2.imread(str(photo))
    assert pixels is not None
    assert (image_result.height, image_result.width) == pixels.shape[:2]

    # re-measured after a pipeline change: metrics and card replaced, model and calibration kept
    from training.evaluate import main as evaluate_main

    assert loaded.training["export_command"].startswith("python -m training.export ")
    before = (package / "model.onnx").read_bytes()
    args = ["--package", str(package), "--data", str(data.parent), "--quiet", "--update-package"]
    assert evaluate_main([*args, "--limit", "1"]) == 2
    assert evaluate_main([*args, "--split", "val"]) == 2  # the package's metrics are of test
    assert "metrics are of the test split" in capsys.readouterr().err
    other = tmp_path / "other-dataset"
    shutil.copytree(data.parent, other)
    (other / "fingerprint.txt").write_text("0" * 64 + "\n")
    other_args = ["--package", str(package), "--data", str(other), "--quiet", "--update-package"]
    assert evaluate_main(other_args) == 2  # refused before evaluating, package untouched
    assert "is not the dataset the package's metrics were measured on" in capsys.readouterr().err
    assert load_package(package).metrics == loaded.metrics
    # the same folder regenerated by a newer generator: measured, its fingerprint recorded
    (data.parent / "fingerprint.txt").write_text("1" * 64 + "\n")
    empty = ["--empty-photos", str(data.parent / "images" / "val")]
    assert evaluate_main([*args, *empty]) == 0
    again = load_package(package)
    assert again.metrics["empty_photos"]["photos"] == 4
    assert again.reproduce.endswith(f"--empty-photos {data.parent / 'images' / 'val'}")
    assert (
        "Janji accepted in 4 photos without Janji media" in (package / "MODEL_CARD.md").read_text()
    )
    assert again.training["test_data_fingerprint"] == "1" * 64
    assert (package / "model.onnx").read_bytes() == before
    assert again.metrics["calibration"] == calibration and again.accept == loaded.accept
    assert again.metrics["images"] == 4 and again.onnx_sha256 == loaded.onnx_sha256
    card = (package / "MODEL_CARD.md").read_text()
    assert loaded.training["export_command"] in card and "calibrated on val" in card

    # figures on another held-out set: stored next to the package's own, shown in its card
    record = ["--package", str(package), "--data", str(other), "--quiet", "--record", "at 2400"]
    assert evaluate_main([*record, "--no-verify"]) == 2
    assert "--record needs the whole split, verified" in capsys.readouterr().err
    measured = tmp_path / "other.json"
    assert evaluate_main([*record, "--json", str(measured)]) == 0
    figures = json.loads(measured.read_text())
    recorded = load_package(package)
    assert {k: v for k, v in recorded.metrics.items() if k != "other_sets"} == again.metrics
    [entry] = recorded.metrics["other_sets"]
    assert (entry["name"], entry["images"], entry["data_fingerprint"]) == ("at 2400", 4, "0" * 64)
    assert entry["reproduce"].endswith(f"--data {other} --split test --record 'at 2400'")
    for side in ("verification_on", "verification_off"):
        m = figures[side]
        assert entry[side] == {
            "janji_ap50": m["janji_ap50"],
            "janji_ap50_95": m["janji_ap50_95"],
            "precision": m["presence"]["precision"],
            "recall": m["presence"]["recall"],
            "f1": m["presence"]["f1"],
            "false_accept": m["lookalike_false_accept"]["rate"],
        }
    card = (package / "MODEL_CARD.md").read_text()
    assert "## Other held-out sets" in card and "| at 2400 | 4 |" in card
    assert entry["reproduce"] in card and entry["data_command"] in card
    assert evaluate_main(record) == 0  # recorded again under its name: replaced, not added
    assert len(load_package(package).metrics["other_sets"]) == 1
    # the pipeline's own split measured again: the other sets' figures are dropped
    assert evaluate_main(args) == 0
    assert "Dropped the figures of other held-out sets" in capsys.readouterr().out
    assert "other_sets" not in load_package(package).metrics
    assert "## Other held-out sets" not in (package / "MODEL_CARD.md").read_text()

    # a second run under the same name must not silently overwrite it
    from training.train import main as train_main

    assert train_main(["--data", str(data), "--project", str(runs), "--name", "smoke"]) == 2


@pytest.mark.slow
def test_interrupted_run_continues_from_a_compact_checkpoint_elsewhere(tmp_path: Path) -> None:
    data = make_dataset(tmp_path / "data", {"train": 8, "val": 4})
    runs, packed = tmp_path / "runs", tmp_path / "committed" / "resume.pt"
    first = run_guarded(
        f"""
        from training.offline import load_ultralytics
        load_ultralytics()
        from ultralytics.utils import callbacks

        def stop_after_first_epoch(trainer):
            if trainer.epoch == 0:
                raise KeyboardInterrupt  # as Ctrl-C at the end of epoch 1 of 2

        callbacks.default_callbacks["on_fit_epoch_end"].append(stop_after_first_epoch)
        import torch
        from training import checkpoint, train
        rc_train = train.main(["--data", {str(data)!r}, "--imgsz", "128", "--epochs", "2",
                               "--batch", "4", "--project", {str(runs)!r}, "--name", "first"])
        rc_pack = checkpoint.main([{str(runs / "first")!r}, "--out", {str(packed)!r}])
        state = torch.load({str(packed)!r}, map_location="cpu", weights_only=False)
        moments = state["optimizer"]["state"][0]
        print(json.dumps({{"attempts": len(ATTEMPTS), "train": rc_train, "pack": rc_pack,
                          "epoch": state["epoch"], "dtype": str(moments["exp_avg"].dtype),
                          "step_dtype": str(moments["step"].dtype)}}))
        """,
        tmp_path,
    )
    assert first == {
        "attempts": 0,
        "train": 130,
        "pack": 0,
        "epoch": 0,
        "dtype": "torch.bfloat16",
        "step_dtype": "torch.float32",
    }
    assert packed.stat().st_size < 0.75 * (runs / "first" / "weights" / "last.pt").stat().st_size

    # a fresh checkout: the run folder is gone and the dataset lies elsewhere
    moved = tmp_path / "moved-data"
    shutil.copytree(data.parent, moved)
    (moved / "data.yaml").write_text(
        (data.parent / "data.yaml").read_text().replace(str(data.parent), str(moved))
    )
    shutil.rmtree(data.parent)
    shutil.rmtree(runs)
    later = tmp_path / "later"
    base = ["--resume", "--from", str(packed), "--project", str(later), "--name", "again"]
    second = run_guarded(
        f"""
        import contextlib, io, os
        from training import train
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            rc_no_data = train.main({base!r})
        restored_early = os.path.exists({str(later / "again")!r})
        rc = train.main({base!r} + ["--data", {str(moved / "data.yaml")!r}])
        finished = io.StringIO()
        with contextlib.redirect_stderr(finished):
            rc_again = train.main(["--resume", "--project", {str(later)!r}, "--name", "again"])
        print(json.dumps({{"attempts": len(ATTEMPTS), "no_data": rc_no_data,
                          "no_data_error": err.getvalue(), "restored_early": restored_early,
                          "resume": rc, "again": rc_again, "again_error": finished.getvalue()}}))
        """,
        tmp_path,
    )
    assert second["attempts"] == 0 and second["resume"] == 0
    assert second["no_data"] == 2 and second["restored_early"] is False
    assert "dataset" in second["no_data_error"] and "is missing" in second["no_data_error"]
    assert second["again"] == 2 and "finished run" in second["again_error"]
    run = later / "again"
    epochs = [line.split(",")[0] for line in (run / "results.csv").read_text().splitlines()[1:]]
    assert [int(float(e)) for e in epochs] == [1, 2]  # epoch 1 restored, epoch 2 trained here
    assert (run / "weights" / "best.pt").is_file() and (run / "results.png").is_file()
