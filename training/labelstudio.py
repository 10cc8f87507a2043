"""Label Studio round trip: push photos with model predictions, pull annotations as YOLO data.

Usage (server URL and API token from ``--url``/``--token`` or ``LABEL_STUDIO_URL`` /
``LABEL_STUDIO_API_KEY``)::

    python -m training.labelstudio config                      # print the labeling config
    python -m training.labelstudio push --project "Janji photos" --images DIR \
        --document-root ROOT [--package models/janji-detector]
    python -m training.labelstudio pull --project "Janji photos" --out DATASET \
        --document-root ROOT [--split train] [--val-percent 20]

``push`` finds or creates the project (4-class rectangle config), adds a local-files import
storage for ``DIR`` (which must lie under the server's
``LABEL_STUDIO_LOCAL_FILES_DOCUMENT_ROOT``, given as ``--document-root``), and imports each new
photo as a task with the model package's detections as a prediction (percent coordinates,
``model_version`` = package name and version); files that are no photo, or whose names are not
UTF-8, are skipped with a warning. ``pull`` reads each task's latest annotation and writes a
YOLO dataset, mapping labels by class name, that ``janjicheck mix`` takes as a part
(``--train DATASET:train``); each pull replaces the folder as a whole, and only when it is
complete.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shlex
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import yaml

from datasets.classes import load_classes
from datasets.mix import IMAGE_SUFFIXES as TRAIN_SUFFIXES
from training.labelstudio_format import (
    LabelMapError,
    box_to_result,
    labeling_config,
    latest_annotation,
    local_file_path,
    local_file_url,
    results_to_yolo,
)
from vision.cli import IMAGE_EXTENSIONS as PHOTO_SUFFIXES
from vision.decode import MAX_BYTES, ImageDecodeError, decode_bytes, read_photo_file

IMPORT_BATCH = 100
PULL_SPLITS = ("train", "val", "test")
PULL_RECORD = "labelstudio.json"  # marks a folder that a pull wrote (and may replace)


class LabelStudioError(RuntimeError):
    """A Label Studio step failed; the message says which and why."""


@dataclass(frozen=True)
class Server:
    """Where Label Studio runs.

    Attributes:
        url: Base URL, e.g. ``http://127.0.0.1:8080``.
        token: API token (legacy token of the user).
        document_root: The server's local-files document root (a folder on this machine).

    """

    url: str
    token: str
    document_root: Path


def client(server: Server) -> Any:
    """Return a Label Studio SDK client (``label-studio-sdk`` 2.x, the ``labelstudio`` extra).

    Raises:
        LabelStudioError: If the SDK is not installed.

    """
    try:
        from label_studio_sdk import LabelStudio
    except ImportError:
        raise LabelStudioError(
            "label-studio-sdk is not installed: pip install 'janjicheck[labelstudio]'"
        ) from None
    # Typed as Any: the SDK is optional, so mypy sees it only where it is installed.
    client_class: Any = LabelStudio
    return client_class(base_url=server.url, api_key=server.token)


def find_or_create_project(ls: Any, title: str) -> int:
    """Return the id of the project titled ``title``, creating it with our config if needed."""
    for project in ls.projects.list(title=title):
        if project.title == title:
            return int(project.id)
    created = ls.projects.create(title=title, label_config=labeling_config(load_classes().names))
    return int(created.id)


def find_project(ls: Any, title: str) -> int:
    """Return the id of the project titled ``title``.

    Raises:
        LabelStudioError: If there is none.

    """
    for project in ls.projects.list(title=title):
        if project.title == title:
            return int(project.id)
    raise LabelStudioError(f"no Label Studio project titled {title!r}")


def relative_to_root(path: Path, document_root: Path) -> str:
    """Return ``path`` relative to the document root, as Label Studio's local-files URLs want.

    Raises:
        LabelStudioError: If ``path`` is not under the document root.

    """
    try:
        return path.resolve().relative_to(document_root.resolve()).as_posix()
    except ValueError:
        raise LabelStudioError(
            f"{path} is not under the Label Studio document root {document_root}; "
            "Label Studio can serve only files below LABEL_STUDIO_LOCAL_FILES_DOCUMENT_ROOT"
        ) from None


def ensure_local_storage(ls: Any, project: int, folder: Path) -> None:
    """Add a local-files import storage for ``folder`` to the project unless one exists."""
    target = str(folder.resolve())
    for storage in ls.import_storage.local.list(project=project):
        if storage.path and str(Path(storage.path).resolve()) == target:
            return
    ls.import_storage.local.create(
        project=project, path=target, use_blob_urls=True, title=f"photos {folder.name}"
    )


def iter_tasks(ls: Any, project: int) -> Iterator[Any]:
    """Yield every task of a project."""
    yield from ls.tasks.list(project=project, page_size=100)


def list_images(folder: Path, warn: Callable[[str], None] | None = None) -> list[Path]:
    """Return the photos in ``folder`` (not recursive), sorted by name.

    Photos are the files the decoder reads (``vision.cli.IMAGE_EXTENSIONS``: JPEG, PNG, WebP,
    BMP, TIFF, HEIC/HEIF); ``warn`` is told of every other file (default: print to stderr).

    Raises:
        LabelStudioError: If the folder does not exist or holds no photo.

    """
    if not folder.is_dir():
        raise LabelStudioError(f"image folder not found: {folder}")
    suffixes = ", ".join(sorted(PHOTO_SUFFIXES))
    images = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in PHOTO_SUFFIXES and path.is_file():
            images.append(path)
        elif path.is_file():
            (warn or _warn_stderr)(f"skipped {path}: not a photo ({suffixes})")
    if not images:
        raise LabelStudioError(f"no photos ({suffixes}) in {folder}")
    return images


def prediction_for(pipeline: Any, image: Path) -> dict[str, Any]:
    """Run the serving pipeline on one photo and return a Label Studio prediction."""
    result = pipeline.check_file(image)
    boxes = [
        box_to_result(box.tolist(), label, result.width, result.height, score=conf)
        for (box, conf, _), label in zip(result.detections, result.labels, strict=True)
    ]
    package = pipeline.package
    scores = [float(c) for c in result.detections.confidence]
    return {
        "model_version": f"{package.name}-{package.version}",
        "score": max(scores) if scores else 0.0,
        "result": boxes,
    }


def push(
    server: Server,
    title: str,
    images_dir: Path,
    package: Path | None,
    limit: int | None = None,
    warn: Callable[[str], None] | None = None,
) -> tuple[int, int]:
    """Import the photos of ``images_dir`` as tasks with model predictions.

    Photos already in the project (same local-files URL) are skipped. The package and the
    photo folder are checked before the server is contacted. A file that is not a photo, a
    photo whose name is not UTF-8 (Label Studio could not serve it) and a photo the pipeline
    cannot decode are not imported (a later push tries it again); ``warn`` is told why.

    Args:
        server: The Label Studio server.
        title: Project title (created when missing).
        images_dir: Folder of photos under the server's document root.
        package: Model package for predictions; ``None`` imports photos without predictions.
        limit: Import at most this many new photos (at least 1; ``None``: all).
        warn: Called with a message per skipped file (default: print to stderr).

    Returns:
        ``(project id, number of tasks imported)``.

    Raises:
        LabelStudioError: On a bad limit, folder or package (also: no photo in the folder can
            be imported), or a server error.

    """
    if limit is not None and limit < 1:
        raise LabelStudioError(f"--limit must be at least 1, got {limit}")
    warn = warn or _warn_stderr
    urls = {}
    for image in list_images(images_dir, warn):
        try:
            urls[image] = local_file_url(relative_to_root(image, server.document_root))
        except ValueError as error:  # a file name that is not UTF-8
            warn(f"skipped a photo: {error}")
    if not urls:
        raise LabelStudioError(f"no photo in {images_dir} can be imported")
    pipeline = None if package is None else load_prediction_pipeline(package)
    ls = client(server)
    try:
        project = find_or_create_project(ls, title)
        ensure_local_storage(ls, project, images_dir)
        existing = {str(task.data.get("image")) for task in iter_tasks(ls, project)}
    except Exception as error:  # the SDK raises httpx and API errors
        raise LabelStudioError(f"Label Studio at {server.url}: {error}") from None
    new = [image for image, url in urls.items() if url not in existing][:limit]
    tasks = []
    for image in new:
        task: dict[str, Any] = {"data": {"image": urls[image]}}
        if pipeline is not None:
            prediction = predict_or_warn(pipeline, image, warn)
            if prediction is None:
                continue
            task["predictions"] = [prediction]
        tasks.append(task)
    try:
        for start in range(0, len(tasks), IMPORT_BATCH):
            ls.projects.import_tasks(project, request=tasks[start : start + IMPORT_BATCH])
    except Exception as error:  # the SDK raises httpx and API errors
        raise LabelStudioError(f"importing tasks into project {project}: {error}") from None
    return project, len(tasks)


def load_prediction_pipeline(package: Path) -> Any:
    """Load the serving pipeline of ``package`` (verification off) for predictions.

    Raises:
        LabelStudioError: If the package cannot be loaded.

    """
    from vision.model_package import ModelPackageError
    from vision.pipeline import Pipeline, PipelineOptions
    from vision.verify import VerifyPolicy

    try:
        return Pipeline.load(package, PipelineOptions(verify=VerifyPolicy(enabled=False)))
    except (ModelPackageError, ValueError) as error:
        raise LabelStudioError(f"cannot load the model package {package}: {error}") from None


def predict_or_warn(
    pipeline: Any, image: Path, warn: Callable[[str], None]
) -> dict[str, Any] | None:
    """Return ``prediction_for`` the photo, or ``None`` after warning that it cannot be read."""
    from vision.decode import ImageDecodeError

    try:
        return prediction_for(pipeline, image)
    except (ImageDecodeError, OSError) as error:
        warn(f"skipped {image}: cannot read the photo ({error})")
        return None


def _warn_stderr(message: str) -> None:
    """Print a warning to stderr."""
    print(f"warning: {message}", file=sys.stderr)


@dataclass(frozen=True)
class PulledPhoto:
    """One annotated task as ``pull`` writes it.

    Attributes:
        task: The task id.
        annotation: The id of the annotation taken (its latest not cancelled).
        photo: The photo's path below the document root (posix).
        source: The photo file.
        labels: YOLO label lines.
        split: The split the photo goes to.

    """

    task: int
    annotation: object
    photo: str
    source: Path
    labels: tuple[str, ...]
    split: str


def pull(
    server: Server, title: str, out: Path, split: str = "train", val_percent: int = 0
) -> tuple[dict[str, int], int]:
    """Write the project's annotated photos as a YOLO dataset that ``janjicheck mix`` takes.

    Each annotated task's latest non-cancelled annotation becomes
    ``out/labels/<split>/ls<task>_<name>.txt`` and its photo is copied to
    ``out/images/<split>/`` (HEIC/HEIF and TIFF, which training does not read, are written
    upright as PNG). Every task goes to ``split``; with ``val_percent``, that share of the
    photos goes to ``val`` instead, chosen by a hash of the photo's path, so that a photo keeps
    its split from pull to pull. ``out`` also gets ``data.yaml``, ``manifest.jsonl`` (a record
    per photo), ``fingerprint.txt`` (sha256 over the task ids, photo hashes, labels and
    splits), ``command.txt`` and ``labelstudio.json``.

    The dataset is built in a temporary folder beside ``out`` and replaces ``out`` only when
    complete: ``out`` then holds exactly the project's current annotated tasks, and a pull that
    fails leaves the previous one as it was.

    Args:
        server: The Label Studio server.
        title: Project title.
        out: A new or empty folder, or one that a previous pull wrote.
        split: The split the tasks go to (``train``, ``val`` or ``test``).
        val_percent: With ``split`` ``train``, the percentage (0-100) of the photos that go
            to ``val`` instead.

    Returns:
        ``(photos written per split, boxes written)``.

    Raises:
        LabelStudioError: On a bad split, percentage, document root or ``out``, a server
            error, a photo that is not a local file, lies outside the document root, is
            missing or is not an image the decoder reads, a label that is not a detector
            class, or a failed write; the message names the task.

    """
    if split not in PULL_SPLITS:
        raise LabelStudioError(f"--split must be one of {', '.join(PULL_SPLITS)}, got {split!r}")
    if not 0 <= val_percent <= 100:
        raise LabelStudioError(f"--val-percent must be 0 to 100, got {val_percent}")
    if val_percent and split != "train":
        raise LabelStudioError("--val-percent moves photos from train to val: use --split train")
    if not server.document_root.is_dir():
        raise LabelStudioError(f"document root not found: {server.document_root}")
    check_pull_out(out)
    names = load_classes().names
    splits = [split, "val"] if val_percent else [split]
    photos = [
        pulled_photo(server.document_root, task, annotation, names, split, val_percent)
        for task, annotation in fetch_annotated(server, title)
    ]
    target = Path(os.path.abspath(out))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.pull-", dir=target.parent))
    except OSError as error:
        raise LabelStudioError(f"cannot write beside {out}: {error}") from None
    try:
        for name in splits:
            (work / "images" / name).mkdir(parents=True)
            (work / "labels" / name).mkdir(parents=True)
        records = [write_photo(work, photo) for photo in photos]
        write_pull_files(work, target, records, names)
        record = {"project": title, "url": server.url, "splits": splits}
        (work / PULL_RECORD).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        command = pull_command(title, server.document_root, out, split, val_percent)
        (work / "command.txt").write_text(command + "\n", encoding="utf-8")
        replace_folder(work, target)
    except OSError as error:
        shutil.rmtree(work, ignore_errors=True)
        raise LabelStudioError(f"writing {out}: {error}") from None
    except BaseException:  # whatever stopped it (an interrupt too), no half pull is left
        shutil.rmtree(work, ignore_errors=True)
        raise
    counts = {name: sum(1 for r in records if r["split"] == name) for name in splits}
    return counts, sum(len(r["labels"]) for r in records)


def check_pull_out(out: Path) -> None:
    """Refuse an ``out`` that is a file, or a folder with files no pull wrote.

    Raises:
        LabelStudioError: If ``out`` cannot be replaced by a pull.

    """
    if out.exists() and not out.is_dir():
        raise LabelStudioError(f"--out {out} is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / PULL_RECORD).is_file():
        raise LabelStudioError(
            f"--out {out} holds files that no `labelstudio pull` wrote (no {PULL_RECORD}); "
            "give a new or empty folder, or the folder of an earlier pull to replace"
        )


def fetch_annotated(server: Server, title: str) -> list[tuple[Any, dict[str, Any]]]:
    """Return each task of the project with its latest non-cancelled annotation, by task id.

    Tasks without annotations, or whose annotations were all cancelled (skipped), are left out.

    Raises:
        LabelStudioError: If there is no such project, or on a server error.

    """
    ls = client(server)
    chosen: dict[int, tuple[Any, dict[str, Any]]] = {}
    try:
        project = find_project(ls, title)
        for task in iter_tasks(ls, project):
            if not ((task.total_annotations or 0) > 0 or task.annotations):
                continue
            annotations = [a.model_dump() for a in ls.annotations.list(id=task.id)]
            annotation = latest_annotation({"annotations": annotations})
            if annotation is not None:
                chosen[int(task.id)] = (task, dict(annotation))
    except LabelStudioError:
        raise
    except Exception as error:  # the SDK raises httpx and API errors
        raise LabelStudioError(f"Label Studio at {server.url}: {error}") from None
    return [chosen[task_id] for task_id in sorted(chosen)]


def pulled_photo(
    document_root: Path,
    task: Any,
    annotation: dict[str, Any],
    names: Sequence[str],
    split: str,
    val_percent: int,
) -> PulledPhoto:
    """Return what ``pull`` writes for one task (nothing is written yet).

    Args:
        document_root: The server's local-files document root.
        task: The task.
        annotation: Its chosen annotation.
        names: The detector's class names.
        split: The split of the pull.
        val_percent: The percentage of photos that go to ``val`` instead (``photo_split``).

    Raises:
        LabelStudioError: If the task's photo is not pulled (``task_photo``) or a label is
            not a detector class.

    """
    photo, source = task_photo(document_root, task)
    try:
        labels = results_to_yolo(annotation.get("result") or [], names)
    except LabelMapError as error:
        where = f"task {task.id}, annotation {annotation.get('id')}"
        raise LabelStudioError(f"{where}: {error}") from None
    return PulledPhoto(
        int(task.id),
        annotation.get("id"),
        photo,
        source,
        tuple(labels),
        photo_split(photo, split, val_percent),
    )


def task_photo(document_root: Path, task: Any) -> tuple[str, Path]:
    """Return a task's photo: its path below the document root and the file.

    Raises:
        LabelStudioError: If the task's image is not a local-files URL, or its path leads
            outside the document root (``..``, an absolute path, a link), has no photo suffix
            or names no file.

    """
    url = str((task.data or {}).get("image", ""))
    relative = local_file_path(url)
    if relative is None:
        raise LabelStudioError(f"task {task.id}: image {url!r} is not a local file")
    root = document_root.resolve()
    try:
        source = (root / relative).resolve()
    except (OSError, ValueError, RuntimeError) as error:
        raise LabelStudioError(f"task {task.id}: photo path {relative!r}: {error}") from None
    if not source.is_relative_to(root):
        raise LabelStudioError(
            f"task {task.id}: photo {relative!r} lies outside the document root {document_root}"
        )
    if source.suffix.lower() not in PHOTO_SUFFIXES:
        raise LabelStudioError(
            f"task {task.id}: {relative!r} is not a photo ({', '.join(sorted(PHOTO_SUFFIXES))})"
        )
    if not source.is_file():
        raise LabelStudioError(f"task {task.id}: photo {source} not found")
    return source.relative_to(root).as_posix(), source


def photo_split(photo: str, split: str, val_percent: int) -> str:
    """Return the split of a photo: ``val`` for ``val_percent`` of the paths, else ``split``.

    The choice hashes the photo's path, so the same photo always gets the same split.
    """
    bucket = int(hashlib.sha256(os.fsencode(photo)).hexdigest()[:8], 16) % 100
    return "val" if bucket < val_percent else split


def write_photo(folder: Path, photo: PulledPhoto) -> dict[str, Any]:
    """Write one photo and its labels into the dataset ``folder``; return its manifest record.

    A photo in a format training reads is copied as it is; another (HEIC/HEIF, TIFF) is
    written upright as PNG.

    Raises:
        LabelStudioError: If the photo cannot be read or is not an image the decoder reads.

    """
    where = f"task {photo.task}: photo {photo.source}"
    try:
        data = read_photo_file(photo.source, MAX_BYTES)
        decoded = decode_bytes(data)
    except ImageDecodeError as error:
        raise LabelStudioError(f"{where} is not an image the decoder reads: {error}") from None
    except OSError as error:
        raise LabelStudioError(f"{where} cannot be read: {error}") from None
    stem = f"ls{photo.task:06d}_{photo.source.stem}"
    suffix = photo.source.suffix.lower()
    if suffix in TRAIN_SUFFIXES:
        image = f"images/{photo.split}/{stem}{suffix}"
        (folder / image).write_bytes(data)
    else:
        image = f"images/{photo.split}/{stem}.png"
        encoded, png = cv2.imencode(".png", decoded.full_resolution())
        if not encoded:
            raise LabelStudioError(f"{where} cannot be written as PNG")
        (folder / image).write_bytes(png.tobytes())
    label_file = folder / "labels" / photo.split / f"{stem}.txt"
    label_file.write_text("".join(f"{line}\n" for line in photo.labels), encoding="utf-8")
    return {
        "image": image,
        "split": photo.split,
        "source": "labelstudio",
        "task": photo.task,
        "annotation": photo.annotation,
        "photo": photo.photo,
        "sha256": hashlib.sha256(data).hexdigest(),
        "labels": list(photo.labels),
    }


def pull_fingerprint(records: Sequence[dict[str, Any]], names: Sequence[str]) -> str:
    """Return the sha256 over the class names and each photo's task, hash, labels and split."""
    keys = ("task", "sha256", "labels", "split")
    payload = {"names": list(names), "photos": [{k: r[k] for k in keys} for r in records]}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def write_pull_files(
    folder: Path, out: Path, records: Sequence[dict[str, Any]], names: Sequence[str]
) -> None:
    """Write ``data.yaml`` (paths for ``out``), ``manifest.jsonl`` and ``fingerprint.txt``."""
    write_data_yaml(folder, names, path=out)
    manifest = "".join(json.dumps(r, sort_keys=True) + "\n" for r in records)
    (folder / "manifest.jsonl").write_text(manifest, encoding="utf-8")
    (folder / "fingerprint.txt").write_text(pull_fingerprint(records, names) + "\n", "utf-8")


