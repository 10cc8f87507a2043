"""Export a trained checkpoint to ONNX and write the model package serving loads.

Usage::

    python -m training.export --weights runs/janji-v1/weights/best.pt \
        --data data/synth --out models/janji-detector --version 1.0.0

Steps: the ``.pt`` is copied to a temporary folder (Ultralytics writes the export next to the
checkpoint and a second export would overwrite the first), exported to ONNX (opset 17, input
``1x3xHxW`` with H and W dynamic for rectangular inference, no NMS inside, simplified with
onnxslim when installed), with ``--int8`` quantized to int8 (``training.quantize``, calibrated
on photos of the training data's train split), and written as a staging model package through
``vision.model_package.write_package``. Its acceptance thresholds are then calibrated on the
dataset's val split or a development split (never test), the package is evaluated with them
on the test split through the serving pipeline (``training.evaluate``), and the final package
is written to ``--out`` with the metrics, the calibration sweep and a ``MODEL_CARD.md``.
Nothing is written to ``--out`` when a step fails.

Calibration: ``training.calibration`` (``--calibrate-on``, ``--calibrate-with-text``).
Where the package came from (dataset fingerprints, the commands that reproduce it):
``training.provenance``. Checks of a ``--metrics`` file: ``training.export_metrics``.
"""

from __future__ import annotations

import argparse
import importlib.util
import shlex
import shutil
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from training.average import AVERAGE_COMMAND, AVERAGED_FROM
from training.calibration import (
    CALIBRATION_SPLIT,
    VERIFIED_MARGIN,
    Calibration,
    CalibrationError,
    calibrate,
    default_accept_verified,
)
from training.card import CardFacts, render_model_card
from training.checkpoint import original_train_args
from training.empty_photos import EmptyPhotos, add_empty_photo_arguments, empty_photos_from
from training.evaluate import evaluate_package
from training.export_errors import ExportError
from training.export_metrics import (
    check_metrics_file,
    check_metrics_graph,
    check_metrics_thresholds,
    read_metrics,
)
from training.output_paths import OutputPathError, check_output_folder
from training.provenance import (
    dataset_command,
    evaluate_command,
    initial_weights,
    read_fingerprint,
    shown_path,
    train_command,
)
from training.served_outcomes import EvaluateError

DEFAULT_OPSET = 17
PACKAGE_NAME = "janji-detector"


@dataclass(frozen=True)
class CheckpointFacts:
    """What a training checkpoint records about its run.

    Attributes:
        architecture: Model name, e.g. ``yolo11n``.
        imgsz: Training input size in pixels.
        epochs: Epochs the run was configured for.
        epochs_trained: Epochs actually finished (rows of ``results.csv``), if known.
        data_yaml: The dataset yaml it trained on.
        train_args: All Ultralytics training arguments.
        val_metrics: Ultralytics validation metrics of the checkpoint.
        averaged_from: For a checkpoint written by ``janjicheck average``, the checkpoints it
            is the mean of (``path``, ``sha256``, 1-based ``epoch``); empty otherwise.
        average_command: The command that averaged it, or ``None``.

    """

    architecture: str
    imgsz: int
    epochs: int
    epochs_trained: int | None
    data_yaml: Path
    train_args: Mapping[str, Any]
    val_metrics: Mapping[str, float]
    averaged_from: tuple[Mapping[str, Any], ...] = ()
    average_command: str | None = None


