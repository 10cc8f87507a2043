"""Recall of the privacy face detector (``vision/faces.py``) on real photos with people.

Every evidence image, report and export has its faces blurred (patients appear in audit photos),
so the detector must find them. This measures it against hand-drawn face boxes
(``benchmarks/data/face_labels.json``) on a folder of indoor photos (e.g. Open Images CC BY 2.0
photos; the labels name the files, the photos are not in the repository):

    python benchmarks/face_recall.py --photos ../shared/backgrounds/indoor

The detector runs exactly as the service runs it (``api.analysis.render_evidence``): the photo is
decoded with the default ``DecodeOptions`` (large JPEGs reduced), shrunk to at most
``EVIDENCE_LONG_SIDE`` pixels, and given to ``FaceDetector.load()`` with its default threshold and
``max_side``. ``--threshold``, ``--max-side`` and ``--upscale`` (enlarge the image by a factor
before detection, boxes scaled back) try other settings.

Matching. A labelled face counts as found when a detection overlaps its box with IoU >= 0.3.
IoU is the primary rule because it also demands the right scale: a box that covers only the
nose, or a whole body, does not hide a face even when its centre lies on it, and 0.3 leaves room
for the detector's boxes being drawn to other conventions (more forehead, ears) than ours. The
looser rule "detection centre inside the face box" is printed beside it. A face is found when
any detection matches it (two boxes on one face are harmless for blurring); a detection that
matches no labelled face at all (real, tiny or depicted) is a false positive. Blur coverage
says what is actually hidden: the share of labelled face area inside the regions
``blur_faces`` changes (each detection grown by its margin, inside an ellipse).

Recall is reported for real faces by face height in pixels of the photo as stored, and apart
for faces marked ``tiny`` (under about 12 px, unidentifiable) and ``depicted`` (posters,
paintings, magazines, mannequins). The threshold sweep runs the detector once at the lowest
threshold and keeps the boxes scoring above each threshold, which is what running at that
threshold gives (peaks and NMS only drop boxes below it; NMS lets only higher-scored boxes
suppress); the script checks this against the service run.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from vision.faces import Face, FaceDetector, blur_rect
from vision.nms import box_iou

Box = tuple[float, float, float, float]  # (x1, y1, x2, y2)

DEFAULT_LABELS = Path(__file__).resolve().parent / "data" / "face_labels.json"
IOU_MIN = 0.3
BUCKET_EDGES = (24, 48, 96)  # face height in pixels of the photo as stored
SWEEP = (0.2, 0.3, 0.5, 0.6)
BLUR_MARGIN = 0.35  # vision.faces.blur_faces default
COVERED = 0.9  # a face counts as hidden when this share of its box is blurred
RULES = ("iou", "centre")


class LabelError(ValueError):
    """The label file is missing, unreadable or malformed."""


@dataclass(frozen=True)
class LabelledFace:
    """One hand-drawn face.

    Attributes:
        box: ``(x1, y1, x2, y2)`` in pixels of the photo as stored.
        tiny: Under about 12 px high: too small to identify.
        depicted: A face in a poster, painting, magazine or a mannequin.

    """

    box: Box
    tiny: bool = False
    depicted: bool = False

    @property
    def real(self) -> bool:
        """A person's face big enough to identify (the recall that matters)."""
        return not (self.tiny or self.depicted)

    @property
    def height(self) -> float:
        """Box height in pixels."""
        return self.box[3] - self.box[1]


@dataclass(frozen=True)
class LabelledPhoto:
    """A photo and its faces (empty for photos with no people)."""

    file: str
    width: int
    height: int
    faces: tuple[LabelledFace, ...]


@dataclass(frozen=True)
class PhotoMatch:
    """Matching of one photo's detections to its labels.

    Attributes:
        found: Per labelled face, whether a detection matches it.
        false_positives: Detections matching no labelled face.

    """

    found: tuple[bool, ...]
    false_positives: int


