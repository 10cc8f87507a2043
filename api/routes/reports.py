"""Report routes: the audit report (HTML and PDF) and the CSV of facility scores."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from api import reports
from api.deps import Caller, Db, SettingsDep, State
from api.routes.common import ERRORS, IdPath
from api.schemas import ErrorResponse
from api.services import access

router = APIRouter(prefix="/api/v1", tags=["reports"], responses=ERRORS)


@router.get("/audits/{audit_id}/report.html", response_class=HTMLResponse)
def audit_report(audit_id: IdPath, state: State, db: Db, caller: Caller) -> HTMLResponse:
    """Return the audit report as one self-contained HTML page (faces blurred)."""
    return HTMLResponse(reports.audit_report_html(db, caller, state, audit_id))


@router.get(
    "/audits/{audit_id}/report.pdf",
    response_class=Response,
    responses={
        200: {"content": {"application/pdf": {}}, "description": "The report as A4 PDF"},
        503: {"model": ErrorResponse, "description": "PDF rendering is not available"},
    },
)
def audit_report_pdf(audit_id: IdPath, state: State, db: Db, caller: Caller) -> Response:
    """Return the audit report as an A4 PDF (the HTML report's content, faces blurred).

    A sync route: FastAPI runs it in its thread pool, so rendering never blocks the event loop.
    """
    report = reports.audit_report_pdf(db, caller, state, audit_id)
    return Response(
        report.content,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{report.filename}"'},
    )


@router.get("/reports/facility-scores.csv", response_class=Response)
def facility_scores(db: Db, caller: Caller, settings: SettingsDep) -> Response:
    """Return a CSV of facility scores (latest submitted SiBLing audit of each)."""
    access.require_role(caller, "admin", "auditor")
    body = reports.facility_scores_csv(db, caller, settings.rule_set)
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="facility-scores.csv"'},
    )
