"""Array type aliases shared by the synthetic-scene modules."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Image = npt.NDArray[np.uint8]  # HxWx3 RGB or HxWx4 RGBA, uint8
FloatImage = npt.NDArray[np.float32]  # HxWxC float32, 0..255 unless stated
Mask = npt.NDArray[np.bool_]  # HxW boolean
Points = npt.NDArray[np.float64]  # Nx2 (x, y) pixels
Matrix = npt.NDArray[np.float64]  # 3x3 homography