@dataclass(frozen=True)
class Tally:
    """Found out of total."""

    found: int
    total: int

    def text(self) -> str:
        """``found/total = pct%`` (``-`` when empty)."""
        if not self.total:
            return "0/0 = -"
        return f"{self.found}/{self.total} = {100 * self.found / self.total:.1f}%"


def parse_labels(doc: Any) -> list[LabelledPhoto]:
    """Read the label document (``face_labels.json`` loaded); boxes become pixels.

    Raises:
        LabelError: If a field is missing or a box is not inside ``[0, 1]`` with ``x1 < x2``.

    """
    try:
        photos = []
        for entry in doc["photos"]:
            width, height = int(entry["width"]), int(entry["height"])
            faces = []
            for face in entry["faces"]:
                x1, y1, x2, y2 = (float(v) for v in face["box"])
                if not (0 <= x1 < x2 <= 1 and 0 <= y1 < y2 <= 1):
                    raise LabelError(f"{entry['file']}: bad box {face['box']}")
                box = (x1 * width, y1 * height, x2 * width, y2 * height)
                faces.append(LabelledFace(box, bool(face.get("tiny")), bool(face.get("depicted"))))
            photos.append(LabelledPhoto(str(entry["file"]), width, height, tuple(faces)))
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, LabelError):
            raise
        raise LabelError(f"malformed label file: {exc!r}") from exc
    return photos


def iou(a: Box, b: Box) -> float:
    """Intersection over union of two boxes (any common unit)."""
    return float(box_iou(np.array(a, np.float32), np.array([b], np.float32))[0])


def centre_inside(detection: Box, face: Box) -> bool:
    """Whether the detection's centre lies inside the face box."""
    cx, cy = (detection[0] + detection[2]) / 2, (detection[1] + detection[3]) / 2
    return face[0] <= cx <= face[2] and face[1] <= cy <= face[3]


def matches(detection: Box, face: Box, rule: str) -> bool:
    """Whether a detection hits a labelled face under ``rule`` (``iou`` or ``centre``)."""
    if rule == "iou":
        return iou(detection, face) >= IOU_MIN
    if rule == "centre":
        return centre_inside(detection, face)
    raise ValueError(f"unknown matching rule {rule!r}")


def match_photo(faces: Sequence[LabelledFace], detections: Sequence[Box], rule: str) -> PhotoMatch:
    """Match detections to labelled faces (any detection may find any face).

    Returns:
        Which faces were found, and how many detections matched no face (false positives).

    """
    found = tuple(any(matches(d, f.box, rule) for d in detections) for f in faces)
    false_positives = sum(1 for d in detections if not any(matches(d, f.box, rule) for f in faces))
    return PhotoMatch(found, false_positives)


def height_bucket(height: float, edges: Sequence[int] = BUCKET_EDGES) -> str:
    """Name of the face-height bucket (pixels): ``<24``, ``24-48``, ``48-96``, ``>=96``."""
    if height < edges[0]:
        return f"<{edges[0]}"
    for low, high in itertools.pairwise(edges):
        if height < high:
            return f"{low}-{high}"
    return f">={edges[-1]}"


def bucket_names(edges: Sequence[int] = BUCKET_EDGES) -> list[str]:
    """All bucket names, smallest faces first."""
    return (
        [f"<{edges[0]}"] + [f"{a}-{b}" for a, b in itertools.pairwise(edges)] + [f">={edges[-1]}"]
    )


def blur_mask(
    height: int, width: int, boxes: Sequence[Box], margin: float = BLUR_MARGIN
) -> npt.NDArray[np.bool_]:
    """Pixels ``vision.faces.blur_faces`` changes for these boxes (same geometry).

    Each box grown by ``margin`` of its size on every side, clipped to the image, filled as an
    inscribed ellipse.

    Args:
        height: Image height in pixels.
        width: Image width in pixels.
        boxes: Face boxes in pixels of the image.
        margin: Extra margin per side as a fraction of the box size.

    """
    mask = np.zeros((height, width), np.uint8)
    for box in boxes:
        rect = blur_rect(box, width, height, margin)
        if rect is None:
            continue
        left, top, right, bottom = rect
        region = np.zeros((bottom - top, right - left), np.uint8)
        size = (right - left, bottom - top)
        cv2.ellipse(region, ((size[0] / 2, size[1] / 2), size, 0.0), 255, -1)
        mask[top:bottom, left:right] |= region
    return mask > 0


