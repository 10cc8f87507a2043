"""Compose one photo: place several media on a background with perspective, light and clutter."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import cv2
import numpy as np

from datasets.synth import geometry, occluders, photometric, physical
from datasets.synth.arrays import FloatImage, Image, Points

MIN_VISIBLE = 0.35  # drop the label of an object less visible than this (fraction of its area)
MIN_IN_FRAME = 0.5  # drop the label of an object cut by the image border by more than half
MAX_OCCLUSION = 0.4  # an occluder may hide at most this much of a labelled object
MAX_IOU = 0.1  # media boxes overlap at most this much
MIN_BOX_PX = 6  # labelled boxes are at least this many pixels on each side


class SpecLike(Protocol):
    """The parts of a medium specification the compositor reads."""

    @property
    def form(self) -> str: ...  # noqa: D102
    @property
    def content(self) -> str: ...  # noqa: D102
    @property
    def design(self) -> str: ...  # noqa: D102
    @property
    def palette(self) -> str: ...  # noqa: D102
    @property
    def font(self) -> str: ...  # noqa: D102


class MediumLike(Protocol):
    """The parts of a rendered medium the compositor reads."""

    @property
    def image(self) -> np.ndarray: ...  # noqa: D102
    @property
    def spec(self) -> SpecLike: ...  # noqa: D102
    @property
    def class_name(self) -> str: ...  # noqa: D102
    @property
    def lookalike(self) -> str | None: ...  # noqa: D102


@dataclass(frozen=True)
class PlacedObject:
    """One medium as it ended up in the photo.

    Attributes:
        medium: The rendered medium.
        box: ``(x1, y1, x2, y2)`` pixels: extent of the object's in-frame pixels (stand included).
        visible: Fraction of the object's area that is in frame and not hidden (0..1).
        in_frame: Fraction of the object's area inside the image (0..1).
        area_pct: Box area as a percentage of the image area.
        labelled: Whether the object gets a label (visible and in frame enough).
        dressing: Physical dressing (``frame_wood``, ``rollup``, ``plain`` ...).
        yaw: Yaw in degrees.
        pitch: Pitch in degrees.

    """

    medium: MediumLike
    box: tuple[int, int, int, int]
    visible: float
    in_frame: float
    area_pct: float
    labelled: bool
    dressing: str
    yaw: float
    pitch: float


@dataclass(frozen=True)
class Scene:
    """A composed photo and what is in it.

    Attributes:
        image: HxWx3 uint8 RGB.
        objects: Every placed medium, labelled or not, in drawing order.
        occluders: Kinds of foreground occluders drawn.

    """

    image: Image
    objects: tuple[PlacedObject, ...]
    occluders: tuple[str, ...]


# (min, max) box area as a fraction of the image, per physical form
AREA_RANGE = {
    "poster": (0.01, 0.25),
    "banner": (0.03, 0.35),
    "spanduk": (0.03, 0.35),
    "sign": (0.01, 0.05),
}
# vertical band (fractions of image height) for the box centre (or bottom for banners)
VERTICAL = {
    "poster": (0.2, 0.62),
    "banner": (0.62, 1.02),
    "spanduk": (0.1, 0.45),
    "sign": (0.15, 0.65),
}


def sample_area(rng: np.random.Generator, form: str) -> float:
    """Draw a box area fraction: log-uniform in the form's range, with many small far objects."""
    lo, hi = AREA_RANGE.get(form, (0.01, 0.25))
    if form != "sign" and rng.random() < 0.35:
        hi = min(hi, 0.04)
        lo = min(lo, 0.01)
    return float(math.exp(rng.uniform(math.log(lo), math.log(max(hi, lo * 1.01)))))


