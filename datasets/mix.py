"""Combine splits of generated datasets into one dataset to train on: ``janjicheck mix``.

A part names a dataset folder and one of its splits, ``DIR:SPLIT`` (``data/synth-v1:train``).
The mix's train split is the union of its train parts and its val split the union of its val
parts. A held-out split can serve as val, so that Ultralytics keeps the checkpoint that does
best on designs training never saw, and the export calibrates its acceptance threshold there.

Images and labels are linked (symbolic links to the parts' files, nothing is copied), their
names prefixed with the part's position so names from different parts cannot clash. The mix
gets the files a generated dataset has: ``data.yaml``, ``manifest.jsonl`` (the parts' records
of the linked images, paths rewritten), ``fingerprint.txt`` (sha256 over the parts'
fingerprints, splits and roles) and ``command.txt`` (the parts' generator commands, then this
mix command).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shlex
import shutil
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import yaml

from datasets.classes import load_classes
from datasets.synth.splits import HELD_OUT_SPLITS, SPLITS

ROLES: Final = ("train", "val")
IMAGE_SUFFIXES: Final = frozenset({".jpg", ".jpeg", ".png", ".webp", ".bmp"})
DESCRIPTION = (
    "Combine splits of generated datasets into one dataset to train on (files are linked); "
    "a held-out split can be the val split."
)


class MixError(Exception):
    """A mix that cannot be made; the message says why."""


@dataclass(frozen=True)
class Part:
    """One split of a generated dataset that goes into a mix.

    Attributes:
        dataset: The generated dataset's folder (holds ``fingerprint.txt`` and ``images/``).
        split: The split taken from it (``train``, ``val``, ``test`` or ``dev``).
        role: The mix split it goes to (``train`` or ``val``).

    """

    dataset: Path
    split: str
    role: str

    @property
    def spec(self) -> str:
        """The part as written on the command line, ``DIR:SPLIT``."""
        return f"{self.dataset}:{self.split}"


def parse_part(text: str, role: str) -> Part:
    """Parse ``DIR:SPLIT`` into a :class:`Part` for the mix split ``role``.

    Raises:
        MixError: If the split is missing or unknown, or a held-out split (``test``,
            ``dev``: designs training never sees) is named for training.

    """
    folder, sep, split = text.rpartition(":")
    if not sep or not folder or split not in SPLITS:
        raise MixError(f"--{role} {text!r}: write DIR:SPLIT with SPLIT one of {', '.join(SPLITS)}")
    if role == "train" and split in HELD_OUT_SPLITS:
        raise MixError(
            f"--{role} {text!r}: the {split} split is held out and cannot be trained "
            f"on; name it with --val instead"
        )
    return Part(Path(folder), split, role)


def part_images(part: Part) -> list[Path]:
    """Return the part's image files, sorted by name.

    Raises:
        MixError: If the folder is not a generated dataset or the split holds no image.

    """
    if not (part.dataset / "fingerprint.txt").is_file():
        raise MixError(f"{part.dataset}: not a generated dataset (no fingerprint.txt)")
    folder = part.dataset / "images" / part.split
    images = sorted(
        p for p in folder.glob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()
    )
    if not images:
        raise MixError(f"{part.spec}: the split holds no image ({folder})")
    return images


def read_text(path: Path) -> str:
    """Return the UTF-8 text of one of a dataset's files.

    Raises:
        MixError: If the file cannot be read or is not UTF-8 text.

    """
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise MixError(f"cannot read {path}: {error}") from None


def mix_fingerprint(parts: Sequence[Part]) -> str:
    """Return the mix's fingerprint: sha256 over each part's fingerprint, split and role."""
    payload = [
        {
            "fingerprint": read_text(p.dataset / "fingerprint.txt").strip(),
            "split": p.split,
            "role": p.role,
        }
        for p in parts
    ]
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def mix_command(out: Path, parts: Sequence[Part]) -> str:
    """Return the commands that make the mix again: the parts' generator commands, then this."""
    generated = [
        read_text(p.dataset / "command.txt").strip()
        for p in parts
        if (p.dataset / "command.txt").is_file()
    ]
    flags = " ".join(f"--{p.role} {shlex.quote(p.spec)}" for p in parts)
    mix = f"janjicheck mix --out {shlex.quote(str(out))} {flags}"
    return " && ".join([*dict.fromkeys(generated), mix])


