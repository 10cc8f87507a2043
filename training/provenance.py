"""Where a model package came from: its datasets and the commands that reproduce it.

The exporter records these facts in ``package.json`` and the model card; re-measuring a
package (``training.remeasure``, ``training.evaluate --update-package / --record``) records
them for the datasets it measures on.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from training.empty_photos import EmptyPhotos
    from training.export import CheckpointFacts


def read_fingerprint(dataset_dir: Path) -> str:
    """Return the dataset's ``fingerprint.txt`` content (stripped), or ``"unknown"``."""
    path = dataset_dir / "fingerprint.txt"
    if path.is_file():
        return path.read_text(encoding="utf-8").strip() or "unknown"
    return "unknown"


def dataset_command(dataset_dir: Path) -> str:
    """Return the command that generated the dataset (its ``command.txt``).

    Without that file, a ``datasets.synth`` command with the dataset's split sizes and the
    generator's default seed and image size; the fingerprint tells whether a regenerated
    dataset is the same.
    """
    recorded = dataset_dir / "command.txt"
    if recorded.is_file():
        return recorded.read_text(encoding="utf-8").strip()
    counts = []
    for split in ("train", "val", "test"):
        folder = dataset_dir / "images" / split
        n = sum(1 for p in folder.iterdir() if p.is_file()) if folder.is_dir() else 0
        counts.append(f"--{split} {n}")
    return (
        f"python -m datasets.synth --out {shlex.quote(str(dataset_dir))} "
        f"--backgrounds INDOOR_PHOTOS_DIR {' '.join(counts)}"
    )


def shown_path(path: Path | str) -> str:
    """Return ``path`` relative to the working directory when it lies inside it (portable)."""
    resolved = Path(path).resolve()
    try:
        return str(resolved.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def initial_weights(facts: CheckpointFacts) -> str | None:
    """Return the checkpoint a fine-tuning run started from (shown path), or ``None``."""
    model = str(facts.train_args.get("model", ""))
    return shown_path(model) if model.endswith(".pt") else None


def train_command(facts: CheckpointFacts) -> str:
    """Return the ``training.train`` command that reproduces the checkpoint's run."""
    args = facts.train_args
    parts = [
        "python -m training.train",
        f"--data {shlex.quote(shown_path(facts.data_yaml))}",
        f"--model {shlex.quote(initial_weights(facts) or facts.architecture + '.yaml')}",
        f"--imgsz {facts.imgsz}",
        f"--epochs {facts.epochs}",
        f"--batch {args.get('batch', 16)}",
        f"--seed {args.get('seed', 0)}",
        f"--patience {args.get('patience', 20)}",
        f"--close-mosaic {args.get('close_mosaic', 10)}",
        f"--project {shlex.quote(shown_path(str(args.get('project', 'runs'))))}",
        f"--name {shlex.quote(str(args.get('name', 'janji')))}",
    ]
    if args.get("time"):
        parts.append(f"--time {args['time']}")
    optimizer = str(args.get("optimizer", "auto"))
    if optimizer != "auto":  # "auto" chooses its own rate; an explicit one was given with lr0
        parts.append(f"--optimizer {optimizer} --lr0 {args.get('lr0', 0.01)}")
    if args.get("warmup_epochs", 3.0) != 3.0:
        parts.append(f"--warmup-epochs {args['warmup_epochs']}")
    if args.get("save_period", 5) != 5:
        parts.append(f"--save-period {args['save_period']}")
    if args.get("lrf", 0.01) != 0.01:
        parts.append(f"--lrf {args['lrf']}")
    return " ".join(parts)


def evaluate_command(
    package_dir: Path,
    dataset_dir: Path,
    split: str,
    empty_photos: EmptyPhotos | None = None,
    limit: int | None = None,
) -> str:
    """Return the ``training.evaluate`` command that reproduces the package's metrics.

    Args:
        package_dir: The model package folder.
        dataset_dir: The evaluated dataset folder.
        split: The evaluated split.
        empty_photos: The empty-photo set evaluated with it, if any.
        limit: The number of photos the metrics were measured on (``None``: all).

    """
    command = (
        f"python -m training.evaluate --package {shlex.quote(str(package_dir))} "
        f"--data {shlex.quote(str(dataset_dir))} --split {split}"
    )
    if limit is not None:
        command = f"{command} --limit {limit}"
    return command if empty_photos is None else f"{command} {empty_photos.flags()}"
