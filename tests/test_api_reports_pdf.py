"""The audit report as PDF over HTTP: content, embedded evidence, scope, and the 503 when
WeasyPrint cannot be loaded. The renderer itself must fetch nothing but ``data:`` URLs."""

from __future__ import annotations

import base64
import http.server
import io
import mimetypes
import re
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import httpx
import pytest
from api_support import Server, decode_image, read_image, run_server

from api.reports import html_to_pdf
from api.settings import Settings
from vision.decode import ImageDecodeError, decode_bytes

pypdf = pytest.importorskip("pypdf")

VISIT = "2025-03-14"


@dataclass
class Report:
    """A submitted five-area audit of facility A and its PDF as the auditor fetched it."""

    audit: dict[str, Any]
    response: httpx.Response
    evidence_sizes: list[tuple[int, int]]

    @property
    def pdf(self) -> Any:
        return pypdf.PdfReader(io.BytesIO(self.response.content))

    @property
    def text(self) -> str:
        return "\n".join(page.extract_text() for page in self.pdf.pages)


@pytest.fixture(scope="module")
def server(dev_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("api_reports_pdf"), model_path=dev_package, log_json=False
    )
    with run_server(settings) as running:
        yield running


@pytest.fixture(scope="module")
def report(server: Server, vision_photos: Any) -> Report:
    photos = {
        "registration": vision_photos.janji_jpg,
        "outpatient_waiting": vision_photos.phone_jpg,  # portrait: the tallest image
        "pharmacy_waiting": vision_photos.lookalike_jpg,
        "diagnostic_waiting": vision_photos.plain_jpg,
        "information_complaints": vision_photos.png,
    }
    with server.client("auditor") as c:
        r = c.post(f"/api/v1/facilities/{server.facility_a}/audits", json={"visit_date": VISIT})
        assert r.status_code == 201, r.text
        audit_id = r.json()["id"]
        sizes = []
        for area, path in photos.items():
            up = c.post(
                f"/api/v1/audits/{audit_id}/areas/{area}/photos",
                files=[("files", (path.name, path.read_bytes(), mimetypes.guess_type(path)[0]))],
            )
            assert up.status_code == 201, up.text
            evidence = c.get(up.json()["photos"][0]["evidence_url"])
            height, width = decode_image(evidence.content).shape[:2]
            sizes.append((width, height))
        for area, status in (("registration", "compliant"), ("pharmacy_waiting", "wrong_media")):
            c.post(
                f"/api/v1/audits/{audit_id}/areas/{area}/override",
                json={"status": status, "note": "Checked on site"},
            ).raise_for_status()
        c.put(
            f"/api/v1/audits/{audit_id}/checklist", json={"items": {"ramah": "met"}}
        ).raise_for_status()
        audit = c.post(f"/api/v1/audits/{audit_id}/submit").json()
        assert audit["report_pdf_url"] == f"/api/v1/audits/{audit_id}/report.pdf"
        response = c.get(audit["report_pdf_url"])
    return Report(audit=audit, response=response, evidence_sizes=sizes)


def test_pdf_response(report: Report) -> None:
    r = report.response
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF-")
    name = f"audit-PKM-A-{report.audit['id']}-{VISIT}.pdf"
    assert r.headers["content-disposition"] == f'attachment; filename="{name}"'


def test_pdf_holds_the_reports_content(report: Report) -> None:
    text = report.text
    flat = re.sub(r"\s+", "", text)
    assert "Facility PKM-A" in text
    statuses = [area["status"] for area in report.audit["areas"]]
    assert len(statuses) == 5 and {"compliant", "wrong_media"} <= set(statuses)
    for area in report.audit["areas"]:
        assert area["name_id"] in text
        heading = re.sub(r"\s+", "", f"{area['name_id']}—{area['status']}")
        assert heading in flat  # each area's own section with its verdict
    total = report.audit["score"]["total"]
    assert total is not None
    assert f"Total: {total:.2f}" in text
    assert report.audit["score"]["grade"] and f"({report.audit['score']['grade']})" in text


