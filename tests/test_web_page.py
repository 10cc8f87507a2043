"""The self-check page's routes on the real HTTP server: the page, its assets, their headers.

The page itself is exercised in a real browser by ``test_web_selfcheck.py``; here every file
the page loads must be served, with the right type, and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_support import Server, run_model_free_server

from api.web.routes import STATIC_DIR, asset_files


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    # The page needs no detector: point at an empty folder and do not wait for a model.
    with run_model_free_server(tmp_path_factory.mktemp("web_page")) as running:
        yield running


def referenced_assets() -> set[str]:
    """Every asset name that index.html, the scripts and the style sheet refer to."""
    names = set(
        re.findall(r"/self-check/assets/([\w.-]+)", (STATIC_DIR / "index.html").read_text())
    )
    for script in STATIC_DIR.glob("*.js"):
        names |= set(re.findall(r"from \"\./([\w.-]+)\"", script.read_text()))
    names |= set(re.findall(r"url\(\"([\w.-]+)\"\)", (STATIC_DIR / "style.css").read_text()))
    manifest = (STATIC_DIR / "manifest.webmanifest").read_text()
    names |= set(re.findall(r"/self-check/assets/([\w.-]+)", manifest))
    return names


def test_root_redirects_to_the_page(server: Server) -> None:
    with server.client() as c:
        r = c.get("/", follow_redirects=False)
        assert r.status_code == 307
        assert r.headers["location"] == "/self-check"
        page = c.get("/", follow_redirects=True)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="id">' in page.text
    assert 'src="/self-check/assets/app.js"' in page.text


def test_page_headers_lock_scripts_to_the_origin(server: Server) -> None:
    with server.client() as c:
        r = c.get("/self-check")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp
    assert "unsafe-inline" not in csp and "http" not in csp  # no CDN, no inline script
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


def test_every_referenced_asset_is_served_with_its_type(server: Server) -> None:
    names = referenced_assets()
    assert {"app.js", "style.css", "i18n.js", "shrink.js", "pending.js"} <= names
    types = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}
    with server.client() as c:
        for name in sorted(names):
            r = c.get(f"/self-check/assets/{name}")
            assert r.status_code == 200, name
            expected = types.get(Path(name).suffix, "application/manifest+json")
            assert r.headers["content-type"].startswith(expected), (name, r.headers)
            assert r.content == (STATIC_DIR / name).read_bytes()
    assert names <= set(asset_files()), "an asset is referenced but not servable"


@pytest.mark.parametrize(
    "name",
    ["nope.js", "index.html", "..%2F..%2Fmain.py", "..%2Fweb%2Froutes.py", "%2Fetc%2Fpasswd"],
)
def test_unknown_assets_are_404_with_the_error_schema(server: Server, name: str) -> None:
    with server.client() as c:
        r = c.get(f"/self-check/assets/{name}")
    assert r.status_code == 404
    body = r.json()
    assert set(body) == {"error"} and body["error"]["message"]
    assert "Traceback" not in r.text


def test_page_routes_stay_out_of_the_api_docs(server: Server) -> None:
    with server.client() as c:
        paths = c.get("/openapi.json").json()["paths"]
    assert "/" not in paths and "/self-check" not in paths
    assert not any(p.startswith("/self-check") for p in paths)