def covered_area(mask: npt.NDArray[np.bool_], box: Box) -> tuple[float, float]:
    """Pixels of ``box`` inside ``mask``, and the box's pixel count (both as floats)."""
    height, width = mask.shape
    x1, y1 = max(0, round(box[0])), max(0, round(box[1]))
    x2, y2 = min(width, round(box[2])), min(height, round(box[3]))
    if x2 <= x1 or y2 <= y1:
        return 0.0, 0.0
    inside = mask[y1:y2, x1:x2]
    return float(inside.sum()), float(inside.size)


@dataclass(frozen=True)
class Summary:
    """Recall, false positives and coverage at one threshold.

    Attributes:
        threshold: Detector score threshold in ``[0, 1]``.
        recall: Per rule, per group (``all``, each height bucket, ``>=24``, ``tiny``,
            ``depicted``): found/total.
        false_positives: Per rule: false positives on all photos.
        fp_no_people: Per rule: false positives on photos without any labelled face.
        photos: Number of photos.
        no_people_photos: Photos without any labelled face.
        coverage: Share (0-1) of real-face area inside blurred regions.
        hidden: Real faces with at least ``COVERED`` of their box blurred.
        misses: ``(file, face height px)`` of real faces not found (primary rule).

    """

    threshold: float
    recall: dict[str, dict[str, Tally]]
    false_positives: dict[str, int]
    fp_no_people: dict[str, int]
    photos: int
    no_people_photos: int
    coverage: float
    hidden: Tally
    misses: tuple[tuple[str, float], ...]


def summarize(
    photos: Sequence[LabelledPhoto], detections: Sequence[Sequence[Face]], threshold: float
) -> Summary:
    """Score detections (pixels of the stored photos) against the labels at ``threshold``.

    Args:
        photos: The labelled photos.
        detections: Per photo, detections with boxes in pixels of the photo as stored.
        threshold: Keep detections scoring above this (as ``FaceDetector`` does).

    """
    groups = ["all", *bucket_names(), f">={BUCKET_EDGES[0]}", "tiny", "depicted"]
    counts = {rule: {g: [0, 0] for g in groups} for rule in RULES}
    fps = dict.fromkeys(RULES, 0)
    fp_empty = dict.fromkeys(RULES, 0)
    area_in = area_all = 0.0
    hidden = real = 0
    misses: list[tuple[str, float]] = []
    for photo, found_faces in zip(photos, detections, strict=True):
        boxes = [f.box for f in found_faces if f.score > threshold]
        for rule in RULES:
            result = match_photo(photo.faces, boxes, rule)
            fps[rule] += result.false_positives
            if not photo.faces:
                fp_empty[rule] += result.false_positives
            for face, hit in zip(photo.faces, result.found, strict=True):
                keys = ["tiny"] if face.tiny else ["depicted"] if face.depicted else []
                if face.real:
                    keys = ["all", height_bucket(face.height)]
                    if face.height >= BUCKET_EDGES[0]:
                        keys.append(f">={BUCKET_EDGES[0]}")
                    if rule == "iou" and not hit:
                        misses.append((photo.file, face.height))
                for key in keys:
                    counts[rule][key][0] += int(hit)
                    counts[rule][key][1] += 1
        mask = blur_mask(photo.height, photo.width, boxes)
        for face in photo.faces:
            if face.real:
                inside, total = covered_area(mask, face.box)
                area_in, area_all = area_in + inside, area_all + total
                real += 1
                hidden += int(total > 0 and inside / total >= COVERED)
    return Summary(
        threshold=threshold,
        recall={r: {g: Tally(*c) for g, c in counts[r].items()} for r in RULES},
        false_positives=fps,
        fp_no_people=fp_empty,
        photos=len(photos),
        no_people_photos=sum(1 for p in photos if not p.faces),
        coverage=area_in / area_all if area_all else 0.0,
        hidden=Tally(hidden, real),
        misses=tuple(misses),
    )


