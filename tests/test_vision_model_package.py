from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from vision.model_package import (
    ENV_VAR,
    ModelPackageError,
    check_io,
    default_package_path,
    load_package,
    resolve_package_path,
    sha256_file,
    write_package,
)


def _copy(package: Path, tmp_path: Path) -> Path:
    target = tmp_path / "pkg"
    shutil.copytree(package, target)
    return target


def _edit(package: Path, **changes: object) -> None:
    meta_path = package / "package.json"
    meta = json.loads(meta_path.read_text())
    meta.update(changes)
    meta_path.write_text(json.dumps(meta))


def test_write_then_load_round_trip(dev_package: Path) -> None:
    package = load_package(dev_package)
    assert package.class_names == ("janji_poster", "janji_banner", "janji_spanduk", "other_sign")
    assert (package.input_width, package.input_height) == (416, 416)
    assert package.confidence == 0.5
    assert (package.accept, package.accept_verified) == (0.5, 0.5)
    assert package.onnx_sha256 == sha256_file(dev_package / "model.onnx")
    assert (dev_package / "MODEL_CARD.md").read_text().startswith("# janji-detector-dev")
    summary = package.summary()
    assert summary["sha256"] == package.onnx_sha256
    assert summary["input_size"] == [416, 416]
    assert summary["class_names"] == list(package.class_names)
    meta = json.loads((dev_package / "package.json").read_text())
    assert meta["format"] == "janjicheck-model/1"
    assert meta["thresholds"] == {
        "confidence": 0.5,
        "iou": 0.7,
        "accept": 0.5,
        "accept_verified": 0.5,
    }
    assert meta["training"]["dataset"].startswith("none")


def test_changed_onnx_fails_the_sha256_check(dev_package: Path, tmp_path: Path) -> None:
    package = _copy(dev_package, tmp_path)
    with (package / "model.onnx").open("ab") as fh:
        fh.write(b"\0")
    with pytest.raises(ModelPackageError, match="sha256"):
        load_package(package)


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"class_names": ["poster", "banner", "spanduk", "other"]}, "differ from datasets"),
        ({"class_names": "janji_poster"}, "list of strings"),
        ({"input": {"width": 415, "height": 416}}, "multiple of 32"),
        ({"input": {"width": 8192, "height": 416}}, "multiple of 32"),
        ({"input": [416, 416]}, "'input' must be an object"),
        ({"format": "yolo"}, "format"),
        ({"thresholds": {"confidence": 2, "accept": 1, "accept_verified": 1}}, "confidence must"),
        ({"thresholds": {"confidence": 0.25, "iou": 0.7}}, r"thresholds\.accept is missing"),
        ({"thresholds": {"accept": 0.5}}, r"thresholds\.accept_verified is missing"),
        ({"thresholds": {"accept": 0.5, "accept_verified": "0.4"}}, "accept_verified must be"),
        ({"thresholds": {"accept": 0.4, "accept_verified": 0.5}}, "accept_verified <= accept"),
        (
            {"thresholds": {"confidence": 0.5, "accept": 0.6, "accept_verified": 0.4}},
            "<= accept_verified",
        ),
        ({"thresholds": None}, "'thresholds' must be an object"),
        ({"name": ""}, "'name'"),
        ({"onnx_sha256": "abc"}, "64 hex"),
    ],
)
def test_bad_metadata_is_refused_with_a_clear_message(
    dev_package: Path, tmp_path: Path, changes: dict[str, object], words: str
) -> None:
    package = _copy(dev_package, tmp_path)
    _edit(package, **changes)
    with pytest.raises(ModelPackageError, match=words):
        load_package(package)


def test_missing_pieces(dev_package: Path, tmp_path: Path) -> None:
    with pytest.raises(ModelPackageError, match="not a folder"):
        load_package(tmp_path / "nowhere")
    package = _copy(dev_package, tmp_path)
    (package / "model.onnx").unlink()
    with pytest.raises(ModelPackageError, match=r"model\.onnx is missing"):
        load_package(package)
    (package / "package.json").write_text("{not json")
    with pytest.raises(ModelPackageError, match="unreadable"):
        load_package(package)
    (package / "package.json").unlink()
    with pytest.raises(ModelPackageError, match=r"package\.json is missing"):
        load_package(package)


def fixed_size_copy(onnx_path: Path, out: Path, size: int) -> Path:
    """Copy a graph with dynamic height/width, pinning its input to ``size`` x ``size``."""
    import onnx

    model = onnx.load(str(onnx_path))
    dims = model.graph.input[0].type.tensor_type.shape.dim
    for index, value in ((0, 1), (2, size), (3, size)):
        dims[index].dim_value = value
    onnx.save(model, str(out))
    return out