def read_checkpoint(weights: Path) -> CheckpointFacts:
    """Read the training facts stored in an Ultralytics checkpoint.

    Args:
        weights: The ``.pt`` file (``best.pt`` or ``last.pt`` of a run).

    Raises:
        ExportError: If the file is missing or not an Ultralytics training checkpoint.

    """
    if not weights.is_file():
        raise ExportError(f"weights not found: {weights}")
    import torch

    from training.offline import load_ultralytics

    load_ultralytics()  # unpickling the checkpoint imports Ultralytics: configure it first

    try:
        ckpt = torch.load(weights, map_location="cpu", weights_only=False)
    except Exception as error:  # torch raises many types for a corrupt file
        raise ExportError(f"{weights} is not a readable checkpoint: {error}") from None
    if not isinstance(ckpt, dict) or not isinstance(ckpt.get("train_args"), dict):
        raise ExportError(f"{weights} has no training arguments: not an Ultralytics checkpoint")
    args = original_train_args(ckpt["train_args"])
    model = ckpt.get("model") or ckpt.get("ema")
    yaml_file = str(getattr(model, "yaml", {}).get("yaml_file", "")) if model is not None else ""
    architecture = Path(yaml_file).stem if yaml_file else Path(str(args.get("model", "?"))).stem
    results = weights.parent.parent / "results.csv"
    epochs_trained = None
    if results.is_file():
        epochs_trained = max(0, len(results.read_text(encoding="utf-8").splitlines()) - 1)
    metrics = ckpt.get("train_metrics") or {}
    averaged_from = tuple(ckpt.get(AVERAGED_FROM) or ())
    if averaged_from and epochs_trained is None:
        epochs_trained = max((s.get("epoch") or 0 for s in averaged_from), default=0) or None
    return CheckpointFacts(
        architecture=architecture,
        imgsz=int(args["imgsz"]),
        epochs=int(args.get("epochs", 0)),
        epochs_trained=epochs_trained,
        data_yaml=Path(str(args.get("data", ""))),
        train_args=args,
        val_metrics={str(k): round(float(v), 5) for k, v in metrics.items()},
        averaged_from=averaged_from,
        average_command=ckpt.get(AVERAGE_COMMAND),
    )


def export_onnx(weights: Path, imgsz: int, out_file: Path, opset: int = DEFAULT_OPSET) -> Path:
    """Export a checkpoint to an ONNX graph without NMS, height and width dynamic.

    The graph takes ``[1, 3, H, W]`` with H and W multiples of 32 up to ``imgsz``: photos are
    letterboxed to their own aspect (rectangular inference, as Ultralytics validates),
    not padded to a square.

    The checkpoint is copied to a temporary folder first, so the export never overwrites
    anything next to the original ``.pt``.

    Args:
        weights: The ``.pt`` checkpoint.
        imgsz: Training input size in pixels (the long side of the input).
        out_file: Where to write the ``.onnx``.
        opset: ONNX opset version.

    Returns:
        ``out_file``.

    Raises:
        ExportError: If the export fails.

    """
    from training.offline import load_ultralytics

    yolo_cls = load_ultralytics().YOLO
    simplify = importlib.util.find_spec("onnxslim") is not None
    with tempfile.TemporaryDirectory(prefix="janji-export-") as tmp:
        copy = Path(tmp) / weights.name
        shutil.copyfile(weights, copy)
        try:
            produced = yolo_cls(str(copy)).export(
                format="onnx",
                imgsz=imgsz,
                opset=opset,
                dynamic=True,
                batch=1,
                half=False,
                simplify=simplify,
                device="cpu",
            )
        except Exception as error:  # Ultralytics/torch.onnx raise many types
            raise ExportError(f"ONNX export of {weights} failed: {error}") from error
        if not produced or not Path(str(produced)).is_file():
            raise ExportError(f"ONNX export of {weights} produced no file")
        out_file.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(str(produced), out_file)
    return out_file


@dataclass(frozen=True)
class ExportOptions:
    """An export request.

    Attributes:
        weights: The ``.pt`` checkpoint.
        out: The package folder to write.
        dataset: The dataset folder whose ``split`` is evaluated (holding ``data.yaml``,
            ``fingerprint.txt``, manifest); ``None`` = the folder of the yaml the checkpoint
            trained on.
        version: Model version string.
        confidence: Package candidate threshold in ``[0, 1]``.
        iou: Package NMS IoU threshold in ``[0, 1]``.
        accept: Set ``accept`` by hand instead of calibrating it on val (``None`` =
            calibrate).
        accept_verified: Set ``accept_verified`` by hand (``None`` = ``min(accept,
            confidence + 0.1)``).
        opset: ONNX opset.
        evaluate: Evaluate the package on ``split`` and store the metrics.
        split: Dataset split for the stored metrics.
        metrics_file: Use these metrics (JSON from ``training.evaluate --json``) instead; they
            must be of the graph this export writes, with its thresholds, on ``split``.
        limit: Calibrate and evaluate on at most this many photos per split (``None`` = all).
        dataset_command: The command that generated the dataset, for the card; ``None``
            reconstructs one from the split sizes (generator defaults assumed).
        empty_photos: Also measure false accepts on these photos without Janji media.
        int8: Quantize the graph to int8 (``training.quantize``) before calibrating.
        int8_photos: Folder of calibration photos for ``int8``; ``None`` = the train split of
            the training data.
        calibrate_on: The dataset folder and split ``accept`` is calibrated on (never a
            ``test`` split); ``None`` = the val split of the data the checkpoint trained on.
        calibrate_with_text: Calibrate on what is served with the text check on.

    """

    weights: Path
    out: Path
    dataset: Path | None = None
    version: str = "0.1.0"
    confidence: float = 0.25
    iou: float = 0.7
    accept: float | None = None
    accept_verified: float | None = None
    opset: int = DEFAULT_OPSET
    evaluate: bool = True
    split: str = "test"
    metrics_file: Path | None = None
    limit: int | None = None
    dataset_command: str | None = None
    empty_photos: EmptyPhotos | None = None
    int8: bool = False
    int8_photos: Path | None = None
    calibrate_on: tuple[Path, str] | None = None
    calibrate_with_text: bool = False


