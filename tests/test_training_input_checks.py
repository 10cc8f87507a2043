"""Malformed inputs to the training tools give clear errors, not tracebacks."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from datasets.classes import load_classes
from training import evaluate, export, labelstudio, remeasure, splits, train
from training.labelstudio_format import LabelMapError, results_to_yolo
from training.provenance import evaluate_command, shown_path
from vision.decode import ImageDecodeError

NAMES = load_classes().names


def write_test_split(root: Path, manifest: str) -> Path:
    (root / "images" / "test").mkdir(parents=True)
    (root / "labels" / "test").mkdir(parents=True)
    (root / "images" / "test" / "a.jpg").write_bytes(b"not decoded here")
    (root / "labels" / "test" / "a.txt").write_text("0 0.5 0.5 0.2 0.2\n")
    (root / "manifest.jsonl").write_text(manifest)
    return root


GOOD = {
    "image": "images/test/a.jpg",
    "labelled": True,
    "box": [10, 10, 20, 20],
    "width": 100,
    "height": 100,
}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "line 2 is not JSON"),
        ("[1, 2]", "line 2 is not a JSON object"),
        (json.dumps({k: v for k, v in GOOD.items() if k != "width"}), "line 2: .*width"),
        (json.dumps({**GOOD, "box": [1, 2]}), "line 2: box"),
        ('{"image": "images/test/a.jpg", "labelled": tr', "line 2 is not JSON"),
    ],
)
def test_a_malformed_manifest_line_is_a_split_error(
    tmp_path: Path, line: str, message: str
) -> None:
    root = write_test_split(tmp_path, json.dumps(GOOD) + "\n" + line)
    with pytest.raises(splits.SplitError, match=message):
        splits.load_split(root, "test")


def test_evaluate_reports_a_malformed_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_test_split(tmp_path / "data", "[1, 2]\n")
    assert evaluate.main(["--package", str(tmp_path), "--data", str(root)]) == 2
    err = capsys.readouterr().err
    assert "manifest.jsonl: line 1 is not a JSON object" in err
    assert "Traceback" not in err


class FakePackage:
    def __init__(self, training: dict[str, str]) -> None:
        self.training = training
        self.metrics = {"split": "test"}


def package_of(monkeypatch: pytest.MonkeyPatch, dataset: Path) -> None:
    training = {"test_data_fingerprint": "a" * 64, "test_dataset": shown_path(dataset)}
    monkeypatch.setattr(remeasure, "_readable_package", lambda *_: FakePackage(training))


def test_update_package_refuses_another_dataset_without_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    measured = tmp_path / "measured"
    other = write_test_split(tmp_path / "other", "")
    package_of(monkeypatch, measured)
    with pytest.raises(remeasure.RemeasureError, match=r"no fingerprint\.txt"):
        remeasure.check_target(tmp_path, other, "test")
    args = ["--package", str(tmp_path), "--data", str(other), "--quiet", "--update-package"]
    assert evaluate.main(args) == 2
    assert "cannot tell it is the same dataset" in capsys.readouterr().err


def test_update_package_accepts_the_same_folder_or_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    measured = write_test_split(tmp_path / "measured", "")
    package_of(monkeypatch, measured)
    remeasure.check_target(tmp_path, measured, "test")  # same folder, no fingerprint
    copy = write_test_split(tmp_path / "copy", "")
    (copy / "fingerprint.txt").write_text("a" * 64 + "\n")
    remeasure.check_target(tmp_path, copy, "test")  # same fingerprint, other folder


RECT = {"x": 10, "y": 10, "width": 20, "height": 20, "rectanglelabels": [NAMES[0]]}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({k: v for k, v in RECT.items() if k != "x"}, "without 'x'"),
        ({**RECT, "x": None}, "not a number"),
        ({**RECT, "x": "nan"}, "x nan is outside"),
        ({**RECT, "width": float("inf")}, "width inf is outside"),
        ({**RECT, "height": -5}, "height -5.0 is outside"),
        ({**RECT, "y": 1e9}, "y 1000000000.0 is outside"),
        ([1, 2], "value is not an object"),
    ],
)
def test_a_malformed_rectangle_is_a_label_map_error(value: object, message: str) -> None:
    results = [{"type": "rectanglelabels", "id": "r1", "value": value}]
    with pytest.raises(LabelMapError, match=rf"result 1 \(id r1\): .*{message}"):
        results_to_yolo(results, NAMES)


class StubLabelStudio:
    """Just enough of the SDK client for ``push``; records what it is asked."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.imported: list[dict[str, Any]] = []
        self.projects = SimpleNamespace(
            list=self._call("projects.list", []),
            create=self._call("projects.create", SimpleNamespace(id=7)),
            import_tasks=self._import,
        )
        self.import_storage = SimpleNamespace(
            local=SimpleNamespace(
                list=self._call("storage.list", []), create=self._call("storage.create", None)
            )
        )
        self.tasks = SimpleNamespace(list=self._call("tasks.list", []))

    def _call(self, name: str, answer: object) -> Any:
        def record(*_: object, **__: object) -> object:
            self.calls.append(name)
            return answer

        return record

    def _import(self, project: int, request: list[dict[str, Any]]) -> None:
        self.calls.append("import_tasks")
        self.imported.extend(request)


def push_setup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[StubLabelStudio, list[str]]:
    photos = tmp_path / "photos"
    photos.mkdir()
    for name in ("a.jpg", "b.jpg", "c.jpg"):
        (photos / name).write_bytes(b"x")
    stub = StubLabelStudio()
    monkeypatch.setattr(labelstudio, "client", lambda _server: stub)
    argv = ["push", "--url", "http://ls", "--token", "t", "--project", "p"]
    return stub, [*argv, "--images", str(photos), "--document-root", str(tmp_path)]


