"""The model package: one folder holding the ONNX detector and what serving must know about it.

Layout (``janjicheck-model/1``)::

    model.onnx      YOLO detect graph: input ``images`` float32 [1, 3, H, W] RGB 0..1,
                    letterboxed (pad 114, centred); output [1, 4 + nc, A]
                    (cx, cy, w, h in input pixels, then class scores); no NMS inside.
                    H and W are fixed (the package's input size) or dynamic: then the
                    photo is letterboxed to its own aspect, each side padded to a
                    multiple of 32 up to the input size (rectangular inference).
    package.json    name, version, architecture, class_names, input size, thresholds
                    (candidate ``confidence``, NMS ``iou``, and the calibrated ``accept`` /
                    ``accept_verified`` that decide which Janji detections count, see
                    ``vision.acceptance``), onnx_sha256, created, training facts, metrics,
                    reproduce command.
    MODEL_CARD.md   what it was trained on, test metrics, the command reproducing them.

``load_package`` reads and checks a package; ``write_package`` is the only writer (the
training exporter calls it), so the format lives in this module alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from datasets.classes import load_classes

PACKAGE_FORMAT: Final = "janjicheck-model/1"
ONNX_FILE: Final = "model.onnx"
META_FILE: Final = "package.json"
CARD_FILE: Final = "MODEL_CARD.md"
ENV_VAR: Final = "JANJICHECK_MODEL"
MIN_INPUT: Final = 64
MAX_INPUT: Final = 2048
STRIDE: Final = 32


class ModelPackageError(Exception):
    """A model package is missing, malformed or inconsistent; the message says what to fix."""


@dataclass(frozen=True)
class ModelPackage:
    """A checked model package.

    Attributes:
        path: The package folder.
        name: Model name, e.g. ``janji-detector``.
        version: Model version string.
        architecture: e.g. ``yolo11n``.
        class_names: Class names in class-id order (equal to ``datasets/classes.yaml``).
        input_width: Network input width in pixels (the most, for a dynamic graph).
        input_height: Network input height in pixels (the most, for a dynamic graph).
        confidence: Candidate threshold in ``[0, 1]``: detections below it are not returned.
        iou: Default NMS IoU threshold, in ``[0, 1]``.
        accept: Confidence in ``[accept_verified, 1]`` at which a Janji detection whose text
            was not read (unread, unreadable or not checked) counts as Janji Layanan evidence.
        accept_verified: Confidence in ``[confidence, accept]`` at which a Janji detection
            whose text confirmed Janji Layanan counts. Both are calibrated per model version.
        onnx_sha256: Hex sha256 of ``model.onnx`` (checked on load).
        created: ISO-8601 creation time.
        training: Training facts (data fingerprint, epochs, imgsz, dataset).
        metrics: Evaluation metrics.
        reproduce: The command that reproduces the metrics.

    """

    path: Path
    name: str
    version: str
    architecture: str
    class_names: tuple[str, ...]
    input_width: int
    input_height: int
    confidence: float
    iou: float
    accept: float
    accept_verified: float
    onnx_sha256: str
    created: str
    training: Mapping[str, Any] = field(default_factory=dict)
    metrics: Mapping[str, Any] = field(default_factory=dict)
    reproduce: str = ""

    @property
    def onnx_path(self) -> Path:
        """Path of ``model.onnx``."""
        return self.path / ONNX_FILE

    @property
    def num_classes(self) -> int:
        """Number of classes."""
        return len(self.class_names)

    def summary(self) -> dict[str, Any]:
        """Return the ``model`` object of the ``detect --json`` output."""
        return {
            "name": self.name,
            "version": self.version,
            "architecture": self.architecture,
            "sha256": self.onnx_sha256,
            "input_size": [self.input_width, self.input_height],
            "class_names": list(self.class_names),
        }


def repo_root() -> Path:
    """Return the source tree's root folder (the parent of the ``vision`` package)."""
    return Path(__file__).resolve().parent.parent


