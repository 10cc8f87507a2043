"""Dataset generation: per-image jobs, worker processes, YOLO files, manifest, fingerprint."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import shlex
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import yaml
from tqdm import tqdm

from datasets.classes import load_classes
from datasets.synth import backgrounds, scene
from datasets.synth.contact_sheet import write_contact_sheet
from datasets.synth.labels import yolo_line
from datasets.synth.media.fonts import FontsMissingError, available_fonts
from datasets.synth.media.pools import split_pools
from datasets.synth.media.sample import DEFAULT_LOOKALIKE_SHARE, DEFAULT_MIX, MediaMix
from datasets.synth.splits import SPLITS, image_name, image_rng

GENERATOR_VERSION = "janjicheck-synth/1"
JPEG_QUALITY = 90
EMPTY_SHARE = 0.10  # images without any media (pure negatives)
OTHERS_ONLY_SHARE = 0.30  # images with only other signs / lookalikes
JANJI_FORMS = ("poster", "banner", "spanduk")
JANJI_FORM_P = (0.55, 0.25, 0.20)
OTHER_FORMS = ("poster", "banner", "spanduk", "sign")
OTHER_FORM_P = (0.42, 0.18, 0.12, 0.28)
COUNT_P = (0.35, 0.30, 0.20, 0.15)  # 1..4 media in a non-empty image


@dataclass(frozen=True)
class GenerateConfig:
    """What to generate.

    Attributes:
        out: Output dataset folder.
        backgrounds: Folder of indoor photos, or ``None`` for procedural rooms only.
        counts: Number of images per split, ``{"train": n, "val": n, "test": n, "dev": n}``
            (a split left out makes none).
        seed: Master seed.
        imgsz_long: Long side of every image in pixels.
        workers: Worker processes (results do not depend on it).
        mix: How non-Janji media are drawn (lookalike share, Janji-style lookalikes).
        blur_reference: Long side in pixels whose blur amounts every image gets, scaled to
            ``imgsz_long`` (a camera's blur grows with its resolution); 0 draws blur in pixels
            of the rendered image whatever its size.

    """

    out: Path
    backgrounds: Path | None
    counts: dict[str, int]
    seed: int
    imgsz_long: int
    workers: int
    mix: MediaMix = DEFAULT_MIX
    blur_reference: int = 0

    @property
    def blur_scale(self) -> float:
        """Factor on the blur drawn in pixels: ``imgsz_long / blur_reference``, or 1."""
        return self.imgsz_long / self.blur_reference if self.blur_reference else 1.0


@dataclass(frozen=True)
class ImageJob:
    """One image to render (picklable for worker processes)."""

    split: str
    index: int
    seed: int
    imgsz_long: int
    photos: tuple[Path, ...]
    out: Path
    mix: MediaMix = DEFAULT_MIX
    blur_scale: float = 1.0


def plan_specs(rng: np.random.Generator, split: str, mix: MediaMix = DEFAULT_MIX) -> list[Any]:
    """Draw the media specifications of one image (0-4 media, Janji and other signs mixed).

    Args:
        rng: The image's random generator (advanced by this call).
        split: ``"train"``, ``"val"``, ``"test"`` or ``"dev"``.
        mix: How non-Janji media are drawn.

    Returns:
        Media specifications from the split's pools, in drawing order.

    """
    from datasets.synth import media

    r = rng.random()
    if r < EMPTY_SHARE:
        return []
    count = int(rng.choice(np.arange(1, 5), p=COUNT_P))
    specs: list[Any] = []
    with_janji = r >= EMPTY_SHARE + OTHERS_ONLY_SHARE
    for i in range(count):
        janji = with_janji and (i == 0 or rng.random() < 0.3)
        if janji:
            form = str(rng.choice(JANJI_FORMS, p=JANJI_FORM_P))
        else:
            form = str(rng.choice(OTHER_FORMS, p=OTHER_FORM_P))
        specs.append(media.sample_spec(rng, split, form=form, janji=janji, mix=mix))
    order = rng.permutation(len(specs))
    return [specs[i] for i in order]


def render_job(job: ImageJob) -> list[dict[str, Any]]:
    """Render one image, write its JPEG and label file, return its manifest records."""
    from datasets.synth import media

    classes = load_classes()
    rng = image_rng(job.seed, job.split, job.index)
    specs = plan_specs(rng, job.split, job.mix)
    background = backgrounds.sample_background(rng, job.photos, job.imgsz_long)
    rendered = []
    errors = []
    for spec in specs:
        try:
            rendered.append(media.render(spec))
        except Exception as exc:  # one bad design must not stop a long run; reported at the end
            errors.append(f"{spec}: {type(exc).__name__}: {exc}")
    # wall media first, then free-standing banners, which stand closer and may hide them
    rendered.sort(key=lambda m: m.spec.form == "banner")
    composed = scene.compose_scene(rng, background.image, rendered, job.blur_scale)
    height, width = composed.image.shape[:2]
    name = image_name(job.split, job.index)
    image_rel = f"images/{job.split}/{name}.jpg"
    ok, buf = cv2.imencode(
        ".jpg", composed.image[:, :, ::-1], [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY]
    )
    if not ok:
        raise RuntimeError(f"could not encode {image_rel}")
    (job.out / image_rel).write_bytes(buf.tobytes())
    lines = [
        yolo_line(classes.id_of(obj.medium.class_name), obj.box, width, height)
        for obj in composed.objects
        if obj.labelled
    ]
    (job.out / "labels" / job.split / f"{name}.txt").write_text("".join(f"{ln}\n" for ln in lines))
    base = {
        "image": image_rel,
        "split": job.split,
        "width": width,
        "height": height,
        "background": background.background_id,
        "occluders": list(composed.occluders),
    }
    if errors:
        base["render_errors"] = errors
    if not composed.objects:
        return [{**base, "class": None}]
    records = []
    for obj in composed.objects:
        spec = obj.medium.spec
        records.append(
            {
                **base,
                "class": obj.medium.class_name,
                "form": spec.form,
                "content": spec.content,
                "design": spec.design,
                "palette": spec.palette,
                "font": spec.font,
                "lookalike": obj.medium.lookalike,
                "box": list(obj.box),
                "visible": obj.visible,
                "in_frame": obj.in_frame,
                "area_pct": obj.area_pct,
                "labelled": obj.labelled,
                "dressing": obj.dressing,
                "yaw": obj.yaw,
                "pitch": obj.pitch,
            }
        )
    return records


# Command-line parsing does not change what is drawn (the arguments are fingerprinted apart).
_NOT_DRAWING = frozenset({"cli.py", "__main__.py"})


def source_digest() -> str:
    """Return a sha256 over the generator's drawing source files (the generator version)."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(GENERATOR_VERSION.encode())
    for path in sorted(root.rglob("*.py")):
        if path.parent == root and path.name in _NOT_DRAWING:
            continue
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def counts_drawn(counts: dict[str, int]) -> dict[str, int]:
    """Return the image count of every split written; ``dev`` only when it has images.

    Datasets without a development split keep the files, command and fingerprint they had
    before the split existed.
    """
    return {s: counts.get(s, 0) for s in SPLITS if s != "dev" or counts.get(s, 0)}


def fingerprint(config: GenerateConfig, photos: tuple[Path, ...]) -> str:
    """Return the training data fingerprint: sha256 over generator version, args and photo list."""
    payload: dict[str, object] = {
        "generator": GENERATOR_VERSION,
        "source": source_digest(),
        "args": {
            "counts": counts_drawn(config.counts),
            "seed": config.seed,
            "imgsz_long": config.imgsz_long,
            "backgrounds": config.backgrounds is not None,
            "lookalike_share": config.mix.lookalike_share,
            "janji_style_share": config.mix.janji_style_share,
        },
        "background_files": [p.name for p in photos],
    }
    if config.blur_reference:  # absent otherwise, as before the option existed
        payload["blur_reference"] = config.blur_reference
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def command_line(config: GenerateConfig) -> str:
    """Return the ``janjicheck generate`` command that makes this dataset again."""
    parts = ["janjicheck generate", f"--out {shlex.quote(str(config.out))}"]
    if config.backgrounds is not None:
        parts.append(f"--backgrounds {shlex.quote(str(config.backgrounds))}")
    parts += [f"--{split} {count}" for split, count in counts_drawn(config.counts).items()]
    parts += [f"--seed {config.seed}", f"--imgsz-long {config.imgsz_long}"]
    if config.mix.lookalike_share != DEFAULT_LOOKALIKE_SHARE:
        parts.append(f"--lookalike-share {config.mix.lookalike_share:g}")
    if config.mix.janji_style_share:
        parts.append(f"--lookalike-janji-style {config.mix.janji_style_share:g}")
    if config.blur_reference:
        parts.append(f"--blur-reference {config.blur_reference}")
    return " ".join(parts)


def check_config(config: GenerateConfig) -> None:
    """Check ``config``'s numbers before anything is written.

    Raises:
        ValueError: If the seed or an image count is negative, or ``imgsz_long`` or
            ``workers`` is below 1.

    """
    if config.seed < 0:
        raise ValueError(f"--seed must be >= 0, got {config.seed}")
    for split, count in config.counts.items():
        if count < 0:
            raise ValueError(f"--{split} must be >= 0, got {count}")
    if config.imgsz_long < 1:
        raise ValueError(f"--imgsz-long must be at least 1, got {config.imgsz_long}")
    if config.workers < 1:
        raise ValueError(f"--workers must be at least 1, got {config.workers}")
    if config.blur_reference < 0:
        raise ValueError(f"--blur-reference must be >= 0, got {config.blur_reference}")


def check_fonts(counts: dict[str, int]) -> None:
    """Check that every split with images to make has at least one of its fonts installed.

    Args:
        counts: Number of images per split; splits with 0 images need no font.

    Raises:
        FontsMissingError: If a split's font pool has no installed family (the message
            names the split and the packages to install).

    """
    for split in SPLITS:
        if counts.get(split, 0) > 0:
            try:
                available_fonts(split_pools(split).fonts)
            except FontsMissingError as error:
                raise FontsMissingError(f"{split} split: {error}") from None


def prepare_out(out: Path, splits: tuple[str, ...]) -> None:
    """Create the output folder, or clear the split folders of a previous dataset in it.

    A previous dataset's ``fingerprint.txt`` and contact sheets are removed too, so that a run
    that fails part-way does not leave a folder that claims to be the old dataset.

    Args:
        out: The dataset folder.
        splits: The splits to make folders for.

    Raises:
        ValueError: If ``out`` is a file, or a non-empty folder that is not a dataset of ours.

    """
    if out.exists() and not out.is_dir():
        raise ValueError(f"--out is a file, not a folder: {out}")
    if out.is_dir() and any(out.iterdir()):
        if not (out / "manifest.jsonl").exists():
            raise ValueError(f"--out folder is not empty and holds no previous dataset: {out}")
        for sub in ("images", "labels"):
            if (out / sub).is_dir():
                shutil.rmtree(out / sub)
        (out / "fingerprint.txt").unlink(missing_ok=True)
        for split in SPLITS:
            (out / f"contact_sheet_{split}.png").unlink(missing_ok=True)
    for split in splits:
        (out / "images" / split).mkdir(parents=True, exist_ok=True)
        (out / "labels" / split).mkdir(parents=True, exist_ok=True)


def _worker_init() -> None:
    cv2.setNumThreads(1)


def _run_jobs(jobs: list[ImageJob], workers: int) -> Iterator[list[dict[str, Any]]]:
    if workers <= 1:
        _worker_init()
        yield from map(render_job, jobs)
        return
    # spawn, not fork: a forked child of a process that already runs threads (onnxruntime,
    # torch, OpenCV pools) can inherit a held lock and hang.
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers, initializer=_worker_init) as pool:
        yield from pool.imap(render_job, jobs, chunksize=1)


