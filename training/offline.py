"""Make Ultralytics run fully offline, then import it.

Ultralytics probes DNS at import, downloads ``Arial.ttf`` for its plots and dataset checks,
sends usage events, may ``pip install`` missing packages and reads its settings from the
user's home. :func:`load_ultralytics` sets everything up *before* the first import so that a
training run makes no network attempt:

- ``YOLO_OFFLINE=true``, ``YOLO_AUTOINSTALL=false``;
- ``YOLO_CONFIG_DIR=<project>/.ultralytics`` (settings and fonts live in the project, gitignored)
  and ``MPLCONFIGDIR`` below it;
- a system TrueType font copied to ``Ultralytics/Arial.ttf`` and ``Ultralytics/Arial.Unicode.ttf``
  so ``check_font`` finds it locally and never downloads;
- settings ``sync=False`` and every third-party logger integration off.

Import this module instead of ``ultralytics`` anywhere in ``training/``.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from types import ModuleType

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONFIG_DIR = PROJECT_ROOT / ".ultralytics"

# Fonts tried in order (Debian packages fonts-dejavu-core, fonts-liberation2, fonts-noto-core).
SYSTEM_FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
    Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"),
)
SYSTEM_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
FONT_NAMES = ("Arial.ttf", "Arial.Unicode.ttf")

# Settings Ultralytics would otherwise use to reach the network or third-party services.
OFFLINE_SETTINGS: dict[str, bool] = {
    "sync": False,
    "clearml": False,
    "comet": False,
    "dvc": False,
    "mlflow": False,
    "raytune": False,
    "tensorboard": False,
    "wandb": False,
    "vscode_msg": False,
    "openvino_msg": False,
}


class OfflineSetupError(RuntimeError):
    """Ultralytics cannot be made offline (no local font, or it was imported too early)."""


def find_system_font() -> Path:
    """Return a TrueType font file installed on this system.

    Returns:
        Path of a ``.ttf`` file, a known sans-serif first.

    Raises:
        OfflineSetupError: If no ``.ttf`` is installed (install e.g. ``fonts-dejavu-core``).

    """
    for candidate in SYSTEM_FONT_CANDIDATES:
        if candidate.is_file():
            return candidate
    for folder in SYSTEM_FONT_DIRS:
        if folder.is_dir():
            found = sorted(folder.rglob("*.ttf"))
            if found:
                return found[0]
    raise OfflineSetupError(
        "no TrueType font found under /usr/share/fonts; Ultralytics would try to download "
        "Arial.ttf. Install one, e.g. `apt-get install fonts-dejavu-core`."
    )


def configure_environment(config_dir: Path = DEFAULT_CONFIG_DIR) -> Path:
    """Set the environment variables and local files that keep Ultralytics offline.

    Safe to call more than once with the same folder. Must run before ``ultralytics`` is
    imported, because Ultralytics reads these variables at import time.

    Args:
        config_dir: Folder for Ultralytics settings, fonts and matplotlib cache.

    Returns:
        The Ultralytics user folder (``config_dir/Ultralytics``) holding settings and fonts.

    Raises:
        OfflineSetupError: If Ultralytics was already imported with another configuration,
            or no system font exists.

    """
    config_dir = config_dir.resolve()
    if "ultralytics" in sys.modules and os.environ.get("YOLO_CONFIG_DIR") != str(config_dir):
        raise OfflineSetupError(
            "ultralytics was imported before training.offline configured it; "
            "import it only through training.offline.load_ultralytics()"
        )
    user_dir = config_dir / "Ultralytics"
    user_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "matplotlib").mkdir(parents=True, exist_ok=True)
    os.environ["YOLO_OFFLINE"] = "true"
    os.environ["YOLO_AUTOINSTALL"] = "false"
    os.environ["YOLO_CONFIG_DIR"] = str(config_dir)
    os.environ["MPLCONFIGDIR"] = str(config_dir / "matplotlib")
    os.environ["MPLBACKEND"] = "Agg"
    os.environ.pop("ULTRALYTICS_API_KEY", None)  # no Platform upload from these runs
    font: Path | None = None
    for name in FONT_NAMES:
        target = user_dir / name
        if not target.is_file() or target.stat().st_size == 0:
            font = font or find_system_font()
            shutil.copyfile(font, target)
    return user_dir


def load_ultralytics(config_dir: Path = DEFAULT_CONFIG_DIR) -> ModuleType:
    """Configure offline mode, import Ultralytics and switch off its network features.

    Args:
        config_dir: Folder for Ultralytics settings, fonts and matplotlib cache.

    Returns:
        The imported ``ultralytics`` module (use ``module.YOLO``).

    Raises:
        OfflineSetupError: See :func:`configure_environment`.

    """
    configure_environment(config_dir)
    import ultralytics
    from ultralytics.utils import SETTINGS

    changes = {key: value for key, value in OFFLINE_SETTINGS.items() if SETTINGS.get(key) != value}
    if changes:
        SETTINGS.update(changes)  # type: ignore[no-untyped-call]
    return ultralytics