def default_package_path() -> Path:
    """Return ``$JANJICHECK_MODEL`` if set, else ``models/janji-detector`` in the source tree."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    return repo_root() / "models" / "janji-detector"


def resolve_package_path(path: str | os.PathLike[str] | None = None) -> Path:
    """Return ``path`` if given, else the default package path (see ``default_package_path``)."""
    return Path(path).expanduser() if path is not None else default_package_path()


def sha256_file(path: Path) -> str:
    """Return the hex sha256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load_package(path: str | os.PathLike[str] | None = None) -> ModelPackage:
    """Read and check a model package.

    Checks the format tag, required fields, sha256 of ``model.onnx``, class names (must equal
    ``datasets/classes.yaml``), input size (multiple of 32, 64-2048 px) and thresholds
    (``confidence <= accept_verified <= accept``, all in ``[0, 1]``). The ONNX
    graph's input/output shapes are checked against this by ``check_io`` once a session exists.

    Args:
        path: Package folder; ``None`` = ``$JANJICHECK_MODEL`` or ``models/janji-detector``.

    Raises:
        ModelPackageError: With a message naming the package and the problem.

    """
    folder = resolve_package_path(path)
    if not folder.is_dir():
        raise ModelPackageError(f"model package not found: {folder} is not a folder")
    meta_path = folder / META_FILE
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelPackageError(f"model package {folder}: {META_FILE} is missing") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelPackageError(
            f"model package {folder}: {META_FILE} is unreadable: {exc}"
        ) from None
    package = parse_metadata(folder, meta)
    onnx_path = folder / ONNX_FILE
    if not onnx_path.is_file():
        raise ModelPackageError(f"model package {folder}: {ONNX_FILE} is missing")
    actual = sha256_file(onnx_path)
    if actual != package.onnx_sha256:
        raise ModelPackageError(
            f"model package {folder}: {ONNX_FILE} sha256 {actual[:12]}... does not match "
            f"package.json onnx_sha256 {package.onnx_sha256[:12]}... (file changed or corrupt)"
        )
    return package


