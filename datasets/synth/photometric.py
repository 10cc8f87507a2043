"""Light and camera effects: scene light matching, shading, glare, shadows, blur, noise, JPEG."""

from __future__ import annotations

import cv2
import numpy as np

from datasets.synth.arrays import FloatImage, Image


def shade_face(rgba: Image, rng: np.random.Generator) -> Image:
    """Apply a soft linear light gradient across a flat face (uneven room light), RGBA in/out."""
    h, w = rgba.shape[:2]
    angle = rng.uniform(0, 2 * np.pi)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    t = (np.cos(angle) * xx / max(w, 1) + np.sin(angle) * yy / max(h, 1)).astype(np.float32)
    t -= t.min()
    t /= max(float(t.max()), 1e-6)
    lo, hi = sorted((rng.uniform(0.72, 1.0), rng.uniform(0.92, 1.08)))
    gain = lo + (hi - lo) * t
    out = rgba.copy()
    # printed ink never reaches pure black/white: lift blacks, compress a little
    rgb = rgba[:, :, :3].astype(np.float32) * rng.uniform(0.86, 0.96) + rng.uniform(6, 20)
    out[:, :, :3] = np.clip(rgb * gain[:, :, None], 0, 255).astype(np.uint8)
    return out


def add_glare(rgba: Image, rng: np.random.Generator) -> Image:
    """Add a specular highlight (laminated or glass-covered print): a bright soft ellipse/streak."""
    h, w = rgba.shape[:2]
    layer = np.zeros((h, w), dtype=np.float32)
    cx, cy = int(rng.uniform(0.1, 0.9) * w), int(rng.uniform(0.1, 0.9) * h)
    ax = max(2, int(rng.uniform(0.05, 0.3) * w))
    ay = max(2, int(ax * rng.uniform(0.15, 0.8)))
    cv2.ellipse(layer, (cx, cy), (ax, ay), float(rng.uniform(0, 180)), 0, 360, 1.0, -1)
    sigma = max(1.0, ax * rng.uniform(0.2, 0.5))
    layer = np.asarray(cv2.GaussianBlur(layer, (0, 0), sigma), dtype=np.float32)
    layer /= max(float(layer.max()), 1e-6)
    strength = rng.uniform(0.35, 0.9)
    out = rgba.copy()
    rgb = rgba[:, :, :3].astype(np.float32)
    out[:, :, :3] = np.clip(rgb + (255 - rgb) * (layer * strength)[:, :, None], 0, 255).astype(
        np.uint8
    )
    return out


def match_light(rgb: FloatImage, region: Image, rng: np.random.Generator) -> FloatImage:
    """Scale a face's colours to the light of the background region it is pasted on.

    Args:
        rgb: HxWx3 float32 face colours, 0..255.
        region: HxWx3 uint8 background pixels under the face.
        rng: Random generator (adds a little per-object variation).

    Returns:
        The adjusted colours, float32 0..255 (not clipped).

    """
    mean = region.reshape(-1, 3).astype(np.float32).mean(axis=0) + 1.0
    lum = float(mean.mean())
    gain = float(np.clip((lum / 150.0) ** 0.5 * rng.uniform(0.9, 1.1), 0.35, 1.2))
    cast = np.clip((mean / mean.mean()) ** rng.uniform(0.2, 0.45), 0.85, 1.15).astype(np.float32)
    return np.asarray(rgb * (gain * cast)[None, None, :], dtype=np.float32)


def cast_shadow(
    image: FloatImage, alpha: FloatImage, rng: np.random.Generator, size_px: float
) -> None:
    """Darken ``image`` in place with a soft, offset copy of an object's alpha (0..1).

    Args:
        image: HxWx3 float32 scene, modified in place.
        alpha: HxW float32 object coverage 0..1 in the same pixels.
        rng: Random generator.
        size_px: Object size in pixels (sets offset and softness).

    """
    dx = int(rng.uniform(-0.03, 0.03) * size_px)
    dy = int(rng.uniform(0.0, 0.035) * size_px)
    moved = np.roll(alpha, (dy, dx), axis=(0, 1))
    sigma = max(1.0, size_px * rng.uniform(0.008, 0.03))
    soft = cv2.GaussianBlur(moved, (0, 0), sigma)
    strength = rng.uniform(0.15, 0.45)
    image *= (1.0 - strength * soft * (1.0 - alpha))[:, :, None]