def pull_command(title: str, document_root: Path, out: Path, split: str, val_percent: int) -> str:
    """Return the pull command line (without the server URL and token)."""
    command = (
        f"janjicheck labelstudio pull --project {shlex.quote(title)} "
        f"--document-root {shlex.quote(str(document_root))} --out {shlex.quote(str(out))} "
        f"--split {split}"
    )
    return command + (f" --val-percent {val_percent}" if val_percent else "")


def replace_folder(new: Path, out: Path) -> None:
    """Put the folder ``new`` in the place of ``out``, then remove the old ``out``.

    Raises:
        OSError: If a rename fails; ``out`` is then as it was.

    """
    if not out.exists():
        new.rename(out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    out.rename(old / out.name)
    try:
        new.rename(out)
    except BaseException:
        (old / out.name).rename(out)
        old.rmdir()
        raise
    shutil.rmtree(old, ignore_errors=True)


def write_data_yaml(out: Path, names: Sequence[str], path: Path | None = None) -> Path:
    """Write ``out/data.yaml`` naming the splits present and the classes in id order.

    Args:
        out: The dataset folder.
        names: Class names in id order.
        path: Where the dataset will be used from (default: ``out``).

    """
    data: dict[str, Any] = {"path": str((path or out).resolve())}
    for split in ("train", "val", "test"):
        if (out / "images" / split).is_dir():
            data[split] = f"images/{split}"
    data["names"] = dict(enumerate(names))
    target = out / "data.yaml"
    target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return target


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``config`` / ``push`` / ``pull`` actions and their options to ``parser``."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("config", help="print the labeling config XML")
    for name, help_text in (
        ("push", "import photos as tasks with model predictions"),
        ("pull", "export annotations as a YOLO dataset"),
    ):
        sub = actions.add_parser(name, help=help_text)
        sub.add_argument("--url", default=os.environ.get("LABEL_STUDIO_URL"), help="server URL")
        sub.add_argument(
            "--token", default=os.environ.get("LABEL_STUDIO_API_KEY"), help="API token"
        )
        sub.add_argument("--project", required=True, help="project title")
        sub.add_argument(
            "--document-root",
            type=Path,
            required=True,
            help="the server's LABEL_STUDIO_LOCAL_FILES_DOCUMENT_ROOT",
        )
        if name == "push":
            sub.add_argument("--images", type=Path, required=True, help="folder of photos")
            sub.add_argument("--package", type=Path, help="model package for predictions")
            sub.add_argument("--limit", type=int, help="import at most N (>= 1) new photos")
        else:
            sub.add_argument("--out", type=Path, required=True, help="YOLO dataset folder")
            sub.add_argument(
                "--split", default="train", choices=PULL_SPLITS, help="the split of the photos"
            )
            sub.add_argument(
                "--val-percent",
                type=int,
                default=0,
                metavar="P",
                help="with --split train: P%% of the photos (chosen by path) go to val instead",
            )


DESCRIPTION = "Label Studio round trip: push photos with predictions, pull annotations."


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add the ``janjicheck labelstudio`` subcommand to ``subparsers`` and return it."""
    parser = subparsers.add_parser("labelstudio", help=DESCRIPTION, description=DESCRIPTION)
    add_arguments(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run the chosen action; returns the process exit status."""
    if args.action == "config":
        print(labeling_config(load_classes().names), end="")
        return 0
    if not args.url or not args.token:
        print("error: give --url and --token (or LABEL_STUDIO_URL / _API_KEY)", file=sys.stderr)
        return 2
    server = Server(args.url.rstrip("/"), args.token, args.document_root)
    try:
        if args.action == "push":
            project, count = push(server, args.project, args.images, args.package, args.limit)
            print(f"Imported {count} new photos into project {args.project!r} (id {project})")
        else:
            counts, boxes = pull(server, args.project, args.out, args.split, args.val_percent)
            splits = ", ".join(f"{count} {name}" for name, count in counts.items())
            print(f"Wrote {sum(counts.values())} photos ({splits}), {boxes} boxes to {args.out}")
    except (LabelStudioError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (``python -m training.labelstudio``); returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m training.labelstudio", description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
