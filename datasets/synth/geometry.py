"""Perspective placement of a flat face: homographies and boxes from warped corners."""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from datasets.synth.arrays import Matrix, Points


@dataclass(frozen=True)
class Pose:
    """Orientation of a flat face relative to the camera.

    Attributes:
        yaw: Rotation about the vertical axis, degrees (positive turns the right edge away).
        pitch: Rotation about the horizontal axis, degrees.
        roll: In-plane rotation, degrees.
        focal: Camera focal length as a multiple of the image's long side.

    """

    yaw: float
    pitch: float
    roll: float
    focal: float


def rotation(yaw: float, pitch: float, roll: float) -> Matrix:
    """Return the 3x3 rotation for yaw, pitch and roll given in degrees."""
    y, p, r = (math.radians(v) for v in (yaw, pitch, roll))
    ry = np.array([[math.cos(y), 0, math.sin(y)], [0, 1, 0], [-math.sin(y), 0, math.cos(y)]])
    rx = np.array([[1, 0, 0], [0, math.cos(p), -math.sin(p)], [0, math.sin(p), math.cos(p)]])
    rz = np.array([[math.cos(r), -math.sin(r), 0], [math.sin(r), math.cos(r), 0], [0, 0, 1]])
    return np.asarray(rz @ rx @ ry, dtype=np.float64)


def face_corners(width: float, height: float) -> Points:
    """Return the corners of a ``width`` x ``height`` pixel face: TL, TR, BR, BL."""
    return np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float64)


def project_face(
    width: float, height: float, pose: Pose, size_px: float, long_side: float
) -> Points:
    """Project a face seen under ``pose`` so its longer projected side is about ``size_px``.

    The perspective strength follows from the object's angular size: a face that covers much of
    the image is close to the camera and shows stronger foreshortening than a small, far one.

    Args:
        width: Face width in pixels (any unit; only the aspect matters).
        height: Face height in pixels.
        pose: The orientation.
        size_px: Wanted projected size in image pixels (longer side, approximate).
        long_side: The image's long side in pixels (sets the focal length).

    Returns:
        The 4 projected corners (TL, TR, BR, BL) in pixels, centred near the origin.

    """
    f = pose.focal * long_side
    scale = 1.0 / max(width, height)
    pts = (face_corners(width, height) - [width / 2, height / 2]) * scale
    pts3 = (
        np.concatenate([pts, np.zeros((4, 1))], axis=1)
        @ rotation(pose.yaw, pose.pitch, pose.roll).T
    )
    depth = f / max(size_px, 1.0)  # distance at which a unit face spans size_px pixels
    z = pts3[:, 2] + depth
    return np.stack([f * pts3[:, 0] / z, f * pts3[:, 1] / z], axis=1)


def quad_area(quad: Points) -> float:
    """Return the area of a polygon in square pixels (shoelace formula)."""
    x, y = quad[:, 0], quad[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2)


def bounds(points: Points) -> tuple[float, float, float, float]:
    """Return the axis-aligned box ``(x1, y1, x2, y2)`` of points, in pixels."""
    return (
        float(points[:, 0].min()),
        float(points[:, 1].min()),
        float(points[:, 0].max()),
        float(points[:, 1].max()),
    )


def fit_box_area(quad: Points, box_area: float) -> Points:
    """Scale a quad about its box centre so its bounding box has ``box_area`` square pixels."""
    x1, y1, x2, y2 = bounds(quad)
    current = max((x2 - x1) * (y2 - y1), 1e-9)
    centre = np.array([(x1 + x2) / 2, (y1 + y2) / 2])
    return np.asarray((quad - centre) * math.sqrt(box_area / current), dtype=np.float64)


def homography(src: Points, dst: Points) -> Matrix:
    """Return the homography mapping 4 source points onto 4 destination points."""
    return np.asarray(
        cv2.getPerspectiveTransform(src.astype(np.float32), dst.astype(np.float32)),
        dtype=np.float64,
    )


def transform(matrix: Matrix, points: Points) -> Points:
    """Apply a homography to Nx2 points."""
    pts = np.concatenate([points, np.ones((len(points), 1))], axis=1) @ matrix.T
    return np.asarray(pts[:, :2] / pts[:, 2:3], dtype=np.float64)


def iou(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    """Return the intersection over union of two ``(x1, y1, x2, y2)`` boxes."""
    iw = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    ih = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = iw * ih
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0