def test_graph_shapes_are_checked_against_the_metadata(dev_package: Path, tmp_path: Path) -> None:
    package = load_package(dev_package)
    good_in = [("images", [1, 3, 416, 416])]
    check_io(package, good_in, [("output0", [1, 8, 3549])])
    check_io(package, [("images", ["batch", 3, "h", "w"])], [("output0", ["b", 8, "a"])])
    with pytest.raises(ModelPackageError, match="does not match"):
        check_io(package, [("images", [1, 3, 640, 640])], [("output0", [1, 8, 8400])])
    with pytest.raises(ModelPackageError, match=r"not \[1, 8, A\]"):
        check_io(package, good_in, [("output0", [1, 300, 6])])
    with pytest.raises(ModelPackageError, match="anchors"):
        check_io(package, good_in, [("output0", [1, 8, 8400])])
    # a package whose metadata says 640 around a fixed 416 graph is refused when written
    with pytest.raises(ModelPackageError, match="does not match"):
        write_package(
            tmp_path / "wrong",
            fixed_size_copy(dev_package / "model.onnx", tmp_path / "fixed.onnx", 416),
            name="x",
            version="1",
            architecture="yolo11n",
            input_size=(640, 640),
            accept=0.5,
            accept_verified=0.5,
        )
    assert not (tmp_path / "wrong" / "package.json").exists()


def test_write_package_refuses_a_file_that_is_not_onnx(tmp_path: Path) -> None:
    fake = tmp_path / "fake.onnx"
    fake.write_bytes(b"not a model")
    with pytest.raises(ModelPackageError, match="not a loadable ONNX"):
        write_package(
            tmp_path / "p",
            fake,
            name="x",
            version="1",
            architecture="a",
            input_size=(416, 416),
            accept=0.5,
            accept_verified=0.4,
        )
    with pytest.raises(ModelPackageError, match="not found"):
        write_package(
            tmp_path / "p",
            tmp_path / "missing.onnx",
            name="x",
            version="1",
            architecture="a",
            input_size=(416, 416),
            accept=0.5,
            accept_verified=0.4,
        )


def test_write_package_refuses_thresholds_out_of_order(dev_package: Path, tmp_path: Path) -> None:
    for accept, accept_verified, words in (
        (0.4, 0.6, "accept_verified <= accept"),
        (0.6, 0.2, "confidence <= accept_verified"),  # below the candidate threshold 0.25
        (1.5, 0.5, r"thresholds\.accept must be a number in \[0, 1\]"),
    ):
        with pytest.raises(ModelPackageError, match=words):
            write_package(
                tmp_path / "p",
                dev_package / "model.onnx",
                name="x",
                version="1",
                architecture="yolo11n",
                input_size=(416, 416),
                accept=accept,
                accept_verified=accept_verified,
            )
    assert not (tmp_path / "p").exists()  # refused before anything is written


def test_rewriting_a_package_in_place_keeps_it_valid(dev_package: Path, tmp_path: Path) -> None:
    package = _copy(dev_package, tmp_path)
    again = write_package(
        package,
        package / "model.onnx",
        name="janji-detector-dev",
        version="0.0.1",
        architecture="yolo11n",
        input_size=(416, 416),
        accept=0.7,
        accept_verified=0.35,
        metrics={"janji_ap50": 0.5},
        model_card="# card\n",
    )
    assert again.version == "0.0.1"
    assert (again.confidence, again.accept, again.accept_verified) == (0.25, 0.7, 0.35)
    assert again.metrics == {"janji_ap50": 0.5}
    assert (package / "MODEL_CARD.md").read_text() == "# card\n"


def test_default_path_env_var_and_explicit_argument(
    monkeypatch: pytest.MonkeyPatch, repo_root: Path
) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert default_package_path() == repo_root / "models" / "janji-detector"
    monkeypatch.setenv(ENV_VAR, "/opt/models/x")
    assert default_package_path() == Path("/opt/models/x")
    assert resolve_package_path(None) == Path("/opt/models/x")
    assert resolve_package_path("/elsewhere") == Path("/elsewhere")


def test_env_var_selects_the_package_loaded(
    dev_package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(dev_package))
    assert load_package().path == dev_package


def test_write_package_refuses_a_folder_it_cannot_write(tmp_path: Path) -> None:
    onnx = tmp_path / "model.onnx"
    onnx.write_bytes(b"never loaded: the folder is refused first")
    taken = tmp_path / "taken"
    taken.write_text("mine")
    for folder, words in ((taken, "it is a file, not a folder"), (taken / "p", "cannot write")):
        with pytest.raises(ModelPackageError, match=words):
            write_package(
                folder,
                onnx,
                name="x",
                version="1",
                architecture="a",
                input_size=(416, 416),
                accept=0.5,
                accept_verified=0.4,
            )
    assert taken.read_text() == "mine"
