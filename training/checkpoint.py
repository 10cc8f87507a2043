"""Compact checkpoints of an unfinished training run, small enough to commit, and their restore.

A CPU training run outlasts a working session. Ultralytics' ``last.pt`` can continue it, but
with AdamW its optimizer state (two float32 moment buffers per weight) is four times the size
of the float16 EMA weights: 26 MB for yolo11n. A compact checkpoint keeps everything and
stores the optimizer's floating-point state in bfloat16, which has float32's range and 8 bits
of mantissa (a relative error below 0.4% on the moment estimates); torch casts it back to the
parameters' float32 when the resume loads it. For yolo11n the file is about 16 MB.

Usage::

    python -m training.checkpoint runs/janji-v6 --out models/checkpoints/janji-v6-resume.pt
    python -m training.train --resume --from models/checkpoints/janji-v6-resume.pt \
        --project runs --name janji-v6 [--data data/synth-v2/data.yaml]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import pickle
import shutil
import sys
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from training.offline import load_ultralytics
from training.output_paths import OutputPathError, check_output_file

COMPACT_SUFFIX = ".pt"


class CheckpointError(ValueError):
    """A checkpoint that cannot be compacted or restored; the message says why."""


@dataclass(frozen=True)
class CompactReport:
    """What :func:`compact` wrote.

    Attributes:
        path: The compact checkpoint.
        source_bytes: Size of the run's ``last.pt``, in bytes.
        compact_bytes: Size of the compact checkpoint, in bytes.
        epochs_done: Epochs finished (1-based count).
        epochs: Epochs the run was started for.

    """

    path: Path
    source_bytes: int
    compact_bytes: int
    epochs_done: int
    epochs: int


def load_training_checkpoint(path: Path) -> dict[str, Any]:
    """Load an Ultralytics training checkpoint onto the CPU.

    Args:
        path: A ``last.pt`` or a compact checkpoint.

    Raises:
        CheckpointError: If the file is missing, unreadable, or not a training checkpoint.

    """
    if not path.is_file():
        raise CheckpointError(f"checkpoint not found: {path}")
    if not zipfile.is_zipfile(path):  # torch.save writes a zip archive
        raise CheckpointError(f"cannot read checkpoint {path}: not a torch checkpoint file")
    load_ultralytics()  # the pickled model classes come from Ultralytics
    import torch

    try:
        # Ultralytics pickles its model objects, so weights_only loading cannot read them.
        ckpt = torch.load(path, map_location="cpu", weights_only=False)
    except (OSError, RuntimeError, EOFError, pickle.UnpicklingError, AttributeError) as error:
        raise CheckpointError(f"cannot read checkpoint {path}: {error}") from None
    if not isinstance(ckpt, dict) or not isinstance(ckpt.get("train_args"), dict):
        raise CheckpointError(f"{path} is not an Ultralytics training checkpoint")
    return ckpt


def resumed_run_model(args: Mapping[str, Any]) -> str | None:
    """Return the model a resumed run started from, or ``None`` when no record of it is left.

    A resumed run records its own ``weights/last.pt`` as its model; the epoch checkpoints it
    kept before the resume (``--save-period``) still name the one it started from.

    Args:
        args: The checkpoint's training arguments (with ``resume`` set).

    """
    import torch

    weights_dir = Path(str(args.get("model", ""))).parent
    if not weights_dir.is_dir():
        return None

    def number(path: Path) -> int:
        digits = path.stem.removeprefix("epoch")
        return int(digits) if digits.isdigit() else sys.maxsize

    for epoch_file in sorted(weights_dir.glob("epoch*.pt"), key=number):
        try:
            earlier = torch.load(epoch_file, map_location="cpu", weights_only=False)
        except Exception:  # torch raises many types; an unreadable epoch file tells nothing
            continue
        earlier_args = earlier.get("train_args") if isinstance(earlier, dict) else None
        if isinstance(earlier_args, dict) and not earlier_args.get("resume"):
            return str(earlier_args.get("model"))
    return None


def original_train_args(args: dict[str, Any]) -> dict[str, Any]:
    """Return a checkpoint's training arguments with a resumed run's starting weights restored.

    Args:
        args: The checkpoint's ``train_args``.

    Returns:
        ``args`` itself for a run that was never resumed (or whose start is no longer on
        record), else a copy whose ``model`` is the weights the run started from.

    """
    if not args.get("resume"):
        return args
    started_from = resumed_run_model(args)
    return args if started_from is None else {**args, "model": started_from}


def check_unfinished(ckpt: dict[str, Any], path: Path) -> None:
    """Refuse a checkpoint of a finished run (Ultralytics strips the optimizer at the end).

    Raises:
        CheckpointError: If there is no epoch or optimizer state to continue from.

    """
    if int(ckpt.get("epoch", -1)) < 0 or ckpt.get("optimizer") is None:
        raise CheckpointError(
            f"{path} is of a finished run: nothing to continue (start a new --name)"
        )


def compact_optimizer_state(state: dict[str, Any]) -> dict[str, Any]:
    """Return an optimizer ``state_dict`` with its floating-point buffers in bfloat16.

    Step counters and the parameter groups are kept as they are.
    """
    import torch

    def shrink(key: str, value: Any) -> Any:
        if key != "step" and torch.is_tensor(value) and value.is_floating_point():
            return value.to(torch.bfloat16)
        return value

    buffers = {
        index: {key: shrink(key, value) for key, value in entry.items()}
        for index, entry in state["state"].items()
    }
    return {**state, "state": buffers}


def compact(run_dir: Path, out: Path) -> CompactReport:
    """Write a compact, resumable copy of a run's ``weights/last.pt``.

    Args:
        run_dir: The run folder (``project/name``).
        out: The compact checkpoint to write (replaced atomically when it exists); never the
            run's own ``last.pt``.

    Raises:
        CheckpointError: If ``out`` is the run's ``last.pt``, a folder or cannot be written,
            or the run has no ``last.pt``, it cannot be read, or it is finished.

    """
    last = run_dir / "weights" / "last.pt"
    if same_file(out, last):
        raise CheckpointError(
            f"--out {out} is the run's own last.pt, which the compact copy would replace: "
            "write it elsewhere (e.g. models/checkpoints/NAME-resume.pt)"
        )
    try:
        check_output_file(out, "--out")
    except OutputPathError as error:
        raise CheckpointError(str(error)) from None
    ckpt = load_training_checkpoint(last)
    check_unfinished(ckpt, last)
    ckpt["optimizer"] = compact_optimizer_state(ckpt["optimizer"])
    save_checkpoint(ckpt, out)
    return CompactReport(
        path=out,
        source_bytes=last.stat().st_size,
        compact_bytes=out.stat().st_size,
        epochs_done=int(ckpt["epoch"]) + 1,
        epochs=int(ckpt["train_args"].get("epochs", 0)),
    )


def same_file(a: Path, b: Path) -> bool:
    """Return whether the paths ``a`` and ``b`` name one file (also through links)."""
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist
        return False


def save_checkpoint(ckpt: Mapping[str, Any], out: Path) -> None:
    """Write a checkpoint to ``out`` atomically: to ``out.partial``, then renamed.

    Raises:
        CheckpointError: If it cannot be written; ``out`` is then as it was and no
            ``.partial`` file is left.

    """
    import torch

    partial = out.with_name(out.name + ".partial")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        torch.save(ckpt, partial)
        partial.replace(out)
    except (OSError, RuntimeError) as error:  # torch reports a failed write as RuntimeError
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise CheckpointError(f"cannot write {out}: {error}") from None


def write_run(checkpoint: Path, ckpt: dict[str, Any], run_dir: Path) -> None:
    """Make ``run_dir`` a run that ``--resume`` continues from ``checkpoint``.

    Writes ``weights/last.pt`` and, from the metrics the checkpoint carries, ``results.csv``
    (so the curves of the earlier epochs are kept).

    Args:
        checkpoint: A compact checkpoint (or any unfinished ``last.pt``), copied as it is.
        ckpt: Its contents, already read and checked with :func:`load_training_checkpoint`
            and :func:`check_unfinished`.
        run_dir: The run folder to create.

    Raises:
        CheckpointError: If ``run_dir`` already holds a run.

    """
    last = run_dir / "weights" / "last.pt"
    if last.exists():
        raise CheckpointError(
            f"{run_dir} already holds a run: continue it with --resume (without --from) "
            "or pick another --name"
        )
    last.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(checkpoint, last)
    results = ckpt.get("train_results")
    if isinstance(results, dict) and results:
        write_results_csv(results, run_dir / "results.csv")


def write_results_csv(columns: dict[str, list[Any]], path: Path) -> None:
    """Write per-epoch metrics (column name to values, one per epoch) as ``results.csv``."""
    names = list(columns)
    rows = zip(*(columns[name] for name in names), strict=False)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        writer.writerows(rows)


DESCRIPTION = "Write a compact, resumable checkpoint of an unfinished training run."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``janjicheck checkpoint`` to ``parser``."""
    parser.add_argument("run", type=Path, help="run folder (project/name) holding weights/last.pt")
    parser.add_argument("--out", type=Path, required=True, help="compact checkpoint to write")


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add the ``janjicheck checkpoint`` subcommand to ``subparsers`` and return its parser."""
    parser = subparsers.add_parser("checkpoint", help=DESCRIPTION, description=DESCRIPTION)
    add_arguments(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Write the compact checkpoint from parsed arguments; returns the process exit status."""
    if args.out.suffix != COMPACT_SUFFIX:
        print(f"error: --out must end in {COMPACT_SUFFIX}, got {args.out}", file=sys.stderr)
        return 2
    try:
        report = compact(args.run, args.out)
    except CheckpointError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(
        f"Wrote {report.path} ({report.compact_bytes / 1e6:.1f} MB, "
        f"{report.source_bytes / 1e6:.1f} MB before): epoch {report.epochs_done} of "
        f"{report.epochs} done.\n"
        f"Continue with: python -m training.train --resume --from {report.path} "
        "--project PROJECT --name NAME [--data DATA_YAML]"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (``python -m training.checkpoint``); returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m training.checkpoint", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
