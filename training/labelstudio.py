"""Label Studio round trip: push photos with model predictions, pull annotations as YOLO data.

Usage (server URL and API token from ``--url``/``--token`` or ``LABEL_STUDIO_URL`` /
``LABEL_STUDIO_API_KEY``)::

    python -m training.labelstudio config                      # print the labeling config
    python -m training.labelstudio push --project "Janji photos" --images DIR \
        --document-root ROOT [--package models/janji-detector]
    python -m training.labelstudio pull --project "Janji photos" --out DATASET \
        --document-root ROOT [--split train]

``push`` finds or creates the project (4-class rectangle config), adds a local-files import
storage for ``DIR`` (which must lie under the server's
``LABEL_STUDIO_LOCAL_FILES_DOCUMENT_ROOT``, given as ``--document-root``), and imports each new
photo as a task with the model package's detections as a prediction (percent coordinates,
``model_version`` = package name and version). ``pull`` reads each task's latest annotation
and writes a YOLO dataset, mapping labels by class name.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from datasets.classes import load_classes
from training.labelstudio_format import (
    LabelMapError,
    box_to_result,
    labeling_config,
    latest_annotation,
    local_file_path,
    local_file_url,
    results_to_yolo,
)

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
IMPORT_BATCH = 100


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


def list_images(folder: Path) -> list[Path]:
    """Return the photos in ``folder`` (not recursive), sorted by name.

    Raises:
        LabelStudioError: If the folder does not exist or holds no photo.

    """
    if not folder.is_dir():
        raise LabelStudioError(f"image folder not found: {folder}")
    images = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
    if not images:
        raise LabelStudioError(f"no photos ({', '.join(IMAGE_SUFFIXES)}) in {folder}")
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
    photo folder are checked before the server is contacted. A photo the pipeline cannot
    decode is not imported (a later push tries it again); ``warn`` is told why.

    Args:
        server: The Label Studio server.
        title: Project title (created when missing).
        images_dir: Folder of photos under the server's document root.
        package: Model package for predictions; ``None`` imports photos without predictions.
        limit: Import at most this many new photos (at least 1; ``None``: all).
        warn: Called with a message per skipped photo (default: print to stderr).

    Returns:
        ``(project id, number of tasks imported)``.

    Raises:
        LabelStudioError: On a bad limit, folder or package, or a server error.

    """
    if limit is not None and limit < 1:
        raise LabelStudioError(f"--limit must be at least 1, got {limit}")
    images = list_images(images_dir)
    urls = {
        image: local_file_url(relative_to_root(image, server.document_root)) for image in images
    }
    pipeline = None if package is None else load_prediction_pipeline(package)
    ls = client(server)
    try:
        project = find_or_create_project(ls, title)
        ensure_local_storage(ls, project, images_dir)
        existing = {str(task.data.get("image")) for task in iter_tasks(ls, project)}
    except Exception as error:  # the SDK raises httpx and API errors
        raise LabelStudioError(f"Label Studio at {server.url}: {error}") from None
    new = [image for image in images if urls[image] not in existing][:limit]
    tasks = []
    for image in new:
        task: dict[str, Any] = {"data": {"image": urls[image]}}
        if pipeline is not None:
            prediction = predict_or_warn(pipeline, image, warn or _warn_stderr)
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


def pull(server: Server, title: str, out: Path, split: str = "train") -> tuple[int, int]:
    """Write the project's annotated photos as a YOLO dataset split.

    Each annotated task's latest non-cancelled annotation becomes ``out/labels/<split>/*.txt``
    and its photo is copied to ``out/images/<split>/``; ``out/data.yaml`` lists the classes
    of ``datasets/classes.yaml``. Labels are mapped by class name.

    Returns:
        ``(photos written, boxes written)``.

    Raises:
        LabelStudioError: On a server error, a photo outside the document root, or a label
            that is not a detector class.

    """
    names = load_classes().names
    ls = client(server)
    image_dir, label_dir = out / "images" / split, out / "labels" / split
    image_dir.mkdir(parents=True, exist_ok=True)
    label_dir.mkdir(parents=True, exist_ok=True)
    photos = boxes = 0
    try:
        project = find_project(ls, title)
        tasks = list(iter_tasks(ls, project))
        annotated = [
            (task, [a.model_dump() for a in ls.annotations.list(id=task.id)])
            for task in tasks
            if (task.total_annotations or 0) > 0 or task.annotations
        ]
    except LabelStudioError:
        raise
    except Exception as error:  # the SDK raises httpx and API errors
        raise LabelStudioError(f"Label Studio at {server.url}: {error}") from None
    for task, task_annotations in annotated:
        chosen = latest_annotation({"annotations": task_annotations})
        if chosen is None:
            continue
        relative = local_file_path(str(task.data.get("image", "")))
        if relative is None:
            raise LabelStudioError(f"task {task.id}: image {task.data.get('image')!r} is not local")
        source = server.document_root / relative
        if not source.is_file():
            raise LabelStudioError(f"task {task.id}: photo {source} not found")
        try:
            lines = results_to_yolo(chosen.get("result") or [], names)
        except LabelMapError as error:
            annotation = chosen.get("id")
            raise LabelStudioError(f"task {task.id}, annotation {annotation}: {error}") from None
        stem = f"ls{task.id:06d}_{source.stem}"
        shutil.copyfile(source, image_dir / f"{stem}{source.suffix.lower()}")
        (label_dir / f"{stem}.txt").write_text("".join(f"{ln}\n" for ln in lines), "utf-8")
        photos += 1
        boxes += len(lines)
    write_data_yaml(out, names)
    return photos, boxes


def write_data_yaml(out: Path, names: Sequence[str]) -> Path:
    """Write ``out/data.yaml`` naming the splits present and the classes in id order."""
    data: dict[str, Any] = {"path": str(out.resolve())}
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
            sub.add_argument("--split", default="train", choices=("train", "val", "test"))


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
            photos, boxes = pull(server, args.project, args.out, args.split)
            print(f"Wrote {photos} photos, {boxes} boxes to {args.out} ({args.split})")
    except LabelStudioError as error:
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
