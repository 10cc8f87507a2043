"""Weight averaging: one checkpoint whose weights are the mean of several checkpoints.

The checkpoints of one training run, taken some epochs apart, lie close together, and the
uniform mean of their weights often generalises better than any one of them (stochastic weight
averaging: Izmailov et al., "Averaging Weights Leads to Wider Optima and Better
Generalization", 2018; Wortsman et al., "Model soups", 2022). Average checkpoints of one
lineage only: epochs of one run, or fine-tunes of one checkpoint. Batch-norm running statistics
are averaged like the weights. The result is a stripped checkpoint (float16 weights, no
optimizer) that ``janjicheck export`` exports and ``janjicheck train --model`` fine-tunes; it
records what it was averaged from (``averaged_from``) and the command that made it.

Usage::

    janjicheck average runs/janji-v12/weights/epoch3.pt runs/janji-v12/weights/epoch4.pt \
        runs/janji-v12/weights/epoch5.pt --out models/checkpoints/janji-v12-average.pt
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from training.checkpoint import (
    CheckpointError,
    load_training_checkpoint,
    original_train_args,
    same_file,
    save_checkpoint,
)
from training.output_paths import OutputPathError, check_output_file
from vision.model_package import sha256_file

DESCRIPTION = "Average the weights of several checkpoints of one training run into one checkpoint."
# Stored with the averaged checkpoint: what it came from, and the command that made it.
AVERAGED_FROM = "averaged_from"
AVERAGE_COMMAND = "average_command"


class AverageError(ValueError):
    """Checkpoints that cannot be averaged; the message says why."""


@dataclass(frozen=True)
class Source:
    """One averaged checkpoint.

    Attributes:
        path: The checkpoint file as given.
        sha256: SHA-256 of its bytes, hex.
        epoch: Its epoch, 1-based, or ``None`` when the checkpoint does not say (a stripped
            ``best.pt``/``last.pt``, or a mean written by this command).
        parts: How many checkpoints it is itself the mean of (0 for a checkpoint of a run).

    """

    path: str
    sha256: str
    epoch: int | None
    parts: int = 0

    def record(self) -> dict[str, Any]:
        """Return the JSON-ready record stored in the averaged checkpoint."""
        return {"path": self.path, "sha256": self.sha256, "epoch": self.epoch}

    def describe(self) -> str:
        """Say what the checkpoint is, for a person: its epoch, or the mean it holds."""
        if self.epoch is not None:
            return f"epoch {self.epoch}"
        if self.parts:
            return f"a mean of {self.parts}"
        return "epoch not recorded"


def checkpoint_epoch(ckpt: Mapping[str, Any]) -> int | None:
    """Return the 1-based epoch a checkpoint was saved after, or ``None`` when unknown."""
    epoch = ckpt.get("epoch")
    return int(epoch) + 1 if isinstance(epoch, int) and epoch >= 0 else None


def checkpoint_model(ckpt: Mapping[str, Any], path: Path) -> Any:
    """Return the weights a checkpoint serves: its EMA model, or its model when stripped.

    Raises:
        AverageError: If the checkpoint holds neither.

    """
    model = ckpt.get("ema") or ckpt.get("model")
    if model is None or not hasattr(model, "state_dict"):
        raise AverageError(f"{path} holds no model weights")
    return model


def mean_state(states: Sequence[Mapping[str, Any]], paths: Sequence[Path]) -> dict[str, Any]:
    """Return the element-wise mean of state dicts of one architecture.

    Floating-point tensors are averaged in float32; integer ones (batch-norm batch counters)
    are taken from the first state.

    Args:
        states: The models' ``state_dict()``s, at least two.
        paths: The checkpoint of each state, for error messages.

    Raises:
        AverageError: If the states differ in their tensors' names or shapes.

    """
    first = states[0]
    for state, path in zip(states[1:], paths[1:], strict=True):
        if state.keys() != first.keys():
            raise AverageError(f"{path} has another architecture than {paths[0]}")
        for name, tensor in state.items():
            if tensor.shape != first[name].shape:
                raise AverageError(
                    f"{path} has another architecture than {paths[0]}: {name} is "
                    f"{tuple(tensor.shape)}, not {tuple(first[name].shape)}"
                )
    mean: dict[str, Any] = {}
    for name, tensor in first.items():
        if tensor.is_floating_point():
            total = sum(state[name].float() for state in states)
            mean[name] = total / len(states)
        else:
            mean[name] = tensor.clone()
    return mean


def average_command(paths: Sequence[Path], out: Path) -> str:
    """Return the ``janjicheck average`` command that writes ``out`` from ``paths``."""
    quoted = [shlex.quote(str(p)) for p in paths]
    return " ".join(["janjicheck average", *quoted, "--out", shlex.quote(str(out))])


def average(paths: Sequence[Path], out: Path) -> list[Source]:
    """Write the checkpoint whose weights are the mean of ``paths``' weights.

    The result keeps the first checkpoint's training arguments (so ``export`` knows the run's
    dataset and input size; for a resumed run with the weights it started from, which
    Ultralytics overwrites on resume) and records the averaged checkpoints and the command.

    Args:
        paths: Two or more Ultralytics checkpoints of one run or lineage.
        out: The ``.pt`` to write (replaced atomically when it exists).

    Returns:
        The averaged checkpoints, in the order given.

    Raises:
        AverageError: On fewer than two checkpoints, a repeated one, an unreadable one,
            checkpoints of different architectures, classes or input sizes, or an ``out``
            that is one of them, a folder or cannot be written.

    """
    if len(paths) < 2:
        raise AverageError("give at least two checkpoints to average")
    if len({p.resolve() for p in paths}) < len(paths):
        raise AverageError("a checkpoint is given twice: each one counts once")
    if any(same_file(out, p) for p in paths):
        raise AverageError(f"--out {out} is one of the checkpoints to average")
    try:
        check_output_file(out, "--out")
        ckpts = [load_training_checkpoint(p) for p in paths]
    except (OutputPathError, CheckpointError) as error:
        raise AverageError(str(error)) from None
    models = [checkpoint_model(c, p) for c, p in zip(ckpts, paths, strict=True)]
    for ckpt, model, path in zip(ckpts[1:], models[1:], paths[1:], strict=True):
        if dict(getattr(model, "names", {})) != dict(getattr(models[0], "names", {})):
            raise AverageError(f"{path} detects other classes than {paths[0]}")
        if ckpt["train_args"].get("imgsz") != ckpts[0]["train_args"].get("imgsz"):
            raise AverageError(f"{path} was trained at another input size than {paths[0]}")
    mean = mean_state([m.float().state_dict() for m in models], paths)
    model = models[0]
    model.load_state_dict(mean)
    sources = [
        Source(str(p), sha256_file(p), checkpoint_epoch(c), len(c.get(AVERAGED_FROM) or ()))
        for p, c in zip(paths, ckpts, strict=True)
    ]
    first = ckpts[0]
    averaged: dict[str, Any] = {
        key: first[key] for key in ("date", "version", "license", "docs") if key in first
    }
    averaged.update(
        {
            "epoch": -1,
            "best_fitness": None,
            "model": model.half(),
            "ema": None,
            "updates": None,
            "optimizer": None,
            "train_args": original_train_args(first["train_args"]),
            "train_metrics": {},
            AVERAGED_FROM: [s.record() for s in sources],
            AVERAGE_COMMAND: average_command(paths, out),
        }
    )
    try:
        save_checkpoint(averaged, out)
    except CheckpointError as error:
        raise AverageError(str(error)) from None
    return sources


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the options of ``janjicheck average`` to ``parser`` and return it."""
    parser.add_argument(
        "checkpoints",
        type=Path,
        nargs="+",
        help="checkpoints of one run (e.g. runs/NAME/weights/epochN.pt, kept with --save-period), "
        "or fine-tunes of one checkpoint and their means",
    )
    parser.add_argument("--out", type=Path, required=True, help="averaged checkpoint to write")
    return parser


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add the ``janjicheck average`` subcommand to ``subparsers`` and return its parser."""
    return add_arguments(
        subparsers.add_parser("average", help=DESCRIPTION, description=DESCRIPTION)
    )


def run(args: argparse.Namespace) -> int:
    """Write the averaged checkpoint from parsed arguments; returns the exit status."""
    if args.out.suffix != ".pt":
        print(f"error: --out must end in .pt, got {args.out}", file=sys.stderr)
        return 2
    try:
        sources = average(args.checkpoints, args.out)
    except AverageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    parts = ", ".join(s.describe() for s in sources)
    print(f"Wrote {args.out}: the mean of {len(sources)} checkpoints ({parts}).")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (``python -m training.average``); returns the exit status."""
    parser = add_arguments(
        argparse.ArgumentParser(prog="python -m training.average", description=DESCRIPTION)
    )
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
