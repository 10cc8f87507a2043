"""Store re-measured metrics of an unchanged model in its package, and re-render its card.

When the serving pipeline changes (verification, acceptance) and the model does not, the
package's metrics and model card must describe what the pipeline now does. The ONNX graph,
the thresholds and their calibration record stay as they are; the metrics, the card and the
package's ``created`` time change. Measurements of the same graph that the new run did not
repeat (the empty-photo figures) are kept and marked as earlier ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from training.card import EARLIER_RUN, CardFacts, render_model_card
from training.provenance import dataset_command, read_fingerprint, shown_path

if TYPE_CHECKING:
    from vision.model_package import ModelPackage

EXPORT_PREFIX = "python -m training.export "
OTHER_SETS = "other_sets"  # key in the package metrics: figures on other held-out sets
EMPTY_PHOTOS = "empty_photos"  # key in the package metrics: false accepts in empty rooms


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
    if split is not None and measured not in (None, split):
        raise RemeasureError(f"the package's metrics are of the {measured} split, not {split}")
    return package


def check_target(package_dir: Path, dataset_dir: Path, split: str) -> None:
    """Check, before evaluating, that new metrics of ``split`` of ``dataset_dir`` fit the package.

    Args:
        package_dir: The model package folder.
        dataset_dir: The dataset about to be evaluated (its folder or ``data.yaml``).
        split: The split about to be evaluated.

    The dataset must provably be the one the metrics were measured on: the same known
    fingerprint, or the same folder (regenerated there by a newer generator, whose
    fingerprint then changes). A dataset in another folder without a fingerprint, or measured
    by a package that recorded none, cannot be told apart from another dataset.

    Raises:
        RemeasureError: If the package cannot be read, its metrics are of another split, or
            the dataset is not provably the same (other folder, and other or unknown
            fingerprint).

    """
    from training.splits import dataset_folder

    package = _readable_package(package_dir, split)
    dataset_dir = dataset_folder(dataset_dir)
    recorded = str(package.training.get("test_data_fingerprint", "unknown"))
    found = read_fingerprint(dataset_dir)
    where = package.training.get("test_dataset")
    same_folder = where is not None and shown_path(dataset_dir) == where
    same_fingerprint = "unknown" not in (recorded, found) and recorded == found
    if same_folder or same_fingerprint:
        return
    if found == "unknown":
        raise RemeasureError(
            f"{dataset_dir} has no fingerprint.txt and is not the folder the package's metrics "
            f"were measured on ({where or 'unknown folder'}): cannot tell it is the same dataset"
        )
    raise RemeasureError(
        f"{dataset_dir} is not the dataset the package's metrics were measured on "
        f"({where or 'another folder'}, fingerprint {recorded[:12]}, this one {found[:12]})"
    )


@dataclass(frozen=True)
class StoredMetrics:
    """What ``store_metrics`` did with the package's measurements, each said in words.

    Attributes:
        remeasured: The measurements the new metrics hold.
        kept: Earlier measurements of the same graph that the new run did not repeat, kept
            in the package (marked as earlier ones).
        dropped: Earlier measurements the new run did not repeat and that are not provably
            of the package's graph, dropped.
        dropped_sets: The names of the other held-out sets whose figures were dropped.

    """

    remeasured: tuple[str, ...]
    kept: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    dropped_sets: tuple[str, ...] = ()

    def report_lines(self) -> list[str]:
        """Return the lines that tell the user what was re-measured, kept and dropped."""
        lines = [f"Re-measured: {'; '.join(self.remeasured)}"]
        if self.kept:
            lines.append(
                "Kept, measured earlier on the same graph (not re-measured; add --empty-photos "
                f"to re-measure): {'; '.join(self.kept)}"
            )
        if self.dropped:
            lines.append(f"Dropped, to measure again: {'; '.join(self.dropped)}")
        if self.dropped_sets:
            lines.append(
                "Dropped the figures of other held-out sets, to record again: "
                f"{', '.join(self.dropped_sets)}"
            )
        return lines


def empty_photos_said(empty: Mapping[str, Any]) -> str:
    """Return an empty-photo measurement in words, e.g. ``empty photos (175 held-out ...)``."""
    which = "held-out photos" if empty.get("held_out_only") else "photos"
    return f"empty photos ({empty.get('photos', '?')} {which} of {empty.get('folder', '?')})"


def empty_photos_flags(empty: Mapping[str, Any]) -> str:
    """Return the ``evaluate`` options that measure an empty-photo record again."""
    from training.empty_photos import EmptyPhotos

    return EmptyPhotos(Path(str(empty.get("folder"))), bool(empty.get("held_out_only"))).flags()


def store_metrics(
    package_dir: Path,
    metrics: Mapping[str, Any],
    test_data_fingerprint: str | None = None,
    reproduce: str | None = None,
) -> StoredMetrics:
    """Replace the package's metrics with ``metrics`` and re-render ``MODEL_CARD.md``.

    The figures recorded for other held-out sets (``record_other_set``) were measured by the
    pipeline these metrics replace, so they are dropped and must be recorded again. The
    empty-photo figures, when ``metrics`` hold none, are kept if the package's metrics were
    of its graph: marked as measured by an earlier run (``EARLIER_RUN``), shown so in the
    card, and their options added to ``reproduce``; otherwise they are dropped.

    Args:
        package_dir: The model package folder.
        metrics: A full evaluation document from ``training.evaluate`` of this package, on
            the split its metrics were measured on.
        test_data_fingerprint: The fingerprint of the dataset ``metrics`` were measured on,
            recorded as the package's ``test_data_fingerprint`` (``None``: kept as is;
            ``"unknown"`` is recorded, so an old fingerprint is not kept next to new metrics).
        reproduce: The command that measured ``metrics``, recorded as the package's
            reproduce command (``None``: kept as is).

    Returns:
        What was re-measured, kept and dropped.

    Raises:
        RemeasureError: If the package cannot be read or written, or ``metrics`` are of
            another split or of another ONNX graph.

    """
    package = _readable_package(package_dir, metrics.get("split"))
    old = dict(package.metrics)
    if metrics.get("onnx_sha256") != package.onnx_sha256:
        raise RemeasureError("these metrics were measured on another ONNX graph")
    new = {**metrics, "calibration": old.get("calibration", {})}
    new.pop(OTHER_SETS, None)
    remeasured = [f"the {metrics.get('split')} split ({metrics.get('images', '?')} photos)"]
    kept, dropped = [], []
    earlier = old.get(EMPTY_PHOTOS)
    if isinstance(metrics.get(EMPTY_PHOTOS), Mapping):
        remeasured.append(empty_photos_said(metrics[EMPTY_PHOTOS]))
    elif isinstance(earlier, Mapping) and old.get("onnx_sha256") == package.onnx_sha256:
        new[EMPTY_PHOTOS] = {**earlier, EARLIER_RUN: True}
        kept.append(empty_photos_said(earlier))
        if reproduce is not None:
            reproduce = f"{reproduce} {empty_photos_flags(earlier)}"
    elif isinstance(earlier, Mapping):
        dropped.append(f"{empty_photos_said(earlier)}, not recorded as of this graph")
    training = {**package.training}
    if test_data_fingerprint is not None:
        training["test_data_fingerprint"] = test_data_fingerprint
    rewrite_package(package, training, new, package.reproduce if reproduce is None else reproduce)
    return StoredMetrics(
        remeasured=tuple(remeasured),
        kept=tuple(kept),
        dropped=tuple(dropped),
        dropped_sets=tuple(str(entry.get("name")) for entry in old.get(OTHER_SETS, [])),
    )


def set_summary(metrics: Mapping[str, Any]) -> dict[str, Any]:
    """Return the headline figures of an evaluation, verification on and off.

    Args:
        metrics: A full evaluation document from ``training.evaluate``.

    Returns:
        Per ``verification_on`` / ``verification_off``: Janji AP50 and AP50-95, presence
        precision, recall and F1 (0-1) and the lookalike false-accept rate (0-1).

    """
    summary: dict[str, Any] = {}
    for side in ("verification_on", "verification_off"):
        figures = metrics.get(side, {})
        presence = figures.get("presence", {})
        summary[side] = {
            "janji_ap50": figures.get("janji_ap50"),
            "janji_ap50_95": figures.get("janji_ap50_95"),
            "precision": presence.get("precision"),
            "recall": presence.get("recall"),
            "f1": presence.get("f1"),
            "false_accept": figures.get("lookalike_false_accept", {}).get("rate"),
        }
    return summary


def record_other_set(
    package_dir: Path,
    name: str,
    metrics: Mapping[str, Any],
    dataset_dir: Path,
    reproduce: str,
) -> None:
    """Store an evaluation on another held-out set in the package, shown in its model card.

    The package's own metrics stay; an earlier record of the same ``name`` is replaced.

    Args:
        package_dir: The model package folder.
        name: What the set is, e.g. ``"test scenes at 12 MP"``.
        metrics: A full, verified evaluation document from ``training.evaluate`` of this
            package on ``dataset_dir``.
        dataset_dir: The evaluated dataset folder (its fingerprint and the command that
            made it, ``command.txt``, are recorded).
        reproduce: The command that measured ``metrics``.

    Raises:
        RemeasureError: If the package cannot be read or written, ``name`` is blank, or
            ``metrics`` are of another ONNX graph or were measured without verification.

    """
    if not name.strip():
        raise RemeasureError("the set needs a name")
    package = _readable_package(package_dir, None)
    if metrics.get("onnx_sha256") != package.onnx_sha256:
        raise RemeasureError("these metrics were measured on another ONNX graph")
    if not metrics.get("verification_ran"):
        raise RemeasureError("record a set measured with the text check (without --no-verify)")
    entry = {
        "name": name.strip(),
        "split": metrics.get("split"),
        "images": metrics.get("images"),
        "janji_objects": metrics.get("janji_objects"),
        "lookalike_objects": metrics.get("lookalike_objects"),
        "dataset": shown_path(dataset_dir),
        "data_fingerprint": read_fingerprint(dataset_dir),
        "data_command": dataset_command(dataset_dir),
        "reproduce": reproduce,
        **set_summary(metrics),
    }
    new = dict(package.metrics)
    others = [e for e in new.get(OTHER_SETS, []) if e.get("name") != entry["name"]]
    new[OTHER_SETS] = [*others, entry]
    rewrite_package(package, dict(package.training), new, package.reproduce)


def rewrite_package(
    package: ModelPackage,
    training: dict[str, Any],
    metrics: Mapping[str, Any],
    reproduce: str,
    onnx_file: Path | None = None,
    version: str | None = None,
) -> None:
    """Write ``package`` again with ``training``, ``metrics`` and ``reproduce``; new card.

    Args:
        package: The package as loaded.
        training: Its training facts, as they are to be stored.
        metrics: Its metrics, as they are to be stored.
        reproduce: The command reproducing the metrics.
        onnx_file: A graph replacing the package's own (``None``: it stays).
        version: A new version (``None``: it stays).

    Raises:
        RemeasureError: If the package cannot be written.

    """
    from vision.model_package import ONNX_FILE, ModelPackageError, write_package

    package_dir = package.path
    version = version or package.version
    training["export_command"] = recorded_export_command(package_dir, training)
    card = render_model_card(
        CardFacts(
            name=package.name,
            version=version,
            architecture=package.architecture,
            imgsz=package.input_width,
            confidence=package.confidence,
            iou=package.iou,
            accept=package.accept,
            accept_verified=package.accept_verified,
            training=training,
            metrics=metrics,
            reproduce=reproduce,
            export_command=training["export_command"],
        )
    )
    try:
        write_package(
            package_dir,
            onnx_file or package_dir / ONNX_FILE,
            name=package.name,
            version=version,
            architecture=package.architecture,
            input_size=(package.input_width, package.input_height),
            accept=package.accept,
            accept_verified=package.accept_verified,
            confidence=package.confidence,
            iou=package.iou,
            training=training,
            metrics=metrics,
            reproduce=reproduce,
            model_card=card,
        )
    except ModelPackageError as error:
        raise RemeasureError(f"cannot write the package {package_dir}: {error}") from None