def generate(config: GenerateConfig, progress: bool = True) -> dict[str, Any]:
    """Generate the whole dataset described by ``config``.

    Returns:
        A summary: images and labelled objects per split, the fingerprint.

    Raises:
        ValueError: On a bad number in ``config``, backgrounds folder or output folder
            (raised before the output folder is touched).
        FontsMissingError: If a split to generate has none of its fonts installed (raised
            before the output folder is touched).

    """
    check_config(config)
    check_fonts(config.counts)
    photos = backgrounds.list_photos(config.backgrounds) if config.backgrounds else ()
    prepare_out(config.out, tuple(counts_drawn(config.counts)))
    classes = load_classes()
    jobs = [
        ImageJob(
            split,
            i,
            config.seed,
            config.imgsz_long,
            backgrounds.photos_for_split(photos, split),
            config.out,
            config.mix,
            config.blur_scale,
        )
        for split in SPLITS
        for i in range(config.counts.get(split, 0))
    ]
    summary: dict[str, Any] = {s: {"images": 0, "objects": 0} for s in SPLITS}
    summary["render_errors"] = []
    with (config.out / "manifest.jsonl").open("w", encoding="utf-8") as manifest:
        bar = tqdm(
            _run_jobs(jobs, config.workers), total=len(jobs), unit="img", disable=not progress
        )
        for job, records in zip(jobs, bar, strict=True):
            summary[job.split]["images"] += 1
            summary[job.split]["objects"] += sum(1 for r in records if r.get("labelled"))
            if records and records[0].get("render_errors"):
                summary["render_errors"].extend(records[0]["render_errors"])
            for record in records:
                manifest.write(json.dumps(record, sort_keys=True) + "\n")
    data: dict[str, Any] = {"path": str(config.out.resolve())}
    data.update({split: f"images/{split}" for split in counts_drawn(config.counts)})
    data["names"] = dict(enumerate(classes.names))
    (config.out / "data.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    fp = fingerprint(config, photos)
    (config.out / "fingerprint.txt").write_text(fp + "\n")
    (config.out / "command.txt").write_text(command_line(config) + "\n")
    for split in counts_drawn(config.counts):
        sheet = config.out / f"contact_sheet_{split}.png"
        write_contact_sheet(
            config.out / "images" / split, config.out / "labels" / split, classes.names, sheet
        )
    summary["fingerprint"] = fp
    return summary