def test_pdf_pages_are_a4_and_numbered(report: Report) -> None:
    pdf = report.pdf
    count = len(pdf.pages)
    assert count >= 2  # five evidence photos do not fit one page
    for number, page in enumerate(pdf.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 in points
        assert f"Halaman {number} / {count}" in page.extract_text()


def test_pdf_embeds_the_evidence_images(report: Report) -> None:
    # Pages share one resource dictionary: count each image object once.
    embedded = {
        image.indirect_reference.idnum: image.image.size
        for page in report.pdf.pages
        for image in page.images
    }
    assert len(embedded) == 5
    # Full evidence resolution (as the evidence.jpg route serves it), not thumbnails.
    assert sorted(embedded.values()) == sorted(report.evidence_sizes)


def test_pdf_scope_matches_the_html_report(server: Server, report: Report) -> None:
    audit = report.audit["id"]
    with server.client("facility") as c:
        own = c.get(f"/api/v1/audits/{audit}/report.pdf")
        assert own.status_code == 200 and own.content.startswith(b"%PDF-")
    for role in ("facility_b", "auditor_b", None):
        with server.client(role) as c:
            html = c.get(f"/api/v1/audits/{audit}/report.html")
            pdf = c.get(f"/api/v1/audits/{audit}/report.pdf")
        assert pdf.status_code == html.status_code and pdf.status_code in (401, 403, 404)
        assert set(pdf.json()["error"]) == {"code", "message", "details"}
    with server.client("admin") as c:
        missing = c.get("/api/v1/audits/999999/report.pdf")
        missing_html = c.get("/api/v1/audits/999999/report.html")
    assert missing.status_code == 404
    assert missing.json() == missing_html.json()
    assert missing.json()["error"]["code"] == "audit_not_found"


def test_pdf_answers_503_without_weasyprint(
    server: Server, report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ``None`` in sys.modules makes ``import weasyprint`` fail, as a missing package does.
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    audit = report.audit["id"]
    with server.client("auditor") as c:
        r = c.get(f"/api/v1/audits/{audit}/report.pdf")
        assert r.status_code == 503
        error = r.json()["error"]
        assert error["code"] == "pdf_unavailable"
        assert error["message"].startswith("PDF rendering is not available on this server: ")
        assert c.get("/api/v1/audits/999999/report.pdf").status_code == 404  # scope first
        assert c.get(f"/api/v1/audits/{audit}/report.html").status_code == 200
        assert c.get("/health").status_code == 200


def recording_handler(paths: list[str]) -> type[http.server.BaseHTTPRequestHandler]:
    """An HTTP handler class that appends every requested path to ``paths``."""

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            paths.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    return Recorder


def test_renderer_fetches_nothing_but_data_urls(vision_photos: Any) -> None:
    requested: list[str] = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), recording_handler(requested))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        local = vision_photos.janji_jpg.resolve()
        small = cv2.imencode(".png", cv2.resize(read_image(local), (64, 48)))[1]
        data_url = "data:image/png;base64," + base64.b64encode(small.tobytes()).decode()
        html = f"""<!DOCTYPE html><html><head>
        <link rel="stylesheet" href="{base}/style.css">
        <style>@import url("{base}/import.css"); body {{ background: url("{base}/bg.png"); }}
        @font-face {{ font-family: Remote; src: url("{base}/font.woff2"); }}</style>
        </head><body style="font-family: Remote">
        <p>Refused</p><img src="{base}/remote.jpg"><img src="file://{local}">
        <img src="{local}"><img src="relative.jpg"><img src="{data_url}">
        </body></html>"""
        pdf = pypdf.PdfReader(io.BytesIO(html_to_pdf(html)))
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert requested == []
    sizes = {image.indirect_reference.idnum: image.image.size for image in pdf.pages[0].images}
    assert list(sizes.values()) == [(64, 48)]  # only the data: image
    assert "Refused" in pdf.pages[0].extract_text()


def test_rendering_leaves_truncated_uploads_corrupt(vision_photos: Any) -> None:
    """Importing WeasyPrint lets Pillow load truncated files process-wide; the service undoes it."""
    html_to_pdf("<p>x</p>")
    png = vision_photos.png.read_bytes()
    with pytest.raises(ImageDecodeError) as info:
        decode_bytes(png[: len(png) // 3])
    assert info.value.code == "corrupt"
