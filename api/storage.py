"""Content-addressed files under the data directory, and uploads streamed to disk.

A file lives at ``<root>/<kind>/<sha[:2]>/<sha>`` where ``sha`` is the SHA-256 of its bytes,
so the same photo uploaded twice is stored once and a stored file never changes.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Literal

from api.errors import PayloadTooLargeError

Kind = Literal["originals", "evidence"]
_CHUNK = 1024 * 1024


class Storage:
    """Content-addressed blob store rooted at a folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = root / "tmp"
        for sub in ("originals", "evidence", "tmp"):
            (root / sub).mkdir(parents=True, exist_ok=True)

    def path(self, kind: Kind, sha256: str) -> Path:
        """Return where the blob ``sha256`` of ``kind`` lives (it may not exist)."""
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / kind / sha256[:2] / sha256

    def exists(self, kind: Kind, sha256: str) -> bool:
        """Whether the blob is stored."""
        return self.path(kind, sha256).is_file()

    def spool(self, source: BinaryIO, limit: int) -> tuple[Path, str, int]:
        """Copy a stream to a temporary file, hashing it and enforcing a size limit.

        Args:
            source: Readable binary stream (an upload).
            limit: Largest accepted size, in bytes.

        Returns:
            The temporary file (the caller moves it with ``commit`` or deletes it), its SHA-256
            and its size in bytes.

        Raises:
            PayloadTooLargeError: When the stream is longer than ``limit`` (nothing is kept).

        """
        digest = hashlib.sha256()
        size = 0
        fd, name = tempfile.mkstemp(dir=self.tmp, suffix=".upload")
        path = Path(name)
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := source.read(_CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise PayloadTooLargeError(
                            "file_too_large",
                            f"A photo is larger than the limit of {limit / 1024 / 1024:.0f} MiB.",
                            {"limit_bytes": limit},
                        )
                    digest.update(chunk)
                    out.write(chunk)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return path, digest.hexdigest(), size

    def commit(self, kind: Kind, temp: Path, sha256: str) -> Path:
        """Move a spooled temporary file into place (or drop it when already stored)."""
        target = self.path(kind, sha256)
        if target.is_file():
            temp.unlink(missing_ok=True)
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temp, target)
        return target

    def put_bytes(self, kind: Kind, data: bytes) -> str:
        """Store ``data`` and return its SHA-256 (idempotent)."""
        sha256 = hashlib.sha256(data).hexdigest()
        target = self.path(kind, sha256)
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(dir=self.tmp)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(name, target)
        return sha256

    def delete(self, kind: Kind, sha256: str) -> bool:
        """Delete a blob; return whether it existed."""
        path = self.path(kind, sha256)
        existed = path.is_file()
        path.unlink(missing_ok=True)
        return existed
