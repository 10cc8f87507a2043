"""Exact rewrites of an exported detector graph that make onnxruntime's CPU provider faster.

A rewrite changes how the graph computes, never what: the rewritten graph must give the same
outputs as the original on the same input (``check_same_outputs``), so a package's metrics stay
valid for it.

``dfl_softmax_last_axis``: the YOLO head turns each box side's 16-bin distance distribution into
one distance with a softmax over the bins and a 1x1 convolution weighting bin ``i`` by ``i``.
Ultralytics exports that softmax over axis 1 of a ``(1, 16, 4, anchors)`` tensor, which
onnxruntime computes by transposing internally, slowly (about a sixth of the int8 graph's time
at 640 px). Rewritten: the bins are moved to the last axis, the softmax runs over it, and a
``MatMul`` with ``[0, 1, ..., 15]`` takes the expectation.

    janjicheck optimize models/janji-detector --version 1.8.1
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np

if TYPE_CHECKING:
    from packaging.version import Version

DFL_SOFTMAX_LAST_AXIS: Final = "dfl_softmax_last_axis"
REWRITE_SUMMARIES: Final = {  # what each rewrite does, for the model card
    DFL_SOFTMAX_LAST_AXIS: "the head's box-distribution softmax over the last axis, "
    "the expected distance as a MatMul",
}
DESCRIPTION = "rewrite a model package's graph to run faster, with the same outputs"
MAX_DIFFERENCE = 1e-4  # largest output difference allowed between a graph and its rewrite


class GraphRewriteError(ValueError):
    """A graph that cannot be rewritten or whose rewrite changes its outputs."""


def rewrite_dfl_softmax(model: Any) -> bool:
    """Move the head's box-distribution softmax to the last axis; edit ``model`` in place.

    Looks for ``Transpose(perm=[0, 2, 1, 3]) -> Softmax(axis=1) -> Conv`` whose 1x1
    convolution has no bias and weights ``0..n-1`` (the distribution's bins), each output read
    by the next node only, and replaces it with ``Transpose(perm=[0, 1, 3, 2]) ->
    Softmax(axis=-1) -> MatMul([0..n-1])``, whose output has the convolution's element order.

    Args:
        model: An ``onnx.ModelProto``.

    Returns:
        Whether the pattern was found and rewritten.

    """
    from onnx import helper, numpy_helper

    graph = model.graph
    nodes = list(graph.node)
    initializers = {i.name: i for i in graph.initializer}
    readers: dict[str, int] = {}
    for node in nodes:
        for name in node.input:
            readers[name] = readers.get(name, 0) + 1
    for softmax in nodes:
        if softmax.op_type != "Softmax" or _attribute(softmax, "axis") != 1:
            continue
        transpose = next((n for n in nodes if softmax.input[0] in n.output), None)
        conv = next((n for n in nodes if softmax.output[0] in n.input), None)
        if transpose is None or conv is None or transpose.op_type != "Transpose":
            continue
        if _attribute(transpose, "perm") != [0, 2, 1, 3] or conv.op_type != "Conv":
            continue
        if len(conv.input) != 2 or conv.input[1] not in initializers:
            continue
        if readers.get(transpose.output[0]) != 1 or readers.get(softmax.output[0]) != 1:
            continue
        weights = numpy_helper.to_array(initializers[conv.input[1]])
        bins = np.arange(weights.size, dtype=np.float32)
        if weights.shape != (1, weights.size, 1, 1) or not np.array_equal(weights.ravel(), bins):
            continue
        prefix = softmax.name.rsplit("/", 1)[0] if "/" in softmax.name else softmax.name
        moved, probabilities, values = (
            f"{prefix}/bins_last",
            f"{prefix}/probabilities",
            f"{prefix}/bin_values",
        )
        replacement = [
            helper.make_node(
                "Transpose", [transpose.input[0]], [moved], f"{prefix}/BinsLast", perm=[0, 1, 3, 2]
            ),
            helper.make_node("Softmax", [moved], [probabilities], f"{prefix}/SoftmaxLast", axis=-1),
            helper.make_node(
                "MatMul", [probabilities, values], [conv.output[0]], f"{prefix}/Expectation"
            ),
        ]
        at = nodes.index(transpose)
        for node in (transpose, softmax, conv):
            graph.node.remove(node)
        for offset, node in enumerate(replacement):
            graph.node.insert(at + offset, node)
        graph.initializer.append(numpy_helper.from_array(bins.reshape(-1, 1), values))
        if readers.get(conv.input[1]) == 1:
            graph.initializer.remove(initializers[conv.input[1]])
        stale = {transpose.output[0], softmax.output[0], conv.output[0]}
        for info in [v for v in graph.value_info if v.name in stale]:
            graph.value_info.remove(info)
        return True
    return False


def rewrite_graph(onnx_in: Path, onnx_out: Path, check_sides: tuple[int, ...]) -> list[str]:
    """Write ``onnx_in`` with every rewrite that applies to ``onnx_out``; check the outputs.

    Args:
        onnx_in: The exported graph (one input ``[1, 3, H, W]``).
        onnx_out: Where the rewritten graph is written (a copy when nothing applies).
        check_sides: Square input sides in pixels to compare the two graphs' outputs at.

    Returns:
        The names of the rewrites applied (``DFL_SOFTMAX_LAST_AXIS``), none when none applied.

    Raises:
        GraphRewriteError: If the graph cannot be read or written, or the rewritten graph's
            outputs differ from the original's.

    """
    import onnx

    try:
        model = onnx.load(str(onnx_in))
    except Exception as error:  # onnx raises DecodeError, OSError, ...
        raise GraphRewriteError(f"cannot read the graph {onnx_in}: {error}") from None
    applied = [DFL_SOFTMAX_LAST_AXIS] if rewrite_dfl_softmax(model) else []
    try:
        onnx.checker.check_model(model)
        onnx.save(model, str(onnx_out))
    except Exception as error:  # onnx.checker.ValidationError, OSError
        raise GraphRewriteError(f"the rewritten graph is not valid: {error}") from None
    if applied:
        for side in check_sides:
            difference = output_difference(onnx_in, onnx_out, side)
            if difference > MAX_DIFFERENCE:
                raise GraphRewriteError(
                    f"the rewritten graph's outputs differ by {difference:g} at {side} px"
                )
    return applied


def output_difference(graph_a: Path, graph_b: Path, side: int, seed: int = 0) -> float:
    """Return the largest absolute difference of two graphs' outputs on one random input.

    Args:
        graph_a: An ONNX graph taking ``[1, 3, H, W]`` (``side`` for each dynamic dimension).
        graph_b: Another graph taking the same input.
        side: Input height and width in pixels.
        seed: Seed of the random input (uniform in 0..1, as letterboxed photos are).

    """
    import onnxruntime as ort

    outputs = []
    for path in (graph_a, graph_b):
        session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        graph_input = session.get_inputs()[0]
        shape = [d if isinstance(d, int) else side for d in graph_input.shape]
        shape[:2] = [1, 3]
        tensor = np.random.default_rng(seed).random(shape, dtype=np.float32)
        outputs.append(session.run(None, {graph_input.name: tensor})[0])
    if outputs[0].shape != outputs[1].shape:
        return float("inf")
    return float(np.abs(outputs[0] - outputs[1]).max())


def parse_version(text: str) -> Version:
    """Return ``text`` as a PEP 440 version (``1.8.1``, ``0.0.1-dev``).

    Raises:
        GraphRewriteError: If ``text`` is not a version string.

    """
    from packaging.version import InvalidVersion, Version

    if text == text.strip():
        try:
            return Version(text)
        except InvalidVersion:
            pass
    raise GraphRewriteError(f"{text!r} is not a version string (write one such as 1.8.2)")


def check_new_version(current: str, new: str) -> None:
    """Check that a package at version ``current`` may take ``new`` with a changed graph.

    Two graphs must never share a version (photos stored with a version name its graph), so
    ``new`` must be a version string greater than ``current``.

    Raises:
        GraphRewriteError: If ``new`` is not a version string, or is not greater than
            ``current`` (or ``current`` is not a version string to compare with).

    """
    wanted = parse_version(new)
    try:
        old = parse_version(current)
    except GraphRewriteError:
        raise GraphRewriteError(
            f"the package's version {current!r} is not a version string: cannot tell that "
            f"--version {new} is newer"
        ) from None
    if wanted <= old:
        raise GraphRewriteError(
            f"--version {new} is not greater than the package's version {current}: the "
            "rewritten graph needs a version of its own"
        )


def optimize_package(package_dir: Path, version: str) -> list[str]:
    """Rewrite a model package's graph in place as ``version``; metrics and card stay.

    The package's training facts record the rewrites (``graph_rewrites``); its card is
    rendered again from its facts. A changed graph takes ``version``, which must be greater
    than the package's own; an unchanged package keeps its version.

    Returns:
        The rewrites applied; ``[]`` when none applies (the package is left as it is).

    Raises:
        GraphRewriteError: If ``version`` is not a version string or, when the graph
            changes, not greater than the package's version; if the package cannot be
            read or written, or the rewrite changes the outputs.

    """
    from training.remeasure import RemeasureError, rewrite_package
    from vision.detector import DetectorOptions
    from vision.model_package import ONNX_FILE, ModelPackageError, load_package

    parse_version(version)  # a bad --version is refused before any work
    try:
        package = load_package(package_dir)
    except ModelPackageError as error:
        raise GraphRewriteError(f"cannot read the package {package_dir}: {error}") from None
    sides = DetectorOptions().pass_sides(max(package.input_width, package.input_height))
    with tempfile.TemporaryDirectory(prefix="janji-rewrite-") as tmp:
        rewritten = Path(tmp) / ONNX_FILE
        applied = rewrite_graph(package.onnx_path, rewritten, sides)
        if not applied:
            return []
        check_new_version(package.version, version)
        training = dict(package.training)
        training["graph_rewrites"] = [*training.get("graph_rewrites", []), *applied]
        try:
            rewrite_package(
                package, training, package.metrics, package.reproduce, rewritten, version
            )
        except RemeasureError as error:
            raise GraphRewriteError(str(error)) from None
    return applied


def _attribute(node: Any, name: str) -> Any:
    from onnx import helper

    for attribute in node.attribute:
        if attribute.name == name:
            return helper.get_attribute_value(attribute)
    return None


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add the ``janjicheck optimize`` subcommand to ``subparsers`` and return its parser."""
    parser = subparsers.add_parser("optimize", help=DESCRIPTION, description=DESCRIPTION)
    add_arguments(parser)
    return parser


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the subcommand's arguments to ``parser``."""
    parser.add_argument("package", type=Path, help="model package folder")
    parser.add_argument(
        "--version",
        required=True,
        help="the package's new version, greater than its current one (used only when the "
        "graph changes)",
    )


def run(args: argparse.Namespace) -> int:
    """Rewrite the package's graph; print what was done; return the exit code."""
    try:
        applied = optimize_package(args.package, args.version)
    except GraphRewriteError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if not applied:
        print(f"{args.package}: no rewrite applies; the package is unchanged")
        return 0
    print(f"{args.package}: version {args.version}, graph rewritten ({', '.join(applied)})")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m training.graph_rewrite``."""
    parser = argparse.ArgumentParser(description=DESCRIPTION)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
