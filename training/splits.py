"""Labelled dataset splits: their folders, YOLO label files and manifest, read as ground truth.

A split's images are in the folder the dataset's ``data.yaml`` names (else ``images/<split>``),
its labels in the matching ``labels`` folder, and ``manifest.jsonl`` (written by the generator)
adds each object's lookalike kind and layout family.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import yaml

from datasets.classes import load_classes
from training.metrics import as_boxes, iou_matrix

MANIFEST_MATCH_IOU = 0.9  # a label box this close to a manifest box is that object
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".bmp")


class SplitError(ValueError):
    """A dataset split that cannot be read; the message says why."""


@dataclass(frozen=True)
class GroundTruth:
    """The labelled objects of one photo.

    Attributes:
        image: Path of the photo.
        class_id: ``(K,)`` class ids.
        boxes: ``(K, 4)`` boxes ``[x1, y1, x2, y2]`` normalized to 0..1 by the image size.
        lookalike: Per object, the lookalike kind from the manifest (``None``: not a
            lookalike or unknown).
        design: Per object, the layout family from the manifest (``None``: unknown).

    """

    image: Path
    class_id: npt.NDArray[np.int64]
    boxes: npt.NDArray[np.float64]
    lookalike: tuple[str | None, ...]
    design: tuple[str | None, ...] = ()


def parse_label_file(path: Path) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Read a YOLO label file into class ids and normalized xyxy boxes.

    A missing file is a photo without objects.

    Raises:
        SplitError: If the file cannot be read or is not UTF-8 text, or a line is not
            ``class cx cy w h`` with the centre in ``[0, 1]`` and the size in ``(0, 1]``
            (normalized by the image size); the message names the file and line.

    """
    classes: list[int] = []
    boxes: list[list[float]] = []
    if not path.is_file():
        return np.asarray(classes, dtype=np.int64), as_boxes(boxes)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise SplitError(f"cannot read the label file {path}: {error}") from None
    for number, line in enumerate(lines, 1):
        parts = line.split()
        if not parts:
            continue
        try:
            cls = int(parts[0])
            cx, cy, w, h = (float(v) for v in parts[1:5])
        except ValueError:
            raise SplitError(f"{path}:{number}: not a YOLO label line: {line!r}") from None
        if len(parts) != 5:
            raise SplitError(f"{path}:{number}: expected 5 fields, got {len(parts)}")
        if not all(math.isfinite(v) for v in (cx, cy, w, h)):
            raise SplitError(f"{path}:{number}: a value is not a finite number: {line!r}")
        if not (0 <= cx <= 1 and 0 <= cy <= 1):
            raise SplitError(f"{path}:{number}: the centre must lie in 0-1 (normalized): {line!r}")
        if not (0 < w <= 1 and 0 < h <= 1):
            raise SplitError(
                f"{path}:{number}: width and height must lie in 0-1 and be above 0 "
                f"(normalized): {line!r}"
            )
        classes.append(cls)
        boxes.append([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2])
    return np.asarray(classes, dtype=np.int64), as_boxes(boxes)