def export_package(options: ExportOptions) -> Path:
    """Export ``options.weights`` to a model package and return the package folder.

    The package is assembled in a temporary folder (ONNX, calibration on val, evaluation on
    ``options.split``) and written to ``options.out`` only when every step succeeded. The
    ``--out`` folder and the ``--metrics`` file are checked before the export starts, and
    the metrics are checked to be of the exported graph and of the package's thresholds
    before the package is written.

    Raises:
        ExportError: If ``options.out`` is a file or cannot be written, the metrics file is
            not a JSON object or its metrics are not of this package (another split, another
            graph or none recorded, other thresholds), or a step fails (the message names it).

    """
    from training.splits import dataset_folder
    from vision.model_package import ONNX_FILE, ModelPackageError, sha256_file, write_package

    try:
        check_output_folder(options.out, "--out")
    except OutputPathError as error:
        raise ExportError(str(error)) from None
    given_metrics = None
    if options.metrics_file is not None:
        given_metrics = read_metrics(options.metrics_file)
        check_metrics_file(given_metrics, options.metrics_file, options.split)
    facts = read_checkpoint(options.weights)
    train_dir = facts.data_yaml.parent  # its val split calibrates the thresholds
    dataset_dir = dataset_folder(options.dataset or train_dir)  # its test split is evaluated
    training_facts: dict[str, Any] = {
        "data_fingerprint": read_fingerprint(train_dir),
        "dataset": shown_path(train_dir),
        "test_data_fingerprint": read_fingerprint(dataset_dir),
        "test_dataset": shown_path(dataset_dir),
        "epochs": facts.epochs_trained if facts.epochs_trained is not None else facts.epochs,
        "epochs_planned": facts.epochs,
        "imgsz": facts.imgsz,
        "batch": facts.train_args.get("batch"),
        "seed": facts.train_args.get("seed"),
        "dataset_command": options.dataset_command
        or " && ".join(dict.fromkeys(dataset_command(d) for d in (train_dir, dataset_dir))),
        "initial_weights": initial_weights(facts),
        "train_command": train_command(facts),
        "val_metrics_ultralytics": dict(facts.val_metrics),
        "export_command": export_command(options),
    }
    if facts.averaged_from:
        training_facts["averaged_from"] = [dict(s) for s in facts.averaged_from]
        training_facts["average_command"] = facts.average_command
    reproduce = evaluate_command(
        options.out, dataset_dir, options.split, options.empty_photos, options.limit
    )

    def write(
        folder: Path,
        onnx_file: Path,
        accept: float,
        accept_verified: float,
        metrics: dict[str, Any],
        card: str | None,
    ) -> None:
        try:
            write_package(
                folder,
                onnx_file,
                name=PACKAGE_NAME,
                version=options.version,
                architecture=facts.architecture,
                input_size=(facts.imgsz, facts.imgsz),
                accept=accept,
                accept_verified=accept_verified,
                confidence=options.confidence,
                iou=options.iou,
                training=training_facts,
                metrics=metrics,
                reproduce=reproduce,
                model_card=card,
            )
        except ModelPackageError as error:
            raise ExportError(str(error)) from None

    with tempfile.TemporaryDirectory(prefix="janji-onnx-") as tmp:
        staging = Path(tmp) / "package"
        onnx_file = export_onnx(
            options.weights, facts.imgsz, Path(tmp) / "model.onnx", options.opset
        )
        if options.int8:
            onnx_file = quantized(options, facts.imgsz, train_dir, onnx_file, training_facts)
        onnx_file = rewritten(onnx_file, facts.imgsz, training_facts)
        # Staging thresholds = the candidate threshold: calibration judges every detection.
        write(staging, onnx_file, options.confidence, options.confidence, {}, None)
        if given_metrics is not None:
            check_metrics_graph(
                given_metrics, options.metrics_file, sha256_file(staging / ONNX_FILE)
            )
        if options.accept is None:
            folder, split = options.calibrate_on or (train_dir, CALIBRATION_SPLIT)
            try:
                calibration = calibrate(
                    staging,
                    dataset_folder(folder),
                    options.limit,
                    split=split,
                    verify=options.calibrate_with_text,
                )
            except CalibrationError as error:
                raise ExportError(str(error)) from None
            calibration.record["dataset"] = shown_path(dataset_folder(folder))
        else:
            calibration = manual_calibration(options)
        write(staging, onnx_file, calibration.accept, calibration.accept_verified, {}, None)
        metrics: dict[str, Any] = {}
        if given_metrics is not None:
            served = {
                "confidence": options.confidence,
                "accept": calibration.accept,
                "accept_verified": calibration.accept_verified,
            }
            check_metrics_thresholds(given_metrics, options.metrics_file, served)
            metrics = given_metrics
        elif options.evaluate:
            try:
                metrics = evaluate_package(
                    staging,
                    dataset_dir,
                    options.split,
                    limit=options.limit,
                    empty_photos=options.empty_photos,
                )
            except EvaluateError as error:
                raise ExportError(
                    f"evaluation failed, nothing written to {options.out}: {error} "
                    "(--no-evaluate writes the package without metrics)"
                ) from None
        metrics = {**metrics, "calibration": calibration.record}
        card = render_model_card(
            CardFacts(
                name=PACKAGE_NAME,
                version=options.version,
                architecture=facts.architecture,
                imgsz=facts.imgsz,
                confidence=options.confidence,
                iou=options.iou,
                accept=calibration.accept,
                accept_verified=calibration.accept_verified,
                training=training_facts,
                metrics=metrics,
                reproduce=reproduce,
                export_command=export_command(options),
            )
        )
        write(
            options.out,
            staging / "model.onnx",
            calibration.accept,
            calibration.accept_verified,
            metrics,
            card,
        )
    return options.out


