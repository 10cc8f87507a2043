"""Train the Janji Check detector from scratch with Ultralytics, offline, on the CPU or a GPU.

Usage::

    python -m training.train --data DIR/data.yaml --model yolo11n.yaml --imgsz 416 \
        --epochs 25 --batch 16 --project runs --name janji-v1
    python -m training.train --project runs --name janji-v1 --resume   # continue after a stop
    python -m training.train --resume --from models/checkpoints/janji-v1-resume.pt \
        --project runs --name janji-v1    # continue from a compact checkpoint (a fresh clone)

The model is built from an architecture ``.yaml`` (no pretrained weights exist offline).
Results go to ``<project>/<name>/`` (``weights/best.pt``, ``weights/last.pt``,
``results.csv``, PNG plots). Ctrl-C stops cleanly; ``--resume`` continues from ``last.pt``,
or from a compact checkpoint (``training.checkpoint``) with ``--from``.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from datasets.classes import load_classes

# Augmentation for flat printed media photographed in rooms. Text is not mirror-symmetric, so
# no flips; small rotations/perspective (the generator already renders strong yaw); mosaic on
# for small, far posters; colour jitter for lighting.
AUGMENTATION: dict[str, float] = {
    "fliplr": 0.0,
    "flipud": 0.0,
    "mosaic": 1.0,
    "mixup": 0.0,
    "cutmix": 0.0,
    "hsv_h": 0.015,
    "hsv_s": 0.6,
    "hsv_v": 0.4,
    "degrees": 3.0,
    "shear": 1.0,
    "translate": 0.1,
    "scale": 0.5,
    "perspective": 0.0003,
}


# Optimizers a run may name; "auto" lets Ultralytics choose from the number of iterations.
OPTIMIZERS = ("auto", "SGD", "AdamW")


class TrainError(ValueError):
    """A training request that cannot run; the message says why and what to do."""


@dataclass(frozen=True)
class TrainOptions:
    """A training request as given on the command line.

    Attributes:
        data: Path of the dataset's ``data.yaml``; when resuming, only to point the run at its
            dataset's new location.
        model: Architecture yaml (e.g. ``yolo11n.yaml``) or a local ``.pt`` to fine-tune.
        imgsz: Square training input size in pixels (serve at the same size).
        epochs: Number of epochs.
        batch: Batch size in images.
        project: Folder holding runs.
        name: Run name; the run lives in ``project/name``.
        resume: Continue ``project/name/weights/last.pt``.
        resume_from: A compact checkpoint to restore into ``project/name`` before resuming.
        device: ``cpu``, a CUDA index such as ``0``, or ``None`` for automatic.
        hours: Optional wall-clock budget in hours (Ultralytics ``time``; overrides epochs).
        patience: Epochs without validation improvement before stopping early.
        close_mosaic: Final epochs trained without mosaic; ``None`` picks a fifth of the epochs.
        save_period: Keep a checkpoint every N epochs (``last.pt`` is saved every epoch).
        seed: Random seed (training is deterministic for a given seed and device).
        cache: ``"ram"``, ``"disk"`` or ``None``: cache decoded images between epochs.
        workers: Data-loading worker processes; ``None`` keeps Ultralytics' default (8 on a
            GPU; the CPU trains with none).
        optimizer: ``"auto"`` (Ultralytics picks the optimizer and its learning rate from the
            run's length), ``"SGD"`` or ``"AdamW"``.
        lr0: Initial learning rate of ``SGD``/``AdamW``; ``None`` keeps Ultralytics' 0.01.
            ``"auto"`` ignores it, so it needs an explicit optimizer.
        warmup_epochs: Epochs of learning-rate warm-up; ``None`` keeps Ultralytics' 3. A
            fine-tune of a converged checkpoint at a low rate needs none.
        lrf: Final learning rate as a fraction of ``lr0`` (the rate falls linearly to it);
            ``None`` keeps Ultralytics' 0.01. ``1`` keeps the rate constant, for epochs whose
            weights are averaged afterwards (``janjicheck average``).

    """

    data: Path | None
    model: str = "yolo11n.yaml"
    imgsz: int = 416
    epochs: int = 25
    batch: int = 16
    project: Path = Path("runs")
    name: str = "janji"
    resume: bool = False
    resume_from: Path | None = None
    device: str | None = "cpu"
    hours: float | None = None
    patience: int = 20
    close_mosaic: int | None = None
    save_period: int = 5
    seed: int = 0
    cache: str | None = None
    workers: int | None = None
    optimizer: str = "auto"
    lr0: float | None = None
    warmup_epochs: float | None = None
    lrf: float | None = None

    @property
    def run_dir(self) -> Path:
        """The run folder, absolute."""
        return (self.project / self.name).resolve()

    @property
    def last_checkpoint(self) -> Path:
        """The checkpoint ``--resume`` continues from."""
        return self.run_dir / "weights" / "last.pt"


def default_close_mosaic(epochs: int) -> int:
    """Return how many final epochs to train without mosaic: a fifth, between 1 and 10."""
    return max(1, min(10, epochs // 5))


def check_data_yaml(data: Path) -> dict[str, Any]:
    """Read a YOLO ``data.yaml`` and check it matches ``datasets/classes.yaml``.

    Args:
        data: Path of the ``data.yaml``.

    Returns:
        The parsed yaml.

    Raises:
        TrainError: If the file is missing or unreadable, lacks train/val, its split folders
            do not exist or hold no image, its ``names`` keys are not the ints ``0..n-1``, or
            its class names differ from ``classes.yaml`` (by name and order).

    """
    if not data.is_file():
        raise TrainError(
            f"dataset file not found: {data} (write one with `python -m datasets.synth`)"
        )
    try:
        config = yaml.safe_load(data.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise TrainError(f"cannot read {data}: {error}") from None
    if not isinstance(config, dict) or "train" not in config or "val" not in config:
        raise TrainError(f"{data}: not a YOLO data.yaml (needs 'train' and 'val')")
    names = class_name_list(data, config.get("names"))
    expected = list(load_classes().names)
    if names != expected:
        raise TrainError(f"{data}: class names {names} differ from classes.yaml {expected}")
    root = dataset_root(data, config)
    for split in ("train", "val"):
        folder = root / str(config[split])
        if not folder.exists():
            raise TrainError(f"{data}: {split} folder {folder} does not exist")
        if not has_images(folder):
            raise TrainError(
                f"{data}: {split} folder {folder} holds no image ({', '.join(TRAIN_SUFFIXES)})"
            )
    return dict(config)


# Image suffixes Ultralytics trains on (its IMG_FORMATS).
TRAIN_SUFFIXES = (".bmp", ".dng", ".jpeg", ".jpg", ".mpo", ".png", ".tif", ".tiff", ".webp")


def class_name_list(data: Path, names: Any) -> Any:
    """Return a data.yaml's ``names`` as a list in id order (a list is returned as is).

    Raises:
        TrainError: If ``names`` is a mapping whose keys are not the ints ``0..n-1``.

    """
    if not isinstance(names, dict):
        return names
    keys = list(names)
    if any(not isinstance(k, int) or isinstance(k, bool) for k in keys) or sorted(keys) != list(
        range(len(keys))
    ):
        raise TrainError(
            f"{data}: names keys must be the class ids 0..{len(keys) - 1} as integers, got {keys}"
        )
    return [names[k] for k in range(len(keys))]


def has_images(source: Path) -> bool:
    """Return whether a split source holds an image.

    A folder is searched recursively (as Ultralytics does); a ``.txt`` file must list at
    least one path.
    """
    if source.is_file():
        try:
            return any(line.strip() for line in source.read_text(encoding="utf-8").splitlines())
        except (OSError, UnicodeDecodeError):
            return False
    return any(p.is_file() and p.suffix.lower() in TRAIN_SUFFIXES for p in source.rglob("*"))


def dataset_root(data: Path, config: dict[str, Any]) -> Path:
    """Return the absolute dataset root of a ``data.yaml``.

    A missing ``path`` means the yaml's folder; a relative one is taken relative to the yaml's
    folder (Ultralytics itself would use the working directory or its global datasets folder).
    """
    root = Path(str(config.get("path") or "."))
    return root if root.is_absolute() else (data.parent / root).resolve()


def resolved_data_yaml(data: Path, config: dict[str, Any], run_dir: Path) -> Path:
    """Return a ``data.yaml`` whose dataset root Ultralytics resolves correctly.

    Ultralytics resolves a relative ``path`` against the working directory (or its global
    datasets folder). When the file's root is relative or missing, a copy with the absolute
    root (see ``dataset_root``) is written beside the run folder; otherwise the file itself
    is returned.

    Args:
        data: The original ``data.yaml``.
        config: Its parsed content.
        run_dir: The run folder (the copy goes to ``<run_dir>.data.yaml``).

    Returns:
        Absolute path of the yaml to train on.

    """
    root = config.get("path")
    if root is not None and Path(str(root)).is_absolute():
        return data.resolve()
    absolute = dataset_root(data, config)
    copy = run_dir.parent / f"{run_dir.name}.data.yaml"
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(yaml.safe_dump({**config, "path": str(absolute)}, sort_keys=False), "utf-8")
    return copy


def check_model_source(model: str) -> None:
    """Refuse a model that Ultralytics would try to download.

    Raises:
        TrainError: If ``model`` is a ``.pt`` that does not exist locally or not a model file.

    """
    if model.endswith((".yaml", ".yml")):
        return
    if model.endswith(".pt"):
        if Path(model).is_file():
            return
        raise TrainError(
            f"{model} is not a local file and no weights can be downloaded; "
            "train from an architecture yaml such as yolo11n.yaml or yolo26n.yaml"
        )
    raise TrainError(f"--model must be an architecture .yaml or a local .pt, got {model!r}")


def build_train_args(options: TrainOptions, data_yaml: Path) -> dict[str, Any]:
    """Return the Ultralytics ``train()`` arguments of a new run.

    Args:
        options: The request.
        data_yaml: The dataset yaml to train on (absolute).

    Returns:
        Keyword arguments for ``YOLO.train``.

    """
    close_mosaic = (
        default_close_mosaic(options.epochs)
        if options.close_mosaic is None
        else options.close_mosaic
    )
    args: dict[str, Any] = {
        "data": str(data_yaml),
        "imgsz": options.imgsz,
        "epochs": options.epochs,
        "batch": options.batch,
        "project": str(options.run_dir.parent),
        "name": options.run_dir.name,
        "exist_ok": True,
        # A local .pt is fine-tuned from its weights; Ultralytics drops them when this is False.
        "pretrained": options.model.endswith(".pt"),
        "amp": False,
        "plots": True,
        "seed": options.seed,
        "deterministic": True,
        "patience": options.patience,
        "close_mosaic": close_mosaic,
        "save_period": options.save_period,
        "cache": options.cache or False,
        "optimizer": options.optimizer,
        "val": True,
        "verbose": True,
        **AUGMENTATION,
    }
    if options.device is not None:
        args["device"] = options.device
    if options.hours is not None:
        args["time"] = options.hours
    if options.workers is not None:
        args["workers"] = options.workers
    if options.lr0 is not None:
        args["lr0"] = options.lr0
    if options.warmup_epochs is not None:
        args["warmup_epochs"] = options.warmup_epochs
    if options.lrf is not None:
        args["lrf"] = options.lrf
    return args


def build_resume_args(options: TrainOptions, data_yaml: Path | None = None) -> dict[str, Any]:
    """Return the Ultralytics ``train()`` arguments that continue a run.

    Only settings Ultralytics lets a resume change are passed: the run folder (so a run moved
    or restored elsewhere writes where it lies now), the dataset, device and time budget.

    Args:
        options: The request.
        data_yaml: The dataset yaml to continue on (absolute), or ``None`` to keep the run's.

    """
    args: dict[str, Any] = {"resume": True, "save_dir": str(options.run_dir)}
    if data_yaml is not None:
        args["data"] = str(data_yaml)
    if options.device is not None:
        args["device"] = options.device
    if options.hours is not None:
        args["time"] = options.hours
    return args


def parse_args(argv: list[str] | None) -> TrainOptions:
    """Parse the command line into :class:`TrainOptions`."""
    parser = argparse.ArgumentParser(prog="python -m training.train", description=DESCRIPTION)
    add_arguments(parser)
    return options_from_namespace(parser.parse_args(argv))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the training options to ``parser`` (shared by the CLI subcommand)."""
    parser.add_argument("--data", type=Path, help="dataset data.yaml (not needed with --resume)")
    parser.add_argument("--model", default="yolo11n.yaml", help="architecture yaml or local .pt")
    parser.add_argument("--imgsz", type=int, default=416, help="input size in pixels")
    parser.add_argument("--epochs", type=int, default=25)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--project", type=Path, default=Path("runs"), help="folder of runs")
    parser.add_argument("--name", default="janji", help="run name (folder under --project)")
    parser.add_argument("--resume", action="store_true", help="continue project/name last.pt")
    parser.add_argument(
        "--from",
        type=Path,
        dest="resume_from",
        help="with --resume: a compact checkpoint (python -m training.checkpoint) to continue",
    )
    parser.add_argument("--device", default="cpu", help="cpu, 0 (CUDA), or auto")
    parser.add_argument("--time", type=float, dest="hours", help="time budget in hours")
    parser.add_argument("--patience", type=int, default=20, help="early-stop patience, epochs")
    parser.add_argument("--close-mosaic", type=int, help="final epochs without mosaic")
    parser.add_argument("--save-period", type=int, default=5, help="keep a checkpoint every N")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache", choices=("ram", "disk"), help="cache decoded images")
    parser.add_argument("--workers", type=int, help="data-loading processes (GPU default 8)")
    parser.add_argument(
        "--optimizer",
        choices=OPTIMIZERS,
        default="auto",
        help="auto picks the optimizer and its rate from the run's length",
    )
    parser.add_argument("--lr0", type=float, help="initial learning rate (with SGD or AdamW)")
    parser.add_argument(
        "--warmup-epochs", type=float, help="learning-rate warm-up in epochs (default 3)"
    )
    parser.add_argument(
        "--lrf",
        type=float,
        help="final learning rate as a fraction of lr0 (default 0.01; 1 keeps it constant)",
    )


def options_from_namespace(ns: argparse.Namespace) -> TrainOptions:
    """Convert parsed arguments to :class:`TrainOptions`, validating ranges.

    Raises:
        TrainError: On a missing ``--data`` or an out-of-range number.

    """
    if not ns.resume and ns.data is None:
        raise TrainError("--data is required (or --resume to continue a run)")
    if ns.resume_from is not None and not ns.resume:
        raise TrainError("--from names a checkpoint to continue: use it with --resume")
    for flag, value, low in (
        ("--imgsz", ns.imgsz, 32),
        ("--epochs", ns.epochs, 1),
        ("--batch", ns.batch, 1),
        ("--patience", ns.patience, 1),
        ("--workers", 0 if ns.workers is None else ns.workers, 0),
    ):
        if value < low:
            raise TrainError(f"{flag} must be >= {low}, got {value}")
    if ns.imgsz % 32:
        raise TrainError(f"--imgsz must be a multiple of 32, got {ns.imgsz}")
    if ns.hours is not None and ns.hours <= 0:
        raise TrainError(f"--time must be > 0 hours, got {ns.hours}")
    if ns.lr0 is not None and not 0 < ns.lr0 < 1:
        raise TrainError(f"--lr0 must be between 0 and 1, got {ns.lr0}")
    if ns.lr0 is not None and ns.optimizer == "auto":
        raise TrainError(
            "--lr0 needs --optimizer SGD or AdamW: the auto optimizer picks its own rate"
        )
    if ns.warmup_epochs is not None and ns.warmup_epochs < 0:
        raise TrainError(f"--warmup-epochs must be >= 0, got {ns.warmup_epochs}")
    if ns.lrf is not None and not 0 < ns.lrf <= 1:
        raise TrainError(f"--lrf must be above 0 and at most 1, got {ns.lrf}")
    return TrainOptions(
        data=ns.data,
        model=ns.model,
        imgsz=ns.imgsz,
        epochs=ns.epochs,
        batch=ns.batch,
        project=ns.project,
        name=ns.name,
        resume=ns.resume,
        resume_from=ns.resume_from,
        device=None if ns.device == "auto" else ns.device,
        hours=ns.hours,
        patience=ns.patience,
        close_mosaic=ns.close_mosaic,
        save_period=ns.save_period,
        seed=ns.seed,
        cache=ns.cache,
        workers=ns.workers,
        optimizer=ns.optimizer,
        lr0=ns.lr0,
        warmup_epochs=ns.warmup_epochs,
        lrf=ns.lrf,
    )


def resume_command(options: TrainOptions) -> str:
    """Return the shell command that continues this run."""
    return (
        f"python -m training.train --resume --project {options.project} --name {options.name}"
        + (f" --device {options.device}" if options.device else "")
    )


def use_every_core(trainer: Any) -> None:
    """Ultralytics callback: let torch compute on every CPU core when training on the CPU.

    Ultralytics leaves one core free (``NUM_THREADS = cpu_count - 1``), which on a 2-core
    machine halves the speed of a run that loads its data in the same process anyway.
    """
    if trainer.device.type == "cpu":
        import torch

        torch.set_num_threads(os.cpu_count() or 1)


def train(options: TrainOptions) -> Path:
    """Run (or resume) training.

    Args:
        options: The request.

    Returns:
        The run folder holding ``weights/best.pt`` and the plots.

    Raises:
        TrainError: If the request cannot run (see the message).
        KeyboardInterrupt: On Ctrl-C (``last.pt`` keeps the last finished epoch).

    """
    from training.offline import load_ultralytics

    if options.resume:
        return resume(options)

    assert options.data is not None  # checked by options_from_namespace
    check_model_source(options.model)
    config = check_data_yaml(options.data)
    if options.last_checkpoint.exists():
        raise TrainError(
            f"{options.run_dir} already holds a run; "
            "continue it with --resume or pick another --name"
        )
    data_yaml = resolved_data_yaml(options.data, config, options.run_dir)
    yolo = load_ultralytics().YOLO(options.model)
    yolo.add_callback("on_train_start", use_every_core)
    yolo.train(**build_train_args(options, data_yaml))
    trainer = yolo.trainer
    return Path(trainer.save_dir) if trainer is not None else options.run_dir


def resume(options: TrainOptions) -> Path:
    """Continue a run from its ``last.pt``, restored first from ``--from`` when given.

    Returns:
        The run folder.

    Raises:
        TrainError: If there is nothing to continue, the checkpoint cannot be restored, or
            the run's dataset is missing and no ``--data`` says where it lies now.

    """
    from training.checkpoint import (
        CheckpointError,
        check_unfinished,
        load_training_checkpoint,
        write_run,
    )
    from training.offline import load_ultralytics

    data_yaml = None
    if options.data is not None:
        config = check_data_yaml(options.data)
        data_yaml = resolved_data_yaml(options.data, config, options.run_dir)
    source = options.resume_from or options.last_checkpoint
    if not source.is_file():
        raise TrainError(f"nothing to resume: {source} does not exist")
    try:
        ckpt = load_training_checkpoint(source)
        check_unfinished(ckpt, source)
    except CheckpointError as error:
        raise TrainError(str(error)) from None
    run_data = Path(str(ckpt["train_args"].get("data", "")))
    if data_yaml is None and not run_data.is_file():
        raise TrainError(
            f"the run's dataset {run_data} is missing: pass --data with its data.yaml "
            "(regenerate it with the command in the dataset's command.txt)"
        )
    if options.resume_from is not None:
        try:
            write_run(options.resume_from, ckpt, options.run_dir)
        except CheckpointError as error:
            raise TrainError(str(error)) from None
    yolo = load_ultralytics().YOLO(str(options.last_checkpoint))
    yolo.add_callback("on_train_start", use_every_core)
    yolo.train(**build_resume_args(options, data_yaml))
    return options.run_dir


def report(run_dir: Path) -> str:
    """Return a short text naming where the run's results are."""
    lines = [f"Results in {run_dir}"]
    for label, rel in (
        ("best weights", "weights/best.pt"),
        ("last weights", "weights/last.pt"),
        ("metrics per epoch", "results.csv"),
        ("training curves", "results.png"),
    ):
        path = run_dir / rel
        if path.exists():
            lines.append(f"  {label:18s} {path}")
    best = run_dir / "weights" / "best.pt"
    if best.exists():
        lines.append(
            f"Next: python -m training.export --weights {best} --out models/janji-detector "
            "--version VERSION"
        )
    return "\n".join(lines)


DESCRIPTION = "Train the Janji Check detector from scratch (offline Ultralytics)."


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add the ``janjicheck train`` subcommand to ``subparsers`` and return its parser."""
    parser = subparsers.add_parser("train", help=DESCRIPTION, description=DESCRIPTION)
    add_arguments(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run training from parsed arguments; returns the process exit status."""
    try:
        options = options_from_namespace(args)
    except TrainError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        run_dir = train(options)
    except TrainError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(
            f"\nInterrupted. The last finished epoch is in {options.last_checkpoint}.\n"
            f"Continue with: {resume_command(options)}",
            file=sys.stderr,
        )
        return 130
    print(report(run_dir))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (``python -m training.train``); returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m training.train", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