def sample_pose(rng: np.random.Generator, form: str) -> geometry.Pose:
    """Draw a viewing angle: yaw up to ±55°, pitch up to ±20°, small roll, phone-like focal."""
    yaw = (
        rng.uniform(-55, 55) if rng.random() < 0.55 else float(np.clip(rng.normal(0, 15), -55, 55))
    )
    if form == "spanduk":
        pitch = rng.uniform(-20, 5)  # hung high: seen from below
    elif form == "banner":
        pitch = rng.uniform(-8, 10)
    else:
        pitch = rng.uniform(-20, 20) if rng.random() < 0.5 else rng.normal(0, 6)
    roll = float(np.clip(rng.normal(0, 2.0), -6, 6))
    return geometry.Pose(
        yaw=float(yaw),
        pitch=float(np.clip(pitch, -20, 20)),
        roll=roll,
        focal=float(rng.uniform(0.75, 1.3)),
    )


def dress(face: Image, form: str, rng: np.random.Generator) -> physical.Dressed:
    """Apply the physical form: frames/tape/glare (posters), stands (banners), cloth (spanduk)."""
    if form == "banner":
        dressed = (
            physical.add_rollup_stand(face, rng)
            if rng.random() < 0.7
            else physical.add_xbanner_stand(face, rng)
        )
    elif form == "spanduk":
        dressed = physical.spanduk_cloth(face, rng)
    elif form == "sign":
        dressed = physical.add_plate(face, rng) if rng.random() < 0.6 else physical.plain(face)
    else:
        r = rng.random()
        laminated = rng.random() < 0.35
        if laminated:
            face = photometric.add_glare(face, rng)
        if r < 0.35:
            dressed = physical.add_frame(face, rng)
        elif r < 0.5:
            dressed = physical.add_tape(face, rng)
        else:
            dressed = physical.plain(face)
    shaded = photometric.shade_face(dressed.rgba, rng)
    if form == "poster" and dressed.kind.startswith("frame") and rng.random() < 0.4:
        shaded = photometric.add_glare(shaded, rng)
    return physical.Dressed(rgba=shaded, rope_anchors=dressed.rope_anchors, kind=dressed.kind)


def _as_rgba(image: np.ndarray) -> Image:
    arr = np.asarray(image, dtype=np.uint8)
    if arr.ndim != 3 or arr.shape[2] not in (3, 4):
        raise ValueError(f"medium image must be HxWx3 or HxWx4, got shape {arr.shape}")
    if arr.shape[2] == 3:
        arr = np.concatenate([arr, np.full((*arr.shape[:2], 1), 255, np.uint8)], axis=2)
    return arr


