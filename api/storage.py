"""Content-addressed files under the data directory, and uploads streamed to disk.

A file lives at ``<root>/<kind>/<sha[:2]>/<sha>`` where ``sha`` is the SHA-256 of its bytes,
so the same photo uploaded twice is stored once and a stored file never changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
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

    def store(self, kind: Kind, temp: Path, sha256: str) -> bool:
        """Put a spooled file in place unless the blob is stored already; ``temp`` stays.

        The caller keeps ``temp`` until its photo rows are committed, so it can store the blob
        again should a concurrent clean-up remove it meanwhile (see ``withdraw``).

        Args:
            kind: The kind of blob.
            temp: A file from ``spool`` (left where it is).
            sha256: Its SHA-256.

        Returns:
            Whether this call stored it (``False`` when it was there already).

        """
        target = self.path(kind, sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(temp, target)  # atomic, and fails when the blob exists: one writer wins
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links: copy instead
            if target.is_file():
                return False
            fd, name = tempfile.mkstemp(dir=self.tmp)
            os.close(fd)
            shutil.copyfile(temp, name)
            os.replace(name, target)
        return True

    def withdraw(self, kind: Kind, sha256: str) -> Path | None:
        """Move a blob out of place into a temporary file, atomically.

        Readers see it gone at once. The caller deletes the returned file, or puts it back
        with ``store`` when it turns out to be still needed.

        Returns:
            The temporary file, or ``None`` when the blob was not stored.

        """
        fd, name = tempfile.mkstemp(dir=self.tmp, suffix=".withdrawn")
        os.close(fd)
        aside = Path(name)
        try:
            os.replace(self.path(kind, sha256), aside)
        except FileNotFoundError:
            aside.unlink(missing_ok=True)
            return None
        return aside

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
