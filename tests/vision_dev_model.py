"""Build the untrained development detector used by the vision tests (needs Ultralytics).

Call with ``YOLO_OFFLINE``/``YOLO_AUTOINSTALL``/``YOLO_CONFIG_DIR`` set before Ultralytics is
first imported (the ``dev_weights`` fixture does): nothing is downloaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import cv2
import numpy as np
from vision_photos import background

IMGSZ = 416


def build_dev_model(folder: Path, indoor: Path | None) -> tuple[Path, Path]:
    """Build yolo11n (4 classes) from its YAML, make its outputs input-dependent, save and
    export it.

    Returns:
        ``(weights.pt, weights.onnx)`` in ``folder``.
    """
    import torch
    import yaml
    from ultralytics import YOLO  # type: ignore[attr-defined]
    from ultralytics.utils import ROOT

    from datasets.classes import load_classes

    names = load_classes().names
    cfg = yaml.safe_load((ROOT / "cfg" / "models" / "11" / "yolo11.yaml").read_text())
    cfg["nc"] = len(names)
    cfg["scale"] = "n"
    cfg_path = folder / "yolo11n-dev.yaml"
    cfg_path.write_text(yaml.safe_dump(cfg))
    torch.manual_seed(0)
    model = YOLO(str(cfg_path), task="detect")
    net: Any = model.model
    # Untrained batch-norm statistics make every activation vanish; set them from photos.
    for module in net.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            module.reset_running_stats()
            module.momentum = None
    batch = np.stack(
        [cv2.resize(background(indoor, i, 640, 480), (IMGSZ, IMGSZ))[:, :, ::-1] for i in range(8)]
    )
    x = torch.from_numpy(batch.transpose(0, 3, 1, 2).copy()).float() / 255
    net.train()
    with torch.no_grad():
        net(x)
    net.eval()
    # Spread the class scores so some anchors pass a 0.5 threshold, depending on the image.
    with torch.no_grad():
        for branch in net.model[-1].cv3:
            branch[-1].weight.mul_(3.0)
            branch[-1].bias.fill_(-8.0)
    net.names = dict(enumerate(names))
    pt_path = folder / "dev.pt"
    model.save(str(pt_path))
    # Exported as training.export does: height and width dynamic (rectangular inference).
    model = YOLO(str(pt_path))
    onnx_path = Path(model.export(format="onnx", imgsz=IMGSZ, dynamic=True, verbose=False))
    return pt_path, onnx_path