def format_summary(summary: Summary) -> list[str]:
    """Report lines for one threshold: recall by bucket (IoU, centre rule), FPs, coverage."""
    iou_r, centre_r = summary.recall["iou"], summary.recall["centre"]
    lines = [f"recall at threshold {summary.threshold:.2f} (IoU >= {IOU_MIN}; centre rule)"]
    labels = {"all": "all real faces"} | {b: f"height {b} px" for b in bucket_names()}
    labels |= {
        f">={BUCKET_EDGES[0]}": f"real faces >= {BUCKET_EDGES[0]} px",
        "tiny": "tiny (reported apart)",
        "depicted": "depicted (reported apart)",
    }
    for key, name in labels.items():
        lines.append(f"  {name:<26} {iou_r[key].text():<18} centre {centre_r[key].text()}")
    empty = summary.no_people_photos
    fp, fp_empty = summary.false_positives["iou"], summary.fp_no_people["iou"]
    lines.append(
        f"false positives: {fp_empty / max(1, empty):.2f} per no-people photo ({fp_empty} on"
        f" {empty}), {fp / max(1, summary.photos):.2f} per photo overall ({fp} on"
        f" {summary.photos})"
    )
    lines.append(
        f"blur coverage: {100 * summary.coverage:.1f}% of real-face area inside blurred regions;"
        f" faces >= {COVERED:.0%} hidden: {summary.hidden.text()}"
    )
    return lines


def format_sweep(summaries: Sequence[Summary], service: float) -> list[str]:
    """One line per threshold: recall (IoU, centre, >= 24 px), FPs per photo, coverage."""
    edge = f">={BUCKET_EDGES[0]}"
    lines = [
        "threshold sweep (recall all / centre rule / faces >= 24 px; FP per no-people photo,"
        " per photo; blur coverage)"
    ]
    for s in summaries:
        mark = "  <- service" if math.isclose(s.threshold, service) else ""
        lines.append(
            f"  {s.threshold:.2f}  {s.recall['iou']['all'].text():<17}"
            f" {s.recall['centre']['all'].text():<17} {s.recall['iou'][edge].text():<17}"
            f" FP {s.fp_no_people['iou'] / max(1, s.no_people_photos):.2f}"
            f" / {s.false_positives['iou'] / max(1, s.photos):.2f}"
            f"  cover {100 * s.coverage:.1f}%{mark}"
        )
    return lines


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--photos", type=Path, required=True, help="folder of the labelled photos")
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS, help="face label JSON")
    parser.add_argument("--threshold", type=float, default=None, help="default: the service's")
    parser.add_argument("--max-side", type=int, default=None, help="default: the service's")
    parser.add_argument(
        "--upscale", type=float, default=1.0, help="enlarge the image by this before detection"
    )
    parser.add_argument(
        "--sweep", default=",".join(str(t) for t in SWEEP), help="other thresholds, comma-separated"
    )
    parser.add_argument("--list-misses", action="store_true", help="print real faces not found")
    return parser.parse_args(argv)


def evidence_image(path: Path) -> npt.NDArray[np.uint8]:
    """The image the service blurs: decoded as served, shrunk to the evidence size."""
    from api.analysis import evidence_base
    from vision.decode import DecodeOptions, decode_file

    return evidence_base(decode_file(path, DecodeOptions()).image)


def detect(
    detector: FaceDetector, image: npt.NDArray[np.uint8], width: int, height: int, upscale: float
) -> list[Face]:
    """Detect faces; boxes in pixels of the stored photo (``width`` x ``height``)."""
    if upscale != 1.0:
        image = np.asarray(
            cv2.resize(image, None, fx=upscale, fy=upscale, interpolation=cv2.INTER_CUBIC),
            np.uint8,
        )
    sx, sy = width / image.shape[1], height / image.shape[0]
    return [
        Face((f.box[0] * sx, f.box[1] * sy, f.box[2] * sx, f.box[3] * sy), f.score)
        for f in detector.detect(image)
    ]


