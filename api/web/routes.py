"""Routes of the self-check page: ``/`` and ``/self-check`` (the page) and its assets.

The page is plain HTML, CSS and JavaScript modules under ``api/static/selfcheck`` (no build
step, nothing from a CDN). It talks to the JSON API with the facility's bearer token; these
routes need no token because they serve only the page's own code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, RedirectResponse

STATIC_DIR: Final = Path(__file__).resolve().parent.parent / "static" / "selfcheck"
PAGE_PATH: Final = "/self-check"
ASSET_PREFIX: Final = f"{PAGE_PATH}/assets"

MEDIA_TYPES: Final[dict[str, str]] = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".webmanifest": "application/manifest+json",
    ".html": "text/html; charset=utf-8",
}

# The page keeps the facility's token in the browser: allow only this origin's scripts.
SECURITY_HEADERS: Final[dict[str, str]] = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        "img-src 'self' blob: data:; connect-src 'self'; object-src 'none'; "
        "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}

router = APIRouter(include_in_schema=False)


def asset_files(folder: Path = STATIC_DIR) -> dict[str, Path]:
    """Return the page's asset files by name (only files whose type is served).

    Args:
        folder: The folder of the page's files.

    Returns:
        File name to path, for every servable file directly in ``folder``.

    """
    if not folder.is_dir():
        return {}
    return {
        path.name: path
        for path in sorted(folder.iterdir())
        if path.is_file() and path.suffix in MEDIA_TYPES and path.name != "index.html"
    }


@router.get("/")
def root() -> RedirectResponse:
    """Send a visitor of the service's address to the self-check page."""
    return RedirectResponse(PAGE_PATH, status_code=307)


@router.get(PAGE_PATH)
def page() -> FileResponse:
    """Serve the facility self-check page (mobile first; Indonesian with an English switch)."""
    return FileResponse(
        STATIC_DIR / "index.html", media_type=MEDIA_TYPES[".html"], headers=SECURITY_HEADERS
    )


@router.get(ASSET_PREFIX + "/{name}")
def asset(name: str) -> FileResponse:
    """Serve one of the page's scripts, styles or icons (404 for any other name)."""
    path = asset_files().get(name)
    if path is None:
        raise HTTPException(404, f"There is no page asset {name!r}.")
    return FileResponse(path, media_type=MEDIA_TYPES[path.suffix], headers=SECURITY_HEADERS)