def quantized(
    options: ExportOptions,
    imgsz: int,
    train_dir: Path,
    onnx_file: Path,
    training_facts: dict[str, Any],
) -> Path:
    """Quantize the exported graph to int8 next to it; record how in ``training_facts``.

    Calibration letterboxes each photo at the input size ``imgsz`` (pixels) and at the
    detector's zoomed-out size, as serving does.

    Raises:
        ExportError: If the calibration photos or the quantization fail.

    """
    from training.quantize import QuantizeError, calibration_photos, quantize_graph
    from training.splits import SplitError, split_folders
    from vision.detector import DetectorOptions
    from vision.model_package import STRIDE

    try:
        folder = options.int8_photos or split_folders(train_dir, "train")[0]
        photos = calibration_photos(folder)
        out = onnx_file.with_name("model-int8.onnx")
        facts = quantize_graph(onnx_file, out, photos, DetectorOptions().pass_sides(imgsz), STRIDE)
    except (QuantizeError, SplitError) as error:
        raise ExportError(f"int8 quantization failed: {error}") from None
    training_facts["quantization"] = {**facts.record(), "photos_folder": shown_path(folder)}
    return out


def rewritten(onnx_file: Path, imgsz: int, training_facts: dict[str, Any]) -> Path:
    """Apply the graph rewrites that make onnxruntime faster (``training.graph_rewrite``).

    Writes the rewritten graph next to ``onnx_file`` and records the rewrites in
    ``training_facts`` (``graph_rewrites``); the outputs are checked to be unchanged at the
    input size ``imgsz`` and the zoomed-out pass's size (pixels).

    Raises:
        ExportError: If a rewrite fails or changes the outputs.

    """
    from training.graph_rewrite import GraphRewriteError, rewrite_graph
    from vision.detector import DetectorOptions

    out = onnx_file.with_name(f"{onnx_file.stem}-rewritten.onnx")
    try:
        applied = rewrite_graph(onnx_file, out, DetectorOptions().pass_sides(imgsz))
    except GraphRewriteError as error:
        raise ExportError(f"graph rewrite failed: {error}") from None
    if applied:
        training_facts["graph_rewrites"] = applied
    return out


