"""Audit reports (self-contained HTML with evidence images; the same as PDF) and a CSV."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth import Principal
from api.deps import AppState
from api.errors import NotFoundError, PdfUnavailableError
from api.models import Audit, Facility, Finding
from api.rules.ruleset import load_ruleset
from api.services import audits, evidence, facilities, findings, oversight

_TEMPLATES = Path(__file__).parent / "templates"
log = logging.getLogger("janjicheck.api.reports")

# One PDF render at a time per process: rendering is CPU-heavy (it would take the cores the
# detector needs) and Pango/fontconfig are not reliably thread-safe.
_PDF_RENDER = threading.Lock()
PDF_UNAVAILABLE_REASON = (
    "the WeasyPrint package or the system libraries it needs (Pango, HarfBuzz, fontconfig) "
    "are not installed."
)


@dataclass(frozen=True)
class PdfReport:
    """An audit report rendered to PDF.

    Attributes:
        content: The PDF file's bytes.
        filename: A download name: facility code, audit id and visit date.

    """

    content: bytes
    filename: str


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
    )


def audit_report_html(db: Session, principal: Principal, state: AppState, audit_id: int) -> str:
    """Render an audit as one self-contained HTML page.

    Verdicts, evidence images (faces blurred), score breakdown, checklist, findings and
    integrity flags; images are embedded so the file can be saved and shared as it is.
    """
    return _report(db, principal, state, audit_id)[0]


def audit_report_pdf(
    db: Session, principal: Principal, state: AppState, audit_id: int
) -> PdfReport:
    """Render an audit's report (the HTML report's one template, print styles) as A4 PDF.

    Raises:
        NotFoundError: The audit does not exist or is outside the caller's scope.
        PdfUnavailableError: WeasyPrint or its system libraries are missing.

    """
    html, filename = _report(db, principal, state, audit_id)
    return PdfReport(content=html_to_pdf(html), filename=f"{filename}.pdf")


def report_filename(facility_code: str, audit_id: int, visit_date: dt.date) -> str:
    """Return a report's file name without extension, e.g. ``audit-PKM-A-12-2025-03-14``.

    Characters other than ASCII letters, digits, ``_`` and ``-`` in the code become ``-``.
    """
    code = re.sub(r"[^A-Za-z0-9_-]+", "-", facility_code).strip("-") or "facility"
    return f"audit-{code}-{audit_id}-{visit_date.isoformat()}"


def html_to_pdf(html: str) -> bytes:
    """Render an HTML document to PDF with WeasyPrint, fetching nothing.

    Only ``data:`` URLs are read (the report embeds its images); every other URL (http, file,
    relative) is refused and left out. Fonts come from the system's fontconfig.

    Raises:
        PdfUnavailableError: WeasyPrint or its system libraries cannot be loaded.

    """
    try:
        import weasyprint  # lazy: loads Pango through cffi
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as exc:
        log.warning("PDF rendering is not available: %s", exc)
        raise PdfUnavailableError(PDF_UNAVAILABLE_REASON) from exc
    finally:
        # Importing WeasyPrint turns on Pillow's process-wide LOAD_TRUNCATED_IMAGES; uploads
        # decoded in this process must keep failing on truncated files, so turn it off again
        # (the report only embeds complete evidence JPEGs written by this service).
        from PIL import ImageFile

        ImageFile.LOAD_TRUNCATED_IMAGES = False
    fetcher = URLFetcher(allowed_protocols=frozenset({"data"}))
    with _PDF_RENDER:
        document = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher)
        return bytes(document.write_pdf())


def _report(db: Session, principal: Principal, state: AppState, audit_id: int) -> tuple[str, str]:
    """Return an audit's report HTML and its file name (without extension)."""
    audit = audits.get(db, principal, audit_id)
    out = audits.to_out(db, audit)
    photos: dict[int, dict[str, Any]] = {}
    for photo in audit.photos:
        try:
            path = evidence.ensure(state, db, photo)
        except NotFoundError:
            path = None  # drawn as "no image" (its original is gone)
        data = base64.b64encode(path.read_bytes()).decode() if path is not None else ""
        photos[photo.id] = {
            "id": photo.id,
            "filename": photo.filename,
            "image": f"data:image/jpeg;base64,{data}" if data else "",
            "detections": photo.result.get("detections", []),
            "quality": photo.result.get("quality", {}),
            "flags": [
                {"code": f.code, "severity": f.severity, "message": f.message} for f in photo.flags
            ],
            "faces": photo.faces_blurred,
        }
    audit_findings = db.scalars(
        select(Finding).where(Finding.audit_id == audit.id).order_by(Finding.id)
    ).all()
    facility = facilities.to_out(audit.facility)
    html = (
        _environment()
        .get_template("audit_report.html")
        .render(
            audit=out,
            facility=facility,
            photos=photos,
            score=out.score or {},
            findings=[findings.to_out(f) for f in audit_findings],
            generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        )
    )
    return html, report_filename(facility.code, out.id, out.visit_date)


CSV_COLUMNS = (
    "facility_code",
    "facility_name",
    "level",
    "kind",
    "region",
    "contract_status",
    "audit_id",
    "visit_date",
    "audit_status",
    "total",
    "grade",
    "sibling",
    "kessan",
    "janji",
    "compliant_areas",
    "open_findings",
    "contract_review",
)


def facility_scores_csv(db: Session, principal: Principal, rule_set: str) -> str:
    """Return a CSV with one row per visible facility: its latest submitted SiBLing score."""
    ruleset = load_ruleset(rule_set)
    review = {r["facility_id"] for r in oversight.contract_review(db, principal, ruleset)}
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    visible = db.scalars(
        select(Facility).where(*facilities.scope_filter(principal)).order_by(Facility.code)
    )
    for facility in visible:
        latest = db.scalars(
            select(Audit)
            .where(
                Audit.facility_id == facility.id, Audit.kind == "sibling", Audit.status != "draft"
            )
            .order_by(Audit.visit_date.desc(), Audit.id.desc())
            .limit(1)
        ).first()
        score = (latest.score or {}) if latest else {}
        values = {b["indicator"]: b["value"] for b in score.get("breakdown", [])}
        open_count = len(
            db.scalars(
                select(Finding.id).where(
                    Finding.facility_id == facility.id, Finding.status == "open"
                )
            ).all()
        )
        writer.writerow(
            {
                "facility_code": facility.code,
                "facility_name": facility.name,
                "level": facility.level,
                "kind": facility.kind,
                "region": facility.region,
                "contract_status": facility.contract_status,
                "audit_id": latest.id if latest else "",
                "visit_date": latest.visit_date.isoformat() if latest else "",
                "audit_status": latest.status if latest else "",
                "total": _fmt(score.get("total")),
                "grade": score.get("grade") or "",
                "sibling": _fmt(values.get("sibling")),
                "kessan": _fmt(values.get("kessan")),
                "janji": _fmt(values.get("janji")),
                "compliant_areas": sum(1 for r in latest.areas if r.status == "compliant")
                if latest
                else "",
                "open_findings": open_count,
                "contract_review": "yes" if facility.id in review else "no",
            }
        )
    return buffer.getvalue()


def _fmt(value: Any) -> str:
    return "" if value is None else f"{float(value):.2f}"
