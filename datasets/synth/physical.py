"""Physical dressing of flat media faces: frames, tape, banner stands, cloth sag and grommets.

Every function takes an RGBA face (HxWx4 uint8) and returns a new, possibly larger RGBA canvas
in the same flat plane; transparent pixels are not part of the object.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from datasets.synth.arrays import Image, Points


@dataclass(frozen=True)
class Dressed:
    """A dressed face and where ropes attach.

    Attributes:
        rgba: HxWx4 uint8 canvas; alpha marks the object (stand and frame included).
        rope_anchors: Nx2 points in canvas pixels where ropes attach (spanduk), maybe empty.
        kind: Short name of the dressing, for the manifest (e.g. ``frame_wood``, ``rollup``).

    """

    rgba: Image
    rope_anchors: Points
    kind: str


NO_ANCHORS: Points = np.zeros((0, 2), dtype=np.float64)


def _pad(face: Image, left: int, top: int, right: int, bottom: int) -> Image:
    h, w = face.shape[:2]
    canvas = np.zeros((h + top + bottom, w + left + right, 4), dtype=np.uint8)
    canvas[top : top + h, left : left + w] = face
    return canvas


def paste_rgba(dst: Image, src: Image, x: int, y: int) -> None:
    """Alpha-blend RGBA ``src`` onto RGBA ``dst`` in place with its top-left at ``(x, y)`` px."""
    h, w = src.shape[:2]
    region = dst[y : y + h, x : x + w]
    a = src[:, :, 3:4].astype(np.float32) / 255.0
    region[:, :, :3] = (src[:, :, :3] * a + region[:, :, :3] * (1 - a)).astype(np.uint8)
    region[:, :, 3] = np.maximum(region[:, :, 3], src[:, :, 3])


FRAME_STYLES = ("wood", "metal", "black", "acrylic", "white")


def add_frame(face: Image, rng: np.random.Generator) -> Dressed:
    """Put a poster in a frame (wood, metal, black, acrylic or white), sometimes with a mat."""
    style = FRAME_STYLES[int(rng.integers(len(FRAME_STYLES)))]
    h, w = face.shape[:2]
    short = min(h, w)
    if rng.random() < 0.3:  # white mat inside the frame
        m = max(2, int(short * rng.uniform(0.03, 0.07)))
        matted = _pad(face, m, m, m, m)
        matted[:, :, :3] = np.where(matted[:, :, 3:4] > 0, matted[:, :, :3], 245)
        matted[:, :, 3] = 255
        face = matted
        h, w = face.shape[:2]
    t = max(
        2,
        int(short * (rng.uniform(0.01, 0.025) if style == "acrylic" else rng.uniform(0.025, 0.06))),
    )
    canvas = _pad(face, t, t, t, t)
    ch, cw = canvas.shape[:2]
    border = np.ones((ch, cw), dtype=bool)
    border[t : ch - t, t : cw - t] = False
    if style == "wood":
        base = np.array([rng.uniform(90, 160), rng.uniform(55, 100), rng.uniform(25, 55)])
        grain = rng.normal(0, 1, cw + ch).cumsum()
        grain = (grain - grain.mean()) / (grain.std() + 1e-6) * 12
        yy, xx = np.mgrid[0:ch, 0:cw]
        tex = base[None, None, :] + grain[(xx + yy) % (cw + ch)][:, :, None]
    elif style == "metal":
        g = rng.uniform(150, 210)
        yy, xx = np.mgrid[0:ch, 0:cw]
        tex = np.full((ch, cw, 3), g) + 30 * np.sin((xx + yy) / max(cw, ch) * np.pi)[:, :, None]
    elif style == "black":
        tex = np.full((ch, cw, 3), rng.uniform(15, 45))
    elif style == "white":
        tex = np.full((ch, cw, 3), rng.uniform(225, 250))
    else:
        tex = np.full((ch, cw, 3), rng.uniform(200, 235))
    canvas[border, :3] = np.clip(tex[border], 0, 255).astype(np.uint8)
    canvas[border, 3] = 255
    # inner bevel shadow
    cv2.rectangle(canvas, (t, t), (cw - t - 1, ch - t - 1), (0, 0, 0, 255), max(1, t // 6))
    if style == "acrylic":  # a glass sheet over the poster: light veil
        canvas[:, :, :3] = (canvas[:, :, :3].astype(np.float32) * 0.93 + 14).astype(np.uint8)
    return Dressed(rgba=canvas, rope_anchors=NO_ANCHORS, kind=f"frame_{style}")


def add_tape(face: Image, rng: np.random.Generator) -> Dressed:
    """Stick translucent tape pieces over the corners of a poster."""
    h, w = face.shape[:2]
    m = max(4, int(min(h, w) * 0.04))
    canvas = _pad(face, m, m, m, m)
    tape_len = int(min(h, w) * rng.uniform(0.08, 0.14))
    tape_w = max(3, tape_len // 3)
    tint = rng.uniform(200, 250)
    corners = [(m, m), (w + m, m), (w + m, h + m), (m, h + m)]
    for i, (cx, cy) in enumerate(corners):
        if rng.random() < 0.15:
            continue
        angle = 45.0 + 90.0 * i + float(rng.normal(0, 8))
        box = cv2.boxPoints(((float(cx), float(cy)), (float(tape_len), float(tape_w)), angle))
        layer = np.zeros_like(canvas)
        cv2.fillPoly(layer, [box.astype(np.int32)], (int(tint), int(tint), int(tint * 0.95), 120))
        paste_rgba(canvas, layer, 0, 0)
    return Dressed(rgba=canvas, rope_anchors=NO_ANCHORS, kind="tape")


def add_rollup_stand(face: Image, rng: np.random.Generator) -> Dressed:
    """Mount a banner on a roll-up stand: top bar above, base cassette with feet below."""
    h, w = face.shape[:2]
    bar_h = max(3, int(h * rng.uniform(0.008, 0.014)))
    base_h = max(6, int(h * rng.uniform(0.035, 0.055)))
    feet_h = max(2, int(base_h * 0.25))
    side = max(2, int(w * rng.uniform(0.02, 0.05)))
    canvas = _pad(face, side, bar_h, side, base_h + feet_h)
    ch, cw = canvas.shape[:2]
    metal = float(rng.uniform(150, 215)) if rng.random() < 0.75 else float(rng.uniform(30, 60))
    dark = metal * 0.55
    # top bar, slightly wider than the banner
    bx = max(0, side - max(1, side // 2))
    cv2.rectangle(
        canvas, (bx, 0), (cw - 1 - bx, bar_h + 1), (int(metal), int(metal), int(metal), 255), -1
    )
    # base cassette: rounded box with a darker lower edge
    top = bar_h + h - max(1, base_h // 6)
    cv2.rectangle(
        canvas, (0, top), (cw - 1, top + base_h), (int(metal), int(metal), int(metal), 255), -1
    )
    cv2.rectangle(
        canvas,
        (0, top + int(base_h * 0.7)),
        (cw - 1, top + base_h),
        (int(dark), int(dark), int(dark), 255),
        -1,
    )
    highlight = min(255, int(metal * 1.15))
    cv2.line(
        canvas,
        (1, top + 1),
        (cw - 2, top + 1),
        (highlight, highlight, highlight, 255),
        max(1, base_h // 8),
    )
    for cx in (0, cw - 1):  # rounded end caps
        cv2.ellipse(
            canvas,
            (cx, top + base_h // 2),
            (max(2, side), base_h // 2),
            0,
            0,
            360,
            (int(dark), int(dark), int(dark), 255),
            -1,
        )
    canvas[:, :1, 3] = np.where(canvas[:, :1, 3] > 0, canvas[:, :1, 3], 0)
    # swivel feet
    fw = max(3, int(cw * 0.12))
    for fx in (int(cw * 0.08), int(cw * 0.92) - fw):
        cv2.rectangle(canvas, (fx, top + base_h), (fx + fw, ch - 1), (25, 25, 25, 255), -1)
    return Dressed(rgba=canvas, rope_anchors=NO_ANCHORS, kind="rollup")


def add_xbanner_stand(face: Image, rng: np.random.Generator) -> Dressed:
    """Mount a banner on an X-banner frame: crossing poles from the top corners to the floor."""
    h, w = face.shape[:2]
    leg = int(h * rng.uniform(0.12, 0.22))
    splay = int(w * rng.uniform(0.04, 0.12))
    canvas = _pad(face, splay, 0, splay, leg)
    ch, cw = canvas.shape[:2]
    pole = max(2, int(w * rng.uniform(0.008, 0.014)))
    shade = int(rng.uniform(30, 90))
    layer = np.zeros_like(canvas)
    color = (shade, shade, shade, 255)
    cv2.line(layer, (splay, 0), (cw - 1 - pole, ch - 1), color, pole, cv2.LINE_AA)
    cv2.line(layer, (cw - 1 - splay, 0), (pole, ch - 1), color, pole, cv2.LINE_AA)
    under = layer.copy()
    paste_rgba(under, canvas, 0, 0)  # poles behind the banner
    for x in (splay, cw - 1 - splay):  # corner hooks in front
        for y in (pole * 2, h - pole * 2):
            cv2.circle(under, (x, y), pole * 2, (shade, shade, shade, 255), -1)
    for x in (pole, cw - 1 - pole):  # rubber feet
        cv2.circle(under, (x, ch - 1 - pole), pole * 2, (20, 20, 20, 255), -1)
    return Dressed(rgba=under, rope_anchors=NO_ANCHORS, kind="xbanner")


def add_plate(face: Image, rng: np.random.Generator) -> Dressed:
    """Give a small sign a plate look: thin edge, sometimes screws or a standoff shadow."""
    h, w = face.shape[:2]
    e = max(2, int(min(h, w) * rng.uniform(0.015, 0.04)))
    canvas = _pad(face, e, e, e, e)
    ch, cw = canvas.shape[:2]
    edge = int(rng.uniform(170, 240)) if rng.random() < 0.6 else int(rng.uniform(20, 70))
    ring = canvas[:, :, 3] == 0
    canvas[ring] = (edge, edge, edge, 255)
    if rng.random() < 0.5:
        r = max(2, e)
        for x in (e * 3, cw - 1 - e * 3):
            for y in (e * 3, ch - 1 - e * 3):
                cv2.circle(canvas, (x, y), r, (190, 190, 195, 255), -1)
                cv2.circle(canvas, (x, y), r, (90, 90, 95, 255), 1)
    return Dressed(rgba=canvas, rope_anchors=NO_ANCHORS, kind="plate")


def spanduk_cloth(face: Image, rng: np.random.Generator) -> Dressed:
    """Make a spanduk look like hung cloth: grommets, sagging top/bottom edges, soft waves.

    Returns:
        The warped canvas and the top (and sometimes bottom) corner grommets as rope anchors.

    """
    h, w = face.shape[:2]
    canvas = face.copy()
    # hem and grommets
    hem = max(2, int(h * 0.03))
    cv2.rectangle(canvas, (0, 0), (w - 1, h - 1), (235, 235, 235, 255), max(1, hem // 3))
    n = int(rng.integers(3, 8))
    r = max(2, int(h * rng.uniform(0.02, 0.035)))
    xs = np.linspace(hem + r, w - 1 - hem - r, n)
    grommets = [(float(x), float(y)) for x in xs for y in (hem + r, h - 1 - hem - r)]
    for gx, gy in grommets:
        cv2.circle(canvas, (int(gx), int(gy)), r, (200, 200, 205, 255), -1)
        cv2.circle(canvas, (int(gx), int(gy)), max(1, r // 2), (60, 60, 60, 255), -1)
    # sag and waves by remapping on a padded canvas
    sag = h * rng.uniform(0.0, 0.08)
    wave = h * rng.uniform(0.0, 0.025)
    pad = int(sag + wave + 3)
    padded = _pad(canvas, 0, pad, 0, pad)
    ch = padded.shape[0]
    xx, yy = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(ch, dtype=np.float32))
    u = xx / max(w - 1, 1)
    freq = rng.uniform(2.0, 6.0)
    phase = rng.uniform(0, 2 * np.pi)
    dy = sag * np.sin(np.pi * u) * (1.0 - 0.5 * (yy - pad) / max(h, 1)) + wave * np.sin(
        2 * np.pi * freq * u + phase
    )
    map_y = (yy - dy).astype(np.float32)
    warped = cv2.remap(
        padded,
        xx,
        map_y,
        cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=(0, 0, 0, 0),
    )
    # folds: darken along wave troughs
    shade = 1.0 - 0.12 * np.abs(np.sin(2 * np.pi * freq * u + phase))[:, :, None] * (
        wave > h * 0.008
    )
    warped[:, :, :3] = np.clip(warped[:, :, :3] * shade, 0, 255).astype(np.uint8)
    anchors = np.array(
        [[hem + r, pad + hem + r], [w - 1 - hem - r, pad + hem + r]], dtype=np.float64
    )
    return Dressed(
        rgba=np.asarray(warped, dtype=np.uint8), rope_anchors=anchors, kind="spanduk_cloth"
    )


def plain(face: Image) -> Dressed:
    """Leave a face as it is (a poster glued flat to the wall)."""
    return Dressed(rgba=face, rope_anchors=NO_ANCHORS, kind="plain")