def manual_calibration(options: ExportOptions) -> Calibration:
    """Return the thresholds set by hand in ``options`` (``accept`` must be set)."""
    if options.accept is None:
        raise ExportError("manual_calibration needs options.accept")
    accept_verified = (
        options.accept_verified
        if options.accept_verified is not None
        else default_accept_verified(options.accept, options.confidence)
    )
    record = {
        "method": "set by hand (--accept)",
        "accept": options.accept,
        "accept_verified": accept_verified,
    }
    return Calibration(options.accept, accept_verified, record)


def export_command(options: ExportOptions) -> str:
    """Return the ``training.export`` command equivalent to ``options``."""
    parts = [
        "python -m training.export",
        f"--weights {shlex.quote(str(options.weights))}",
        f"--out {shlex.quote(str(options.out))}",
        f"--version {shlex.quote(options.version)}",
        f"--conf {options.confidence}",
        f"--iou {options.iou}",
    ]
    if options.accept is not None:
        parts.append(f"--accept {options.accept}")
    if options.accept_verified is not None:
        parts.append(f"--accept-verified {options.accept_verified}")
    if options.dataset is not None:
        parts.append(f"--data {shlex.quote(str(options.dataset))}")
    if options.split != "test":
        parts.append(f"--split {options.split}")
    if options.limit is not None:
        parts.append(f"--limit {options.limit}")
    if options.empty_photos is not None:
        parts.append(options.empty_photos.flags())
    if options.int8:
        parts.append("--int8")
    if options.int8_photos is not None:
        parts.append(f"--int8-photos {shlex.quote(str(options.int8_photos))}")
    if options.calibrate_on is not None:
        folder, split = options.calibrate_on
        parts.append(f"--calibrate-on {shlex.quote(f'{folder}:{split}')}")
    if options.calibrate_with_text:
        parts.append("--calibrate-with-text")
    return " ".join(parts)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the export options to ``parser`` (shared by the CLI subcommand)."""
    parser.add_argument("--weights", type=Path, required=True, help="trained .pt checkpoint")
    parser.add_argument("--out", type=Path, help="package folder (default: <run>/package)")
    parser.add_argument("--data", type=Path, help="dataset folder (default: the one trained on)")
    parser.add_argument("--version", default="0.1.0", help="model version")
    parser.add_argument(
        "--conf", type=float, default=0.25, help="candidate confidence threshold 0-1"
    )
    parser.add_argument("--iou", type=float, default=0.7, help="NMS IoU threshold 0-1")
    parser.add_argument(
        "--accept",
        type=float,
        help="confidence 0-1 at which an unverified Janji detection counts "
        "(default: calibrated on the val split)",
    )
    parser.add_argument(
        "--accept-verified",
        type=float,
        help="confidence 0-1 at which a text-confirmed Janji detection counts "
        f"(default: min(accept, conf + {VERIFIED_MARGIN}))",
    )
    parser.add_argument(
        "--calibrate-on",
        metavar="DIR:SPLIT",
        help="calibrate `accept` on this split of a dataset, e.g. a development split "
        "(data/devpool-dev:dev); never a test split (default: the val split of the data "
        "the checkpoint trained on)",
    )
    parser.add_argument(
        "--calibrate-with-text",
        action="store_true",
        help="calibrate `accept` on what is served with the text check on (slower: reads "
        "the text of every photo's candidates); default: the detector's scores alone",
    )
    parser.add_argument("--opset", type=int, default=DEFAULT_OPSET)
    parser.add_argument("--split", default="test", help="split evaluated for the card")
    parser.add_argument(
        "--limit", type=int, help="calibrate and evaluate on at most N (>= 1) photos"
    )
    parser.add_argument(
        "--metrics",
        type=Path,
        help="metrics JSON from `evaluate --json` of this very graph and thresholds on --split "
        "(checked; default: the export evaluates the package)",
    )
    parser.add_argument("--dataset-command", help="command that generated the dataset (card)")
    parser.add_argument(
        "--no-evaluate", action="store_true", help="write the package without metrics"
    )
    parser.add_argument(
        "--int8",
        action="store_true",
        help="quantize the graph to int8 (faster on CPUs; calibrated on training photos)",
    )
    parser.add_argument(
        "--int8-photos",
        type=Path,
        metavar="DIR",
        help="calibration photos for --int8 (default: the training data's train split)",
    )
    add_empty_photo_arguments(parser)


def parse_calibrate_on(text: str) -> tuple[Path, str]:
    """Parse ``--calibrate-on DIR:SPLIT`` into a dataset folder and split.

    Raises:
        ExportError: If the text is not ``DIR:SPLIT``, names a test split (its numbers must
            stay unbiased), or the folder does not exist.

    """
    folder, sep, split = text.rpartition(":")
    if not sep or not folder or not split:
        raise ExportError(f"--calibrate-on {text!r}: write DIR:SPLIT, e.g. data/devpool-dev:dev")
    if split == "test":
        raise ExportError(
            f"--calibrate-on {text!r}: a test split is what the package's numbers mean and "
            "is never calibrated on; name a val or dev split"
        )
    if not Path(folder).is_dir():
        raise ExportError(f"--calibrate-on {text!r}: dataset folder not found: {folder}")
    return Path(folder), split


def options_from_namespace(ns: argparse.Namespace) -> ExportOptions:
    """Convert parsed arguments to :class:`ExportOptions`.

    Raises:
        ExportError: On an out-of-range or out-of-order threshold, a --limit below 1, or
            inconsistent options.

    """
    for flag, value in (
        ("--conf", ns.conf),
        ("--iou", ns.iou),
        ("--accept", ns.accept),
        ("--accept-verified", ns.accept_verified),
    ):
        if value is not None and not 0 <= value <= 1:
            raise ExportError(f"{flag} must lie in [0, 1], got {value}")
    if ns.limit is not None and ns.limit < 1:
        raise ExportError(f"--limit must be >= 1, got {ns.limit}")
    if ns.held_out_only and ns.empty_photos is None:
        raise ExportError("--held-out-only needs --empty-photos")
    if ns.empty_photos is not None and (ns.no_evaluate or ns.metrics is not None):
        raise ExportError("--empty-photos needs the export's own evaluation")
    if ns.empty_photos is not None and not ns.empty_photos.is_dir():
        raise ExportError(f"empty-photo folder not found: {ns.empty_photos}")
    if ns.int8_photos is not None and not ns.int8:
        raise ExportError("--int8-photos needs --int8")
    if ns.int8_photos is not None and not ns.int8_photos.is_dir():
        raise ExportError(f"int8 calibration photo folder not found: {ns.int8_photos}")
    calibrate_on = parse_calibrate_on(ns.calibrate_on) if ns.calibrate_on else None
    if calibrate_on is not None and ns.accept is not None:
        raise ExportError("--calibrate-on and --accept exclude each other")
    if ns.calibrate_with_text and ns.accept is not None:
        raise ExportError("--calibrate-with-text and --accept exclude each other")
    if ns.accept_verified is not None and ns.accept is None:
        raise ExportError("--accept-verified needs --accept (else both are calibrated on val)")
    if ns.accept is not None:
        accept_verified = (
            ns.accept_verified
            if ns.accept_verified is not None
            else default_accept_verified(ns.accept, ns.conf)
        )
        if not ns.conf <= accept_verified <= ns.accept:
            raise ExportError(
                "thresholds must satisfy --conf <= --accept-verified <= --accept, got "
                f"{ns.conf}, {accept_verified}, {ns.accept}"
            )
    out = ns.out or ns.weights.resolve().parent.parent / "package"
    return ExportOptions(
        weights=ns.weights,
        out=out,
        dataset=ns.data,
        version=ns.version,
        confidence=ns.conf,
        iou=ns.iou,
        accept=ns.accept,
        accept_verified=ns.accept_verified,
        opset=ns.opset,
        evaluate=not ns.no_evaluate,
        split=ns.split,
        metrics_file=ns.metrics,
        limit=ns.limit,
        dataset_command=ns.dataset_command,
        empty_photos=empty_photos_from(ns),
        int8=ns.int8,
        int8_photos=ns.int8_photos,
        calibrate_on=calibrate_on,
        calibrate_with_text=ns.calibrate_with_text,
    )


DESCRIPTION = "Export a checkpoint to ONNX and write the model package."


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add the ``janjicheck export`` subcommand to ``subparsers`` and return its parser."""
    parser = subparsers.add_parser("export", help=DESCRIPTION, description=DESCRIPTION)
    add_arguments(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run the export from parsed arguments; returns the process exit status."""
    try:
        out = export_package(options_from_namespace(args))
    except ExportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"Model package written to {out}")
    for name in ("model.onnx", "package.json", "MODEL_CARD.md"):
        print(f"  {out / name}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (``python -m training.export``); returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m training.export", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