def parse_metadata(folder: Path, meta: object) -> ModelPackage:
    """Validate ``package.json`` contents (no file access).

    Raises:
        ModelPackageError: If a field is missing or wrong.

    """

    def fail(problem: str) -> ModelPackageError:
        return ModelPackageError(f"model package {folder}: {META_FILE}: {problem}")

    if not isinstance(meta, dict):
        raise fail("must hold a JSON object")
    if meta.get("format") != PACKAGE_FORMAT:
        raise fail(f"format is {meta.get('format')!r}, expected {PACKAGE_FORMAT!r}")
    for key in ("name", "version", "onnx_sha256"):
        if not isinstance(meta.get(key), str) or not meta[key]:
            raise fail(f"{key!r} must be a non-empty string")
    names = meta.get("class_names")
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise fail("'class_names' must be a list of strings")
    expected = load_classes().names
    if tuple(names) != expected:
        raise fail(
            f"class_names {names} differ from datasets/classes.yaml {list(expected)}; "
            "the model was trained for another class list"
        )
    size = meta.get("input")
    if not isinstance(size, dict):
        raise fail("'input' must be an object with 'width' and 'height'")
    width, height = size.get("width"), size.get("height")
    for label, value in (("width", width), ("height", height)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise fail(f"input {label} must be an integer")
        if not MIN_INPUT <= value <= MAX_INPUT or value % STRIDE:
            raise fail(
                f"input {label} {value} must be a multiple of {STRIDE} in {MIN_INPUT}-{MAX_INPUT}"
            )
    thresholds = meta.get("thresholds")
    if not isinstance(thresholds, dict):
        raise fail("'thresholds' must be an object with confidence, iou, accept, accept_verified")
    for label in ("accept", "accept_verified"):
        if label not in thresholds:
            raise fail(
                f"thresholds.{label} is missing (acceptance thresholds are calibrated per model "
                "version: re-export the package with `python -m training.export`)"
            )
    conf = thresholds.get("confidence", 0.25)
    iou = thresholds.get("iou", 0.7)
    accept, accept_verified = thresholds["accept"], thresholds["accept_verified"]
    try:
        check_thresholds(conf, iou, accept, accept_verified)
    except ModelPackageError as error:
        raise fail(str(error)) from None
    digest = str(meta["onnx_sha256"]).lower()
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise fail("'onnx_sha256' must be 64 hex digits")
    training = meta.get("training", {})
    metrics = meta.get("metrics", {})
    if not isinstance(training, dict) or not isinstance(metrics, dict):
        raise fail("'training' and 'metrics' must be objects")
    return ModelPackage(
        path=folder,
        name=str(meta["name"]),
        version=str(meta["version"]),
        architecture=str(meta.get("architecture", "")),
        class_names=tuple(names),
        input_width=int(width),  # type: ignore[arg-type]
        input_height=int(height),  # type: ignore[arg-type]
        confidence=float(conf),
        iou=float(iou),
        accept=float(accept),
        accept_verified=float(accept_verified),
        onnx_sha256=digest,
        created=str(meta.get("created", "")),
        training=training,
        metrics=metrics,
        reproduce=str(meta.get("reproduce", "")),
    )


def check_io(
    package: ModelPackage,
    inputs: Sequence[tuple[str, Sequence[int | str | None]]],
    outputs: Sequence[tuple[str, Sequence[int | str | None]]],
) -> None:
    """Check the ONNX graph's input and output shapes against the package metadata.

    Args:
        package: The package.
        inputs: ``(name, shape)`` of each graph input; symbolic dims as str or None.
        outputs: ``(name, shape)`` of each graph output.

    Raises:
        ModelPackageError: If the graph is not a ``[1,3,H,W] -> [1, 4+nc, A]`` detector.

    """
    where = f"model package {package.path}: {ONNX_FILE}"
    if len(inputs) != 1:
        raise ModelPackageError(f"{where} has {len(inputs)} inputs, expected 1")
    in_shape = list(inputs[0][1])
    if len(in_shape) != 4:
        raise ModelPackageError(f"{where} input shape {in_shape} is not [1, 3, H, W]")
    expected_in: list[int] = [1, 3, package.input_height, package.input_width]
    for dim, want in zip(in_shape, expected_in, strict=True):
        if isinstance(dim, int) and dim != want:
            raise ModelPackageError(
                f"{where} input shape {in_shape} does not match package.json "
                f"input {package.input_width}x{package.input_height} (expected {expected_in})"
            )
    if len(outputs) < 1:
        raise ModelPackageError(f"{where} has no output")
    out_shape = list(outputs[0][1])
    channels = 4 + package.num_classes
    if len(out_shape) != 3 or (isinstance(out_shape[1], int) and out_shape[1] != channels):
        raise ModelPackageError(
            f"{where} output shape {out_shape} is not [1, {channels}, A] "
            "(export a YOLO detect graph without NMS / end-to-end head)"
        )
    anchors = out_shape[2]
    if isinstance(anchors, int):
        expected_anchors = sum(
            (package.input_width // s) * (package.input_height // s) for s in (8, 16, 32)
        )
        if anchors != expected_anchors:
            raise ModelPackageError(
                f"{where} output has {anchors} anchors; an input of "
                f"{package.input_width}x{package.input_height} gives {expected_anchors}"
            )


def write_package(
    out_dir: str | os.PathLike[str],
    onnx_file: str | os.PathLike[str],
    *,
    name: str,
    version: str,
    architecture: str,
    input_size: tuple[int, int],
    accept: float,
    accept_verified: float,
    confidence: float = 0.25,
    iou: float = 0.7,
    training: Mapping[str, Any] | None = None,
    metrics: Mapping[str, Any] | None = None,
    reproduce: str = "",
    model_card: str | None = None,
) -> ModelPackage:
    """Write a model package folder and return it loaded and checked.

    Args:
        out_dir: The package folder; created if needed; its three files are replaced.
        onnx_file: The exported ONNX graph to copy in as ``model.onnx``.
        name: Model name.
        version: Model version.
        architecture: e.g. ``yolo11n``.
        input_size: ``(width, height)`` of the network input in pixels.
        accept: Confidence in ``[accept_verified, 1]`` at which a Janji detection whose text
            was not read counts as Janji Layanan evidence (calibrated for this model).
        accept_verified: Confidence in ``[confidence, accept]`` at which a Janji detection
            whose text confirmed Janji Layanan counts.
        confidence: Candidate threshold in ``[0, 1]``: detections below it are not returned.
        iou: Default NMS IoU threshold in ``[0, 1]``.
        training: Training facts (``data_fingerprint``, ``epochs``, ``imgsz``, ``dataset``).
        metrics: Evaluation metrics (JSON-serialisable).
        reproduce: The command reproducing the metrics.
        model_card: Markdown for ``MODEL_CARD.md``; a minimal card is written when ``None``.

    Raises:
        ModelPackageError: If a threshold is out of range or out of order, ``out_dir`` is a
            file or cannot be written, or the result does not load and check (nothing
            half-written is left as ``package.json``).

    """
    folder = Path(out_dir)
    source = Path(onnx_file)
    check_thresholds(confidence, iou, accept, accept_verified)
    if not source.is_file():
        raise ModelPackageError(f"ONNX file not found: {source}")
    if folder.exists() and not folder.is_dir():
        raise ModelPackageError(f"cannot write model package {folder}: it is a file, not a folder")
    target = folder / ONNX_FILE
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if source.resolve() != target.resolve():
            shutil.copyfile(source, target)
    except OSError as error:
        raise ModelPackageError(f"cannot write model package {folder}: {error}") from None
    meta: dict[str, Any] = {
        "format": PACKAGE_FORMAT,
        "name": name,
        "version": version,
        "architecture": architecture,
        "class_names": list(load_classes().names),
        "input": {"width": int(input_size[0]), "height": int(input_size[1])},
        "thresholds": {
            "confidence": float(confidence),
            "iou": float(iou),
            "accept": float(accept),
            "accept_verified": float(accept_verified),
        },
        "onnx_sha256": sha256_file(target),
        "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "training": dict(training or {}),
        "metrics": dict(metrics or {}),
        "reproduce": reproduce,
    }
    package = parse_metadata(folder, meta)
    _check_graph(package, target)
    text = json.dumps(meta, indent=2, ensure_ascii=False) + "\n"
    tmp = folder / (META_FILE + ".tmp")
    card = model_card if model_card is not None else _minimal_card(meta)
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(folder / META_FILE)
        (folder / CARD_FILE).write_text(card, encoding="utf-8")
    except OSError as error:
        raise ModelPackageError(f"cannot write model package {folder}: {error}") from None
    return load_package(folder)


def check_thresholds(
    confidence: object, iou: object, accept: object, accept_verified: object
) -> None:
    """Check package thresholds: numbers in [0, 1], ``confidence <= accept_verified <= accept``.

    Raises:
        ModelPackageError: Naming the threshold that is wrong.

    """
    values: dict[str, float] = {}
    for label, value in (
        ("confidence", confidence),
        ("iou", iou),
        ("accept", accept),
        ("accept_verified", accept_verified),
    ):
        if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 1:
            raise ModelPackageError(f"thresholds.{label} must be a number in [0, 1], got {value!r}")
        values[label] = float(value)
    if not values["confidence"] <= values["accept_verified"] <= values["accept"]:
        raise ModelPackageError(
            "thresholds must satisfy confidence <= accept_verified <= accept, got "
            f"confidence {confidence}, accept_verified {accept_verified}, accept {accept}"
        )


def _check_graph(package: ModelPackage, onnx_path: Path) -> None:
    import onnxruntime as ort

    try:
        session = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own exception types
        raise ModelPackageError(f"{onnx_path} is not a loadable ONNX model: {exc}") from None
    check_io(
        package,
        [(i.name, list(i.shape)) for i in session.get_inputs()],
        [(o.name, list(o.shape)) for o in session.get_outputs()],
    )


def _minimal_card(meta: Mapping[str, Any]) -> str:
    lines = [
        f"# {meta['name']} {meta['version']}",
        "",
        f"- Architecture: {meta['architecture']}",
        f"- Input: {meta['input']['width']}x{meta['input']['height']} px",
        f"- Thresholds: {', '.join(f'{k} {v}' for k, v in meta['thresholds'].items())}",
        f"- Classes: {', '.join(meta['class_names'])}",
        f"- ONNX sha256: `{meta['onnx_sha256']}`",
        "",
        "## Metrics",
        "",
        "```json",
        json.dumps(meta["metrics"], indent=2),
        "```",
        "",
        f"Reproduce: `{meta['reproduce'] or 'not recorded'}`",
        "",
    ]
    return "\n".join(lines)