def glass_reflection(rgb: FloatImage, region: FloatImage, rng: np.random.Generator) -> FloatImage:
    """Overlay a faint, blurred, mirrored copy of the surroundings (a print behind glass).

    Args:
        rgb: HxWx3 float32 face colours, 0..255.
        region: HxWx3 float32 scene pixels of the same size (what the glass reflects).
        rng: Random generator.

    Returns:
        The face colours with the reflection added (float32, not clipped).

    """
    h, w = rgb.shape[:2]
    mirrored = np.ascontiguousarray(region[::-1, ::-1] if rng.random() < 0.5 else region[:, ::-1])
    sigma = max(1.0, min(h, w) * rng.uniform(0.02, 0.08))
    soft = np.asarray(cv2.GaussianBlur(mirrored, (0, 0), sigma), dtype=np.float32)
    strength = np.float32(rng.uniform(0.08, 0.25))
    ramp = np.linspace(rng.uniform(0.3, 1.0), rng.uniform(0.3, 1.0), w, dtype=np.float32)
    weight = strength * ramp[None, :, None]
    return np.asarray(rgb * (1 - weight) + soft * weight + 10 * weight, dtype=np.float32)


def vignette(image: FloatImage, strength: float) -> None:
    """Darken image corners in place; ``strength`` 0..1 is the corner light loss."""
    h, w = image.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    r2 = ((xx - w / 2) / (w / 2)) ** 2 + ((yy - h / 2) / (h / 2)) ** 2
    image *= (1.0 - strength * np.clip(r2 / 2, 0, 1))[:, :, None]


def motion_blur(image: FloatImage, length: int, angle: float) -> FloatImage:
    """Blur along a line of ``length`` pixels at ``angle`` degrees (hand shake)."""
    k = np.zeros((length, length), dtype=np.float32)
    k[length // 2, :] = 1.0
    rot = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), angle, 1.0)
    k = np.asarray(cv2.warpAffine(k, rot, (length, length)), dtype=np.float32)
    k /= max(float(k.sum()), 1e-6)
    return np.asarray(cv2.filter2D(image, -1, k), dtype=np.float32)


def sensor_noise(rng: np.random.Generator, height: int, width: int, sigma: float) -> FloatImage:
    """Return HxWx3 float32 sensor noise of about ``sigma`` grey levels.

    Drawn at half resolution and upsampled: cheaper, and grainy like a phone photo's
    demosaiced noise. Mostly luminance, a little per-channel chroma.
    """
    hh, hw = (height + 1) // 2, (width + 1) // 2
    luma = rng.standard_normal((hh, hw, 1), dtype=np.float32) * np.float32(sigma * 0.8)
    chroma = rng.standard_normal((hh, hw, 3), dtype=np.float32) * np.float32(sigma * 0.5)
    small = luma + chroma
    return np.asarray(
        cv2.resize(small, (width, height), interpolation=cv2.INTER_LINEAR), dtype=np.float32
    )


def camera_effects(image: FloatImage, rng: np.random.Generator, blur_scale: float = 1.0) -> Image:
    """Apply whole-image camera effects and return the final uint8 RGB picture.

    Effects (each random): colour cast / white balance error, exposure and low light, vignette,
    defocus or motion blur, sensor noise (stronger in low light), JPEG re-compression.

    Args:
        image: HxWx3 float32 scene, 0..255.
        rng: Random generator.
        blur_scale: Factor on the defocus sigma and motion length (pixels); the random draws
            do not depend on it, so only the amount of blur changes.

    """
    out = image
    if rng.random() < 0.6:
        out = out * rng.uniform(0.9, 1.1, 3).astype(np.float32)[None, None, :]
    low_light = rng.random() < 0.12
    exposure = rng.uniform(0.35, 0.6) if low_light else rng.uniform(0.85, 1.15)
    out = out * np.float32(exposure)
    if rng.random() < 0.5:
        gamma = rng.uniform(0.85, 1.2)
        out = 255.0 * (np.clip(out, 0, 255) / 255.0) ** np.float32(gamma)
    if rng.random() < 0.4:
        vignette(out, float(rng.uniform(0.1, 0.45)))
    r = rng.random()
    if r < 0.12:
        defocus = float(rng.uniform(0.8, 2.2)) * blur_scale
        out = np.asarray(cv2.GaussianBlur(out, (0, 0), defocus), np.float32)
    elif r < 0.22:
        length = max(1, round(int(rng.integers(3, 10)) * blur_scale))
        out = motion_blur(out, length, float(rng.uniform(0, 180)))
    sigma = rng.uniform(4, 12) if low_light else rng.uniform(0.5, 5)
    out = out + sensor_noise(rng, out.shape[0], out.shape[1], float(sigma))
    result = np.clip(out, 0, 255).astype(np.uint8)
    if rng.random() < 0.5:
        quality = int(rng.integers(35, 90))
        ok, buf = cv2.imencode(".jpg", result[:, :, ::-1], [cv2.IMWRITE_JPEG_QUALITY, quality])
        if ok:
            decoded = cv2.imdecode(buf, cv2.IMREAD_COLOR)
            if decoded is not None:
                result = np.ascontiguousarray(decoded[:, :, ::-1], dtype=np.uint8)
    return result