def _prescale(face: Image, quad: Points) -> Image:
    """Shrink a face to about 1.5x the resolution the projected quad needs (antialiasing)."""
    h, w = face.shape[:2]
    edges = np.linalg.norm(quad - np.roll(quad, -1, axis=0), axis=1)
    need = max(edges[0] / w, edges[2] / w, edges[1] / h, edges[3] / h) * 1.5
    if need >= 1.0:
        return face
    size = (max(8, round(w * need)), max(8, round(h * need)))
    return np.asarray(cv2.resize(face, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)


@dataclass(frozen=True)
class Clutter:
    """Edge density of a background, to prefer plain wall areas for media.

    Attributes:
        integral: Integral image of the gradient magnitude at ``1/scale`` resolution.
        scale: Downsampling factor (image pixels per map pixel).

    """

    integral: np.ndarray
    scale: int

    @classmethod
    def of(cls, background: Image, scale: int = 8) -> Clutter:
        """Measure the clutter of an RGB background."""
        h, w = background.shape[:2]
        grey = cv2.cvtColor(background, cv2.COLOR_RGB2GRAY)
        small = cv2.resize(
            grey, (max(1, w // scale), max(1, h // scale)), interpolation=cv2.INTER_AREA
        )
        small = small.astype(np.float32)
        gx = cv2.Sobel(small, cv2.CV_32F, 1, 0, ksize=3)
        gy = cv2.Sobel(small, cv2.CV_32F, 0, 1, ksize=3)
        return cls(integral=cv2.integral(np.sqrt(gx * gx + gy * gy)), scale=scale)

    def score(self, box: tuple[float, float, float, float]) -> float:
        """Mean gradient magnitude inside a box given in image pixels."""
        rows, cols = self.integral.shape[0] - 1, self.integral.shape[1] - 1
        x1 = int(np.clip(box[0] / self.scale, 0, cols - 1))
        y1 = int(np.clip(box[1] / self.scale, 0, rows - 1))
        x2 = int(np.clip(box[2] / self.scale, x1 + 1, cols))
        y2 = int(np.clip(box[3] / self.scale, y1 + 1, rows))
        ii = self.integral
        total = ii[y2, x2] - ii[y1, x2] - ii[y2, x1] + ii[y1, x1]
        return float(total) / ((x2 - x1) * (y2 - y1))


def _place(
    rng: np.random.Generator,
    quad: Points,
    form: str,
    size: tuple[int, int],
    taken: Sequence[tuple[float, float, float, float]],
    clutter: Clutter,
) -> Points | None:
    """Move a centred quad into the image: the form's height band, little truncation, no overlap.

    Among a few free spots the plainest (fewest edges, e.g. a bare wall) is usually taken.
    """
    width, height = size
    x1, y1, x2, y2 = geometry.bounds(quad)
    bw, bh = x2 - x1, y2 - y1
    lo, hi = VERTICAL.get(form, (0.2, 0.6))
    wanted = 1 if rng.random() < 0.3 else 4
    found: list[tuple[float, float, float]] = []
    for _ in range(20):
        slack = 0.25 * bw if rng.random() < 0.15 else 0.0
        cx = rng.uniform(bw / 2 - slack, max(bw / 2 - slack + 1, width - bw / 2 + slack))
        anchor = rng.uniform(lo, hi) * height
        cy = anchor - bh / 2 if form == "banner" else anchor
        cy = float(np.clip(cy, bh / 2 - 0.2 * bh, height - bh / 2 + 0.2 * bh))
        box = (cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2)
        area = bw * bh
        ok = True
        for other in taken:
            inter_w = max(0.0, min(box[2], other[2]) - max(box[0], other[0]))
            inter_h = max(0.0, min(box[3], other[3]) - max(box[1], other[1]))
            small = min(area, (other[2] - other[0]) * (other[3] - other[1]))
            if geometry.iou(box, other) >= MAX_IOU or inter_w * inter_h > 0.08 * small:
                ok = False
                break
        if ok:
            found.append((clutter.score(box), float(cx), cy))
            if len(found) >= wanted:
                break
    if not found:
        return None
    _, cx, cy = min(found)
    return np.asarray(quad - [(x1 + x2) / 2, (y1 + y2) / 2] + [cx, cy], dtype=np.float64)


@dataclass
class _Drawn:
    medium: MediumLike
    index: int
    box: tuple[int, int, int, int]
    total: float
    in_frame: float
    dressing: str
    pose: geometry.Pose


def _draw_ropes(scene: FloatImage, anchors: Points, rng: np.random.Generator) -> None:
    h, w = scene.shape[:2]
    color = rng.choice([[240, 240, 235], [30, 30, 30], [40, 80, 170], [220, 190, 40]])
    thick = int(rng.integers(1, 3))
    for i, (ax, ay) in enumerate(anchors):
        side = -1 if i % 2 == 0 else 1
        end = (int(ax + side * rng.uniform(0.0, 0.05) * w), int(ay - rng.uniform(0.02, 0.1) * h))
        cv2.line(scene, (int(ax), int(ay)), end, [float(c) for c in color], thick, cv2.LINE_AA)


def compose_scene(
    rng: np.random.Generator,
    background: Image,
    media: Sequence[MediumLike],
    blur_scale: float = 1.0,
) -> Scene:
    """Composite media onto a background and return the photo with per-object geometry.

    Args:
        rng: Random generator; the result is a pure function of its state and the inputs.
        background: HxWx3 uint8 RGB background.
        media: Rendered media in drawing order (later ones may slightly overlap earlier ones).
        blur_scale: Factor on every blur drawn in pixels (a medium out of the focal plane,
            camera defocus and shake); 1 draws them in pixels of ``background``.

    Returns:
        The composed scene. Objects that found no free place are left out.

    """
    height, width = background.shape[:2]
    scene = background.astype(np.float32)
    owner = np.full((height, width), -1, dtype=np.int16)
    clutter = Clutter.of(background)
    drawn: list[_Drawn] = []
    taken: list[tuple[float, float, float, float]] = []
    for medium in media:
        form = medium.spec.form
        face = _as_rgba(medium.image)
        pose = sample_pose(rng, form)
        area = sample_area(rng, form) * width * height
        fh, fw = face.shape[:2]
        quad0 = geometry.fit_box_area(
            geometry.project_face(fw, fh, pose, math.sqrt(area), max(width, height)), area
        )
        face = _prescale(face, quad0)
        dressed = dress(face, form, rng)
        dh, dw = dressed.rgba.shape[:2]
        quad = geometry.project_face(dw, dh, pose, math.sqrt(area), max(width, height))
        quad = geometry.fit_box_area(quad, area)
        x1, y1, x2, y2 = geometry.bounds(quad)
        shrink = min(1.0, 0.95 * width / (x2 - x1), 0.95 * height / (y2 - y1))
        quad = quad * shrink
        placed = _place(rng, quad, form, (width, height), taken, clutter)
        if placed is None:
            continue
        ix1, iy1, ix2, iy2 = geometry.bounds(placed)
        ox, oy = math.floor(ix1), math.floor(iy1)
        cw, ch = math.ceil(ix2) - ox + 1, math.ceil(iy2) - oy + 1
        src = geometry.face_corners(dw, dh)
        matrix = geometry.homography(src, placed - [ox, oy])
        warped = cv2.warpPerspective(
            dressed.rgba,
            matrix,
            (cw, ch),
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=(0, 0, 0, 0),
        )
        alpha_full = warped[:, :, 3].astype(np.float32) / 255.0
        total = float(alpha_full.sum())
        if total < 1.0:
            continue
        # clip the canvas to the image
        sx1, sy1 = max(0, -ox), max(0, -oy)
        sx2, sy2 = min(cw, width - ox), min(ch, height - oy)
        if sx2 <= sx1 or sy2 <= sy1:
            continue
        alpha = alpha_full[sy1:sy2, sx1:sx2]
        rgb = warped[sy1:sy2, sx1:sx2, :3].astype(np.float32)
        gx1, gy1 = ox + sx1, oy + sy1
        gx2, gy2 = gx1 + (sx2 - sx1), gy1 + (sy2 - sy1)
        in_frame = float(alpha.sum()) / total
        region = scene[gy1:gy2, gx1:gx2]
        if len(dressed.rope_anchors) and rng.random() < 0.8:
            anchors = geometry.transform(matrix, dressed.rope_anchors) + np.array([ox, oy])
            _draw_ropes(scene, anchors, rng)
        rgb = photometric.match_light(rgb, np.clip(region, 0, 255).astype(np.uint8), rng)
        if dressed.kind == "frame_acrylic" or (form == "poster" and rng.random() < 0.1):
            rgb = photometric.glass_reflection(rgb, region, rng)
        if rng.random() < 0.25:  # out of the focal plane
            sigma = rng.uniform(0.5, 1.4) * blur_scale
            rgb = np.asarray(cv2.GaussianBlur(rgb, (0, 0), sigma), np.float32)
        size_px = math.sqrt(area)
        margin = int(size_px * 0.08) + 2
        wx1, wy1 = max(0, gx1 - margin), max(0, gy1 - margin)
        wx2, wy2 = min(width, gx2 + margin), min(height, gy2 + margin)
        win_alpha = np.zeros((wy2 - wy1, wx2 - wx1), np.float32)
        win_alpha[gy1 - wy1 : gy2 - wy1, gx1 - wx1 : gx2 - wx1] = alpha
        if rng.random() < 0.75:
            # flat prints lie on the wall and cast little shadow; frames, plates, stands more
            depth = 0.3 if dressed.kind in ("plain", "tape", "spanduk_cloth") else 1.0
            photometric.cast_shadow(scene[wy1:wy2, wx1:wx2], win_alpha, rng, size_px * depth)
        region = scene[gy1:gy2, gx1:gx2]
        region[:] = region * (1.0 - alpha[:, :, None]) + rgb * alpha[:, :, None]
        solid = alpha >= 0.5
        ys, xs = np.nonzero(solid)
        if len(xs) == 0:
            continue
        index = len(drawn)
        owner[gy1:gy2, gx1:gx2][solid] = index
        box = (
            int(gx1 + xs.min()),
            int(gy1 + ys.min()),
            int(gx1 + xs.max() + 1),
            int(gy1 + ys.max() + 1),
        )
        taken.append((float(ix1), float(iy1), float(ix2), float(iy2)))
        solid_total = total * float(solid.sum()) / max(float(alpha.sum()), 1e-6)
        drawn.append(_Drawn(medium, index, box, solid_total, in_frame, dressed.kind, pose))
    kinds = _add_occluders(rng, scene, owner, drawn)
    objects = []
    counts = np.bincount(owner[owner >= 0].ravel(), minlength=len(drawn))
    for d in drawn:
        visible = float(counts[d.index]) / max(d.total, 1.0)
        visible = min(visible, d.in_frame)
        bw, bh = d.box[2] - d.box[0], d.box[3] - d.box[1]
        labelled = (
            visible >= MIN_VISIBLE and d.in_frame >= MIN_IN_FRAME and min(bw, bh) >= MIN_BOX_PX
        )
        objects.append(
            PlacedObject(
                medium=d.medium,
                box=d.box,
                visible=round(visible, 4),
                in_frame=round(d.in_frame, 4),
                area_pct=round(100.0 * bw * bh / (width * height), 3),
                labelled=labelled,
                dressing=d.dressing,
                yaw=round(d.pose.yaw, 2),
                pitch=round(d.pose.pitch, 2),
            )
        )
    image = photometric.camera_effects(scene, rng, blur_scale)
    return Scene(image=image, objects=tuple(objects), occluders=tuple(kinds))


def _add_occluders(
    rng: np.random.Generator, scene: FloatImage, owner: np.ndarray, drawn: Sequence[_Drawn]
) -> list[str]:
    """Draw 0-2 occluders, each hiding at most ``MAX_OCCLUSION`` of any object."""
    height, width = scene.shape[:2]
    n = int(rng.choice([0, 0, 0, 0, 0, 1, 1, 1, 2, 2]))
    kinds: list[str] = []
    for _ in range(n):
        for _attempt in range(4):
            target = None
            if drawn and rng.random() < 0.75:
                d = drawn[int(rng.integers(len(drawn)))]
                target = tuple(float(v) for v in d.box)
            occ = occluders.sample_occluder(rng, width, height, target)  # type: ignore[arg-type]
            hidden = occ.rgba[:, :, 3] >= 128
            size = len(drawn)
            now = np.bincount(owner[owner >= 0].ravel(), minlength=size)[:size]
            under = owner[hidden]
            lost = np.bincount(under[under >= 0].ravel(), minlength=size)[:size]
            if size and np.any((now > 0) & (lost > MAX_OCCLUSION * now)):
                continue
            x, y, w, h = cv2.boundingRect(occ.rgba[:, :, 3])
            if w == 0 or h == 0:
                continue
            a = occ.rgba[y : y + h, x : x + w, 3:4].astype(np.float32) / 255.0
            roi = scene[y : y + h, x : x + w]
            roi[:] = roi * (1 - a) + occ.rgba[y : y + h, x : x + w, :3].astype(np.float32) * a
            owner[hidden] = -1
            kinds.append(occ.kind)
            break
    return kinds