def manifest_records(dataset: Path) -> Iterator[dict[str, Any]]:
    """Yield the records of a generated dataset's ``manifest.jsonl`` (none without one).

    Raises:
        MixError: If the manifest cannot be read or is not UTF-8 text, or a line is not JSON.

    """
    path = dataset / "manifest.jsonl"
    if not path.is_file():
        return
    for number, line in enumerate(read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            raise MixError(f"{path}: line {number} is not JSON") from None
        if isinstance(record, dict):
            yield record


def _check_out(out: Path) -> None:
    """Refuse an ``out`` that is a file or a folder with something in it."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise MixError(f"--out must be a new or empty folder: {out}")


def make_mix(out: Path, parts: Sequence[Part]) -> dict[str, int]:
    """Write the mix of ``parts`` to ``out`` and return its image count per mix split.

    Args:
        out: A new or empty folder.
        parts: At least one train part and one val part.

    Raises:
        MixError: If a role has no part, a part is not a generated dataset or holds no image,
            the same split is named twice, a manifest is not UTF-8 or a line of it not JSON,
            or ``out`` is not new or empty. A mix that fails part-way, for whatever reason
            (``OSError`` too), is removed.

    """
    for role in ROLES:
        if not any(p.role == role for p in parts):
            raise MixError(f"a mix needs at least one --{role} part")
    seen = [(p.dataset.resolve(), p.split) for p in parts]
    if len(set(seen)) < len(seen):
        raise MixError("the same dataset split is named twice")
    images = {p: part_images(p) for p in parts}
    _check_out(out)
    try:
        return _write_mix(out, parts, images)
    except BaseException:  # whatever stopped it (an interrupt too), no half mix is left
        shutil.rmtree(out, ignore_errors=True)
        raise


def _write_mix(out: Path, parts: Sequence[Part], images: dict[Part, list[Path]]) -> dict[str, int]:
    """Write the whole mix into the checked ``out``; return its image count per mix split."""
    for role in ROLES:
        (out / "images" / role).mkdir(parents=True, exist_ok=True)
        (out / "labels" / role).mkdir(parents=True, exist_ok=True)
    counts = _link_parts(out, parts, images)
    data = {
        "path": str(out.resolve()),
        "train": "images/train",
        "val": "images/val",
        "names": dict(enumerate(load_classes().names)),
    }
    (out / "data.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    (out / "fingerprint.txt").write_text(mix_fingerprint(parts) + "\n", encoding="utf-8")
    (out / "command.txt").write_text(mix_command(out, parts) + "\n", encoding="utf-8")
    return counts


def _link_parts(out: Path, parts: Sequence[Part], images: dict[Part, list[Path]]) -> dict[str, int]:
    """Link every part's images and labels into ``out`` and write the merged manifest."""
    counts = dict.fromkeys(ROLES, 0)
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as manifest:
        for index, part in enumerate(parts):
            renamed = {}
            for image in images[part]:
                name = f"p{index}_{image.name}"
                renamed[f"images/{part.split}/{image.name}"] = f"images/{part.role}/{name}"
                os.symlink(image.resolve(), out / "images" / part.role / name)
                label = part.dataset / "labels" / part.split / f"{image.stem}.txt"
                if label.is_file():
                    os.symlink(
                        label.resolve(), out / "labels" / part.role / f"p{index}_{label.name}"
                    )
            counts[part.role] += len(renamed)
            for record in manifest_records(part.dataset):
                new_path = renamed.get(str(record.get("image")))
                if new_path is not None:
                    record.update(image=new_path, split=part.role, mix_part=part.spec)
                    manifest.write(json.dumps(record, sort_keys=True) + "\n")
    return counts


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the mix options to ``parser`` and return it."""
    parser.add_argument("--out", type=Path, required=True, help="new dataset folder")
    parser.add_argument(
        "--train",
        action="append",
        default=[],
        metavar="DIR:SPLIT",
        help="a generated dataset's split to train on (repeat for more)",
    )
    parser.add_argument(
        "--val",
        action="append",
        default=[],
        metavar="DIR:SPLIT",
        help="a generated dataset's split to validate on, e.g. a held-out test split (repeat)",
    )
    return parser


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add the ``mix`` subcommand to the ``janjicheck`` parser and return it."""
    return add_arguments(subparsers.add_parser("mix", description=DESCRIPTION))


def run(args: argparse.Namespace) -> int:
    """Run ``janjicheck mix`` with parsed ``args``; returns 0, or 2 on a bad part or folder."""
    try:
        parts = [parse_part(t, "train") for t in args.train]
        parts += [parse_part(t, "val") for t in args.val]
        counts = make_mix(args.out, parts)
    except (MixError, OSError) as error:
        print(f"janjicheck mix: error: {error}", file=sys.stderr)
        return 2
    print(f"train: {counts['train']} images, val: {counts['val']} images")
    print(f"dataset: {args.out / 'data.yaml'}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``python -m datasets.mix``; returns the exit status."""
    parser = add_arguments(argparse.ArgumentParser(prog="python -m datasets.mix"))
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