@pytest.mark.parametrize("limit", ["0", "-1"])
def test_push_needs_a_positive_limit(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    limit: str,
) -> None:
    stub, argv = push_setup(tmp_path, monkeypatch)
    assert labelstudio.main([*argv, "--limit", limit]) == 2
    assert "--limit must be at least 1" in capsys.readouterr().err
    assert stub.calls == []


def test_push_checks_the_package_before_the_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stub, argv = push_setup(tmp_path, monkeypatch)
    assert labelstudio.main([*argv, "--package", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert "cannot load the model package" in err and "Traceback" not in err
    assert stub.calls == []


def test_push_skips_an_unreadable_photo_and_imports_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stub, argv = push_setup(tmp_path, monkeypatch)
    monkeypatch.setattr(labelstudio, "load_prediction_pipeline", lambda _package: object())

    def predict(_pipeline: object, image: Path) -> dict[str, Any]:
        if image.name == "b.jpg":
            raise ImageDecodeError("corrupt", "the photo data is truncated")
        return {"result": []}

    monkeypatch.setattr(labelstudio, "prediction_for", predict)
    assert labelstudio.main([*argv, "--package", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "skipped" in captured.err and "b.jpg" in captured.err and "truncated" in captured.err
    assert "Imported 2 new photos" in captured.out
    assert [t["data"]["image"].rsplit("/", 1)[-1] for t in stub.imported] == ["a.jpg", "c.jpg"]


@pytest.mark.parametrize("limit", ["0", "-1"])
def test_export_needs_a_positive_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], limit: str
) -> None:
    assert export.main(["--weights", str(tmp_path / "a.pt"), "--limit", limit]) == 2
    assert "--limit must be >= 1" in capsys.readouterr().err


def test_export_records_its_limit_in_both_commands(tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    export.add_arguments(parser)
    options = export.options_from_namespace(
        parser.parse_args(["--weights", str(tmp_path / "a.pt"), "--limit", "3"])
    )
    assert "--limit 3" in export.export_command(options)
    command = evaluate_command(tmp_path, tmp_path, "test", None, options.limit)
    assert command.endswith("--split test --limit 3")
    assert "--limit" not in evaluate_command(tmp_path, tmp_path, "test")


def write_train_yaml(root: Path, names: object, photos: tuple[str, ...] = ("train", "val")) -> Path:
    for split in ("train", "val"):
        (root / "images" / split).mkdir(parents=True, exist_ok=True)
    for split in photos:
        (root / "images" / split / "a.jpg").write_bytes(b"x")
    target = root / "data.yaml"
    config = {"path": str(root), "train": "images/train", "val": "images/val", "names": names}
    target.write_text(yaml.safe_dump(config))
    return target


@pytest.mark.parametrize("photos", [("val",), ("train",)])
def test_training_needs_a_photo_in_each_split(tmp_path: Path, photos: tuple[str, ...]) -> None:
    data = write_train_yaml(tmp_path, dict(enumerate(NAMES)), photos)
    with pytest.raises(train.TrainError, match="holds no image"):
        train.check_data_yaml(data)


@pytest.mark.parametrize(
    "keys",
    [
        [0, "1", 2, 3],
        [1, 2, 3, 4],
        [0, 1, 2, 5],
    ],
)
def test_names_keys_must_be_class_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], keys: list[object]
) -> None:
    data = write_train_yaml(tmp_path, dict(zip(keys, NAMES, strict=False)))
    assert train.main(["--data", str(data)]) == 2
    assert "names keys must be the class ids" in capsys.readouterr().err


def test_a_good_data_yaml_passes(tmp_path: Path) -> None:
    data = write_train_yaml(tmp_path, dict(enumerate(NAMES)))
    assert train.check_data_yaml(data)["train"] == "images/train"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("0 0.5 0.5 -3 nan", "not a finite number"),
        ("0 0.5 0.5 0.2 inf", "not a finite number"),
        ("0 0.5 0.5 -0.2 0.2", "width and height"),
        ("0 0.5 0.5 0.2 0", "width and height"),
        ("0 0.5 0.5 1.5 0.2", "width and height"),
        ("0 1.5 0.5 0.2 0.2", "centre must lie in 0-1"),
        ("0 0.5 -0.1 0.2 0.2", "centre must lie in 0-1"),
    ],
)
def test_a_label_outside_the_image_is_a_split_error(
    tmp_path: Path, line: str, message: str
) -> None:
    label = tmp_path / "a.txt"
    label.write_text(f"0 0.5 0.5 0.2 0.2\n{line}\n")
    with pytest.raises(splits.SplitError, match=rf"a\.txt:2: .*{message}"):
        splits.parse_label_file(label)
    label.write_text("0 0.0 1.0 1.0 0.01\n")  # the edges of the range are labels
    assert splits.parse_label_file(label)[0].tolist() == [0]


def test_evaluate_reports_a_label_file_that_is_not_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_test_split(tmp_path / "data", "")
    (root / "labels" / "test" / "a.txt").write_bytes(b"\xff\xfe0 0.5 0.5 0.2 0.2\n")
    argv = ["--package", str(tmp_path / "package"), "--data", str(root), "--no-verify"]
    assert evaluate.main(argv) == 2
    err = capsys.readouterr().err
    assert "error: cannot read the label file" in err and "a.txt" in err
