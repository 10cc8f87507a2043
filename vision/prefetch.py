"""Decode the next photos of a batch while the current one is checked.

Decoding a phone JPEG is mostly entropy decoding on one core; detection is onnxruntime on
the others. Running decodes in worker threads (OpenCV releases the GIL while decoding)
overlaps the two, so a folder of photos is checked faster than one photo after the other.
Results come back in the order of the paths, and at most ``workers + 1`` decoded photos wait
in memory.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from vision.decode import DecodedImage, DecodeOptions, ImageDecodeError, decode_file


@dataclass(frozen=True)
class LoadedPhoto:
    """One photo of a batch, decoded or with the reason it could not be.

    Attributes:
        path: The file.
        result: The decoded photo, or why it could not be read (``"<code>: <message>"``).
        seconds: Wall time spent reading and decoding it, in seconds.

    """

    path: Path
    result: DecodedImage | str
    seconds: float


def load_photo(path: Path, options: DecodeOptions) -> LoadedPhoto:
    """Read and decode one file, turning a bad file into an error message.

    Args:
        path: The file.
        options: Decoding options.

    Returns:
        The decoded photo, or the error a person can act on (``corrupt: ...``,
        ``unreadable file: ...``; ``too_large: ...`` also when memory ran out, ``internal:
        ...`` when the decoder failed otherwise).

    """
    start = time.perf_counter()
    result: DecodedImage | str
    try:
        result = decode_file(path, options)
    except ImageDecodeError as exc:
        result = f"{exc.code}: {exc.message}"
    except OSError as exc:
        result = f"unreadable file: {exc.strerror or exc}"
    except MemoryError:
        result = "too_large: There is not enough memory to read and decode this file."
    except Exception as exc:  # a decoder failing in an unforeseen way fails this file only
        result = internal_error(exc)
    return LoadedPhoto(path, result, time.perf_counter() - start)


def internal_error(exc: Exception) -> str:
    """Return a photo's error for an unforeseen failure: ``"internal: <type>: <message>"``.

    The message is kept on one line (OpenCV's span several), for the table output.
    """
    message = " ".join(str(exc).split())
    kind = type(exc).__name__
    return f"internal: {kind}: {message}" if message else f"internal: {kind}"


def decode_ahead(
    paths: Iterable[Path], options: DecodeOptions, workers: int = 2
) -> Iterator[LoadedPhoto]:
    """Decode photos in ``workers`` threads, yielding them in the order of ``paths``.

    Args:
        paths: The files, in the order results are wanted.
        options: Decoding options.
        workers: Decoding threads (>= 1); up to ``workers + 1`` photos are decoded ahead.

    Yields:
        One ``LoadedPhoto`` per path, in order.

    Raises:
        ValueError: If ``workers`` is below 1.

    """
    if workers < 1:
        raise ValueError(f"workers must be >= 1, got {workers}")
    remaining = iter(paths)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="decode") as pool:
        pending: deque[Future[LoadedPhoto]] = deque()

        def submit_next() -> None:
            path = next(remaining, None)
            if path is not None:
                pending.append(pool.submit(load_photo, path, options))

        for _ in range(workers + 1):
            submit_next()
        while pending:
            loaded = pending.popleft().result()
            submit_next()
            yield loaded