def load_photos(labels: Path, folder: Path) -> list[LabelledPhoto]:
    """Labels, checked against the photo folder.

    Raises:
        LabelError: If the label file is unreadable or a labelled photo is missing.

    """
    if not folder.is_dir():
        raise LabelError(f"photo folder not found: {folder}")
    try:
        doc = json.loads(labels.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise LabelError(f"cannot read the label file {labels}: {exc}") from exc
    photos = parse_labels(doc)
    missing = [p.file for p in photos if not (folder / p.file).is_file()]
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise LabelError(f"{len(missing)} labelled photos missing from {folder}: {shown}")
    return photos


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the exit status (2 on bad input)."""
    from vision.decode import ImageDecodeError
    from vision.faces import FaceModelMissingError

    args = parse_args(argv)
    try:
        photos = load_photos(args.labels, args.photos)
        sweep = sorted({float(t) for t in args.sweep.split(",") if t.strip()})
        service = FaceDetector.load()
        threshold = service.threshold if args.threshold is None else args.threshold
        max_side = service.max_side if args.max_side is None else args.max_side
        detector = (
            service
            if (threshold, max_side) == (service.threshold, service.max_side)
            else FaceDetector.load(threshold=threshold, max_side=max_side)
        )
        low = FaceDetector.load(threshold=min([threshold, *sweep]), max_side=max_side)
    except (LabelError, FaceModelMissingError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    main_runs: list[list[Face]] = []
    low_runs: list[list[Face]] = []
    for photo in photos:
        try:
            image = evidence_image(args.photos / photo.file)
        except (ImageDecodeError, OSError) as exc:
            print(f"error: cannot decode {photo.file}: {exc}", file=sys.stderr)
            return 2
        if image.shape[1] * photo.height != image.shape[0] * photo.width:
            print(
                f"error: {photo.file} is labelled {photo.width}x{photo.height} but decodes to"
                f" {image.shape[1]}x{image.shape[0]} (another aspect ratio)",
                file=sys.stderr,
            )
            return 2
        main_runs.append(detect(detector, image, photo.width, photo.height, args.upscale))
        low_runs.append(detect(low, image, photo.width, photo.height, args.upscale))

    faces = [f for p in photos for f in p.faces]
    print(
        f"face detector recall: {len(photos)} photos"
        f" ({sum(1 for p in photos if any(f.real for f in p.faces))} with real faces,"
        f" {sum(1 for p in photos if not p.faces)} with no people), {len(faces)} labelled faces"
        f" ({sum(f.real for f in faces)} real, {sum(f.tiny for f in faces)} tiny,"
        f" {sum(f.depicted for f in faces)} depicted)"
    )
    print(
        f"settings: threshold {threshold:.2f}, max_side {max_side}, upscale {args.upscale:g}"
        f" (service: threshold {service.threshold:.2f}, max_side {service.max_side},"
        " upscale 1)"
    )
    summary = summarize(photos, main_runs, threshold)
    for line in format_summary(summary):
        print(line)
    same = all(
        sorted(f.box for f in a) == sorted(f.box for f in b if f.score > threshold)
        for a, b in zip(main_runs, low_runs, strict=True)
    )
    print(f"sweep check: low-threshold run filtered at {threshold:.2f} equals the run: {same}")
    sweeps = [summarize(photos, low_runs, t) for t in sorted({threshold, *sweep})]
    for line in format_sweep(sweeps, threshold):
        print(line)
    if args.list_misses:
        print("real faces not found (IoU rule):")
        for file, height in summary.misses:
            print(f"  {file}  {height:.0f} px")
    return 0


if __name__ == "__main__":
    sys.exit(main())
