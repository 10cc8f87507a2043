"""Foreground clutter that hides parts of media: people, plants, chairs, pillars."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from datasets.synth.arrays import Image

CLOTHES = (
    (30, 30, 35),
    (40, 60, 110),
    (120, 30, 40),
    (230, 230, 225),
    (60, 90, 60),
    (160, 120, 80),
    (90, 90, 100),
)
SKIN = ((225, 185, 150), (190, 140, 100), (150, 100, 70), (110, 75, 50))


@dataclass(frozen=True)
class Occluder:
    """A full-image RGBA layer holding one foreground shape.

    Attributes:
        rgba: HxWx4 uint8, alpha 255 on the shape.
        kind: ``person``, ``plant``, ``chair`` or ``pillar``.

    """

    rgba: Image
    kind: str


def _c(
    rng: np.random.Generator, palette: tuple[tuple[int, int, int], ...]
) -> tuple[int, int, int, int]:
    base = np.array(palette[int(rng.integers(len(palette)))]) + rng.integers(-15, 16, 3)
    c = np.clip(base, 0, 255)
    return (int(c[0]), int(c[1]), int(c[2]), 255)


def person(layer: Image, rng: np.random.Generator, x: int, height: int) -> None:
    """Draw a standing person seen from the front or back, feet at or below the image bottom."""
    h = layer.shape[0]
    top = h - height
    head = max(4, int(height * rng.uniform(0.06, 0.075)))
    shoulder = int(head * rng.uniform(1.9, 2.5))
    shirt = _c(rng, CLOTHES)
    trousers = _c(rng, CLOTHES[:3]) if rng.random() < 0.7 else shirt
    skin = _c(rng, SKIN)
    hair = _c(rng, ((20, 18, 16), (45, 35, 30), (70, 60, 55)))
    hy = top + head
    neck_w = max(2, int(head * 0.45))
    cv2.rectangle(layer, (x - neck_w, hy), (x + neck_w, hy + int(head * 1.3)), skin, -1)
    cv2.ellipse(layer, (x, hy), (int(head * 0.85), head), 0, 0, 360, skin, -1, cv2.LINE_AA)
    if rng.random() < 0.4:  # hijab covering head and neck
        scarf = _c(rng, CLOTHES)
        cv2.ellipse(layer, (x, hy), (int(head * 1.05), int(head * 1.15)), 0, 0, 360, scarf, -1)
        cv2.ellipse(
            layer, (x, hy + head // 6), (int(head * 0.6), int(head * 0.75)), 0, 0, 360, skin, -1
        )
        cv2.ellipse(layer, (x, hy + head), (int(head * 1.4), int(head * 0.9)), 0, 0, 360, scarf, -1)
    else:
        cv2.ellipse(
            layer, (x, hy - head // 5), (int(head * 0.9), int(head * 0.85)), 0, 180, 360, hair, -1
        )
    torso_top = hy + int(head * 1.25)
    waist = top + int(height * 0.52)
    body = np.array(
        [
            [x - shoulder, torso_top + head // 3],
            [x - int(shoulder * 0.75), torso_top],
            [x + int(shoulder * 0.75), torso_top],
            [x + shoulder, torso_top + head // 3],
            [x + int(shoulder * 0.78), waist],
            [x - int(shoulder * 0.78), waist],
        ],
        dtype=np.int32,
    )
    cv2.fillPoly(layer, [body], shirt, cv2.LINE_AA)
    arm = max(3, int(head * 0.55))
    swing = rng.uniform(-0.25, 0.25)
    for side in (-1, 1):
        sx, sy = x + side * int(shoulder * 0.92), torso_top + head // 2
        ex = x + side * int(shoulder * (1.05 + side * swing * 0.3))
        ey = waist + int(head * 0.4)
        cv2.line(layer, (sx, sy), (ex, ey), shirt, arm, cv2.LINE_AA)
        cv2.circle(layer, (ex, ey + arm // 2), max(2, arm // 2 + 1), skin, -1, cv2.LINE_AA)
    hip = int(shoulder * 0.78)
    gap = max(1, int(shoulder * 0.06))
    stride = int(rng.uniform(-0.15, 0.15) * shoulder)
    for side in (-1, 1):
        leg = np.array(
            [
                [x + side * gap, waist],
                [x + side * hip, waist],
                [x + side * int(hip * 0.8) + side * stride, h + 5],
                [x + side * gap * 3 + side * stride, h + 5],
            ],
            dtype=np.int32,
        )
        cv2.fillPoly(layer, [leg], trousers, cv2.LINE_AA)


def plant(layer: Image, rng: np.random.Generator, x: int, bottom: int, size: int) -> None:
    """Draw a potted plant standing at ``bottom`` (pixels), about ``size`` pixels tall."""
    pot = _c(rng, ((150, 90, 60), (230, 230, 230), (60, 60, 60)))
    pw, ph = int(size * 0.3), int(size * 0.3)
    cv2.rectangle(layer, (x - pw // 2, bottom - ph), (x + pw // 2, bottom), pot, -1)
    for _ in range(int(rng.integers(10, 22))):
        ang = rng.uniform(-np.pi, 0)
        r = rng.uniform(0.2, 0.7) * size
        lx, ly = int(x + np.cos(ang) * r * 0.7), int(bottom - ph + np.sin(ang) * r)
        leaf = _c(rng, ((40, 110, 45), (70, 140, 60), (30, 80, 40)))
        cv2.line(layer, (x, bottom - ph), (lx, ly), (40, 90, 40, 255), max(1, size // 60))
        cv2.ellipse(
            layer,
            (lx, ly),
            (max(2, size // 8), max(2, size // 20)),
            float(np.degrees(ang)),
            0,
            360,
            leaf,
            -1,
            cv2.LINE_AA,
        )


def chair(layer: Image, rng: np.random.Generator, x: int, bottom: int, size: int) -> None:
    """Draw a waiting-room chair seen from the front, ``size`` pixels tall."""
    seat = _c(rng, ((40, 90, 160), (90, 90, 95), (200, 110, 40), (30, 120, 90)))
    w = int(size * 0.6)
    cv2.rectangle(
        layer, (x - w // 2, bottom - size), (x + w // 2, bottom - int(size * 0.45)), seat, -1
    )
    cv2.rectangle(
        layer,
        (x - w // 2 - 3, bottom - int(size * 0.48)),
        (x + w // 2 + 3, bottom - int(size * 0.38)),
        seat,
        -1,
    )
    leg = max(2, size // 25)
    for lx in (x - w // 2 + leg, x + w // 2 - leg):
        cv2.line(layer, (lx, bottom - int(size * 0.38)), (lx, bottom), (70, 70, 75, 255), leg)


def pillar(layer: Image, rng: np.random.Generator, x: int, width: int) -> None:
    """Draw a column or cabinet edge spanning the image height at ``x`` pixels."""
    h = layer.shape[0]
    color = _c(rng, ((220, 215, 205), (180, 170, 160), (120, 90, 60), (200, 200, 205)))
    cv2.rectangle(layer, (x - width // 2, 0), (x + width // 2, h), color, -1)
    edge = (*(int(v * 0.8) for v in color[:3]), 255)
    cv2.line(layer, (x - width // 2, 0), (x - width // 2, h), edge, 2)


def sample_occluder(
    rng: np.random.Generator,
    width: int,
    height: int,
    target: tuple[float, float, float, float] | None,
) -> Occluder:
    """Draw one occluder near ``target`` (an object box ``x1, y1, x2, y2`` in pixels) or anywhere.

    Args:
        rng: Random generator.
        width: Image width in pixels.
        height: Image height in pixels.
        target: Box to partly hide, or ``None`` for background clutter.

    """
    layer = np.zeros((height, width, 4), dtype=np.uint8)
    if target is None:
        tx = float(rng.uniform(0, width))
        bw, bh, by2 = width * 0.1, height * 0.2, height * rng.uniform(0.6, 1.0)
    else:
        side = rng.choice([0, 1])
        bw, bh, by2 = target[2] - target[0], target[3] - target[1], target[3]
        tx = target[0] + (rng.uniform(-0.2, 0.35) if side == 0 else rng.uniform(0.65, 1.2)) * bw
    kind = str(
        rng.choice(["person", "person", "person", "plant", "plant", "chair", "chair", "pillar"])
    )
    if kind == "person":
        person(layer, rng, int(tx), int(height * rng.uniform(0.45, 0.95)))
    elif kind == "plant":
        size = int(max(bh * rng.uniform(0.4, 0.8), height * 0.12))
        plant(layer, rng, int(tx), int(min(height, by2 + rng.uniform(0, 0.3) * bh)), size)
    elif kind == "chair":
        size = int(max(bh * rng.uniform(0.3, 0.6), height * 0.1))
        chair(
            layer, rng, int(tx), int(min(height + size * 0.2, by2 + rng.uniform(0, 0.4) * bh)), size
        )
    else:
        pillar(layer, rng, int(tx), int(max(8, bw * rng.uniform(0.1, 0.3))))
    # soft light from above and cloth texture, so shapes do not look flat-filled
    x, y, w, h = cv2.boundingRect(layer[:, :, 3])
    if w > 0 and h > 0:
        x0, y0 = max(0, x - 2), max(0, y - 2)
        x1, y1 = min(width, x + w + 2), min(height, y + h + 2)
        roi = layer[y0:y1, x0:x1]
        rh, rw = roi.shape[:2]
        shade = np.linspace(rng.uniform(1.0, 1.15), rng.uniform(0.6, 0.85), rh, dtype=np.float32)
        side = np.linspace(rng.uniform(0.85, 1.0), rng.uniform(0.85, 1.0), rw, dtype=np.float32)
        texture = rng.normal(1.0, 0.04, (rh // 8 + 1, rw // 8 + 1)).astype(np.float32)
        texture = np.asarray(
            cv2.resize(texture, (rw, rh), interpolation=cv2.INTER_LINEAR), dtype=np.float32
        )
        gain = shade[:, None] * side[None, :] * texture
        roi[:, :, :3] = np.clip(roi[:, :, :3] * gain[:, :, None], 0, 255).astype(np.uint8)
        roi[:, :, :3] = cv2.GaussianBlur(roi[:, :, :3], (3, 3), 0.8)
        roi[:, :, 3] = cv2.GaussianBlur(roi[:, :, 3], (3, 3), 0.8)
    return Occluder(rgba=layer, kind=kind)