def read_manifest(dataset_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Return the labelled manifest records per image path (relative to the dataset).

    Returns an empty mapping when the dataset has no ``manifest.jsonl``.

    Raises:
        SplitError: If the manifest cannot be read, or a line is not a JSON object or a
            labelled record lacks a valid ``image``, ``box``, ``width`` or ``height``; the
            message names the file and line.

    """
    path = dataset_dir / "manifest.jsonl"
    records: dict[str, list[dict[str, Any]]] = {}
    if not path.is_file():
        return records
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise SplitError(f"cannot read {path}: {error}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        record = _manifest_record(path, number, line)
        if record.get("labelled") and record.get("box") is not None:
            records.setdefault(str(record["image"]), []).append(record)
    return records


def _manifest_record(path: Path, number: int, line: str) -> dict[str, Any]:
    """Parse one manifest line; check a labelled record has what ``match_manifest`` reads."""
    where = f"{path}: line {number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        raise SplitError(f"{where} is not JSON") from None
    if not isinstance(record, dict):
        raise SplitError(f"{where} is not a JSON object")
    if not record.get("labelled") or record.get("box") is None:
        return record
    if not isinstance(record.get("image"), str) or not record["image"]:
        raise SplitError(f"{where}: labelled record without an image path")
    box = record["box"]
    if not isinstance(box, list) or len(box) != 4 or not all(_is_number(v) for v in box):
        raise SplitError(f"{where}: box is not four numbers")
    for key in ("width", "height"):
        value = record.get(key)
        if not isinstance(value, int | float) or not _is_number(value):
            raise SplitError(f"{where}: labelled record without a positive {key}")
        if not math.isfinite(value) or value <= 0:
            raise SplitError(f"{where}: labelled record without a positive {key}")
    return record


def _is_number(value: object) -> bool:
    """Return whether ``value`` is a JSON number (not a bool)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def match_manifest(
    boxes: npt.NDArray[np.float64],
    class_id: npt.NDArray[np.int64],
    records: Sequence[dict[str, Any]],
    class_names: Sequence[str],
) -> tuple[dict[str, Any] | None, ...]:
    """Find the manifest object each labelled box is.

    Args:
        boxes: ``(K, 4)`` label boxes normalized to 0..1.
        class_id: ``(K,)`` label class ids.
        records: The manifest records of this image (``box`` in pixels, ``width``/``height``).
        class_names: Class names by id.

    Returns:
        Per box, the manifest record of the same class it overlaps with IoU >=
        ``MANIFEST_MATCH_IOU``, else ``None``.

    """
    if not records or not len(boxes):
        return tuple(None for _ in range(len(boxes)))
    width, height = float(records[0]["width"]), float(records[0]["height"])
    manifest_boxes = as_boxes([r["box"] for r in records]) / [width, height, width, height]
    manifest_boxes = np.clip(manifest_boxes, 0.0, 1.0)
    ious = iou_matrix(boxes, manifest_boxes)
    matched: list[dict[str, Any] | None] = []
    for i in range(len(boxes)):
        same_class = np.array([r.get("class") == class_names[class_id[i]] for r in records])
        candidates = np.where(same_class, ious[i], -1.0)
        j = int(np.argmax(candidates))
        matched.append(records[j] if candidates[j] >= MANIFEST_MATCH_IOU else None)
    return tuple(matched)


def record_field(records: Sequence[dict[str, Any] | None], key: str) -> tuple[str | None, ...]:
    """Return ``key`` of each matched manifest record as text (``None``: no record or value)."""
    return tuple(str(r[key]) if r and r.get(key) else None for r in records)


def photo_files(folder: Path) -> list[Path]:
    """Return the photos (``IMAGE_SUFFIXES``) directly in ``folder``, in name order."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)


def dataset_folder(path: Path) -> Path:
    """Return the dataset folder of ``path``: itself, or the folder of a ``data.yaml``."""
    return path.parent if path.suffix in {".yaml", ".yml"} else path


def split_folders(dataset_dir: Path, split: str) -> tuple[Path, Path]:
    """Return the image and label folders of one split.

    The image folder is the one the dataset's ``data.yaml`` names for ``split`` (relative to
    its ``path``, itself relative to the yaml's folder), else ``images/<split>``. Labels follow
    the YOLO convention: the same path with its last ``images`` component as ``labels``.

    Raises:
        SplitError: If ``data.yaml`` exists but cannot be read.

    """
    default = (dataset_dir / "images" / split, dataset_dir / "labels" / split)
    data_yaml = dataset_dir / "data.yaml"
    if not data_yaml.is_file():
        return default
    try:
        config = yaml.safe_load(data_yaml.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise SplitError(f"cannot read {data_yaml}: {error}") from None
    if not isinstance(config, dict) or not isinstance(config.get(split), str):
        return default
    root = Path(str(config.get("path") or "."))
    root = root if root.is_absolute() else dataset_dir / root
    image_dir = root / config[split]
    parts = list(image_dir.parts)
    if "images" not in parts:
        return image_dir, image_dir
    index = len(parts) - 1 - parts[::-1].index("images")
    parts[index] = "labels"
    return image_dir, Path(*parts)


def load_split(dataset_dir: Path, split: str, limit: int | None = None) -> list[GroundTruth]:
    """Read the ground truth of one split of a YOLO dataset.

    Args:
        dataset_dir: Dataset folder (with ``data.yaml``, or ``images/<split>`` and
            ``labels/<split>``); see ``split_folders``.
        split: ``train``, ``val`` or ``test``.
        limit: Keep only the first ``limit`` photos (sorted by name).

    Raises:
        SplitError: If the split folder is missing or empty.

    """
    image_dir, label_dir = split_folders(dataset_dir, split)
    if not image_dir.is_dir():
        raise SplitError(f"no {split} split: {image_dir} does not exist")
    images = sorted(p for p in image_dir.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
    if not images:
        raise SplitError(f"no images in {image_dir}")
    if limit is not None:
        images = images[:limit]
    manifest = read_manifest(dataset_dir)
    names = load_classes().names
    result = []
    for image in images:
        class_id, boxes = parse_label_file(label_dir / f"{image.stem}.txt")
        if len(class_id) and (class_id.min() < 0 or class_id.max() >= len(names)):
            raise SplitError(f"labels of {image.name}: class id outside 0..{len(names) - 1}")
        records = manifest.get(_relative(image, dataset_dir), [])
        matched = match_manifest(boxes, class_id, records, names)
        result.append(
            GroundTruth(
                image,
                class_id,
                boxes,
                record_field(matched, "lookalike"),
                record_field(matched, "design"),
            )
        )
    return result


def _relative(image: Path, dataset_dir: Path) -> str:
    """Return the image path as the manifest writes it (relative to the dataset, posix).

    Only the folder is resolved: a linked image (a mix, ``datasets.mix``) keeps its own name.
    """
    try:
        return (image.parent.resolve() / image.name).relative_to(dataset_dir.resolve()).as_posix()
    except ValueError:
        return image.as_posix()
