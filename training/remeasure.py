"""Store re-measured metrics of an unchanged model in its package, and re-render its card.

When the serving pipeline changes (verification, acceptance) and the model does not, the
package's metrics and model card must describe what the pipeline now does. The ONNX graph,
the thresholds and their calibration record stay as they are; the metrics, the card and the
package's ``created`` time change.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from training.card import CardFacts, render_model_card

if TYPE_CHECKING:
    from vision.model_package import ModelPackage

EXPORT_PREFIX = "python -m training.export "


class RemeasureError(ValueError):
    """The package cannot take the new metrics (the message says why)."""


def recorded_export_command(package_dir: Path, training: Mapping[str, Any]) -> str:
    """Return the command that exported the package: from its training facts, else its card."""
    command = str(training.get("export_command", ""))
    if command:
        return command
    from vision.model_package import CARD_FILE

    card = package_dir / CARD_FILE
    lines = card.read_text(encoding="utf-8").splitlines() if card.is_file() else []
    return next((line for line in lines if line.startswith(EXPORT_PREFIX)), "")


def _readable_package(package_dir: Path, split: str | None) -> ModelPackage:
    """Load the package; check that its metrics are of ``split`` (any when ``None``).

    Raises:
        RemeasureError: If the package cannot be read or its metrics are of another split.

    """
    from vision.model_package import ModelPackageError, load_package

    try:
        package = load_package(package_dir)
    except ModelPackageError as error:
        raise RemeasureError(f"cannot read the package {package_dir}: {error}") from None
    measured = package.metrics.get("split")
    if measured not in (None, split):
        raise RemeasureError(f"the package's metrics are of the {measured} split, not {split}")
    return package


def check_target(package_dir: Path, dataset_dir: Path, split: str) -> None:
    """Check, before evaluating, that new metrics of ``split`` of ``dataset_dir`` fit the package.

    Args:
        package_dir: The model package folder.
        dataset_dir: The dataset about to be evaluated (its folder or ``data.yaml``).
        split: The split about to be evaluated.

    The dataset must be the one the metrics were measured on: the same fingerprint, or the
    same folder (regenerated there by a newer generator, whose fingerprint then changes).

    Raises:
        RemeasureError: If the package cannot be read, its metrics are of another split, or
            the dataset is another one (other folder and other fingerprint).

    """
    from training.export import read_fingerprint, shown_path
    from training.splits import dataset_folder

    package = _readable_package(package_dir, split)
    dataset_dir = dataset_folder(dataset_dir)
    recorded = str(package.training.get("test_data_fingerprint", "unknown"))
    found = read_fingerprint(dataset_dir)
    where = package.training.get("test_dataset")
    same_folder = where is not None and shown_path(dataset_dir) == where
    if "unknown" not in (recorded, found) and recorded != found and not same_folder:
        raise RemeasureError(
            f"{dataset_dir} is not the dataset the package's metrics were measured on "
            f"({where or 'another folder'}, fingerprint {recorded[:12]}, this one {found[:12]})"
        )


def store_metrics(
    package_dir: Path,
    metrics: Mapping[str, Any],
    test_data_fingerprint: str = "unknown",
    reproduce: str | None = None,
) -> None:
    """Replace the package's metrics with ``metrics`` and re-render ``MODEL_CARD.md``.

    Args:
        package_dir: The model package folder.
        metrics: A full evaluation document from ``training.evaluate`` of this package, on
            the split its metrics were measured on.
        test_data_fingerprint: The fingerprint of the dataset ``metrics`` were measured on,
            recorded as the package's ``test_data_fingerprint`` (``"unknown"``: kept as is).
        reproduce: The command that measured ``metrics``, recorded as the package's
            reproduce command (``None``: kept as is).

    Raises:
        RemeasureError: If the package cannot be read or written, or ``metrics`` are of
            another split or of another ONNX graph.

    """
    from vision.model_package import ONNX_FILE, ModelPackageError, write_package

    package = _readable_package(package_dir, metrics.get("split"))
    old = dict(package.metrics)
    if metrics.get("onnx_sha256") != package.onnx_sha256:
        raise RemeasureError("these metrics were measured on another ONNX graph")
    new = {**metrics, "calibration": old.get("calibration", {})}
    training = {**package.training}
    training["export_command"] = recorded_export_command(package_dir, training)
    if test_data_fingerprint != "unknown":
        training["test_data_fingerprint"] = test_data_fingerprint
    card = render_model_card(
        CardFacts(
            name=package.name,
            version=package.version,
            architecture=package.architecture,
            imgsz=package.input_width,
            confidence=package.confidence,
            iou=package.iou,
            accept=package.accept,
            accept_verified=package.accept_verified,
            training=training,
            metrics=new,
            reproduce=package.reproduce if reproduce is None else reproduce,
            export_command=training["export_command"],
        )
    )
    try:
        write_package(
            package_dir,
            package_dir / ONNX_FILE,
            name=package.name,
            version=package.version,
            architecture=package.architecture,
            input_size=(package.input_width, package.input_height),
            accept=package.accept,
            accept_verified=package.accept_verified,
            confidence=package.confidence,
            iou=package.iou,
            training=training,
            metrics=new,
            reproduce=package.reproduce if reproduce is None else reproduce,
            model_card=card,
        )
    except ModelPackageError as error:
        raise RemeasureError(f"cannot write the package {package_dir}: {error}") from None
