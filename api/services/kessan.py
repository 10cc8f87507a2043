"""KESSAN patient feedback and monthly visit counts of a facility."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth import Principal
from api.errors import InvalidInputError
from api.models import Feedback, VisitCount
from api.rules.kessan import KessanResponse, kessan_months
from api.rules.messages import RulesError
from api.rules.ruleset import RuleSet
from api.schemas import FeedbackIn, FeedbackOut, VisitCountIn
from api.services import access, facilities


def add_feedback(
    db: Session, principal: Principal, facility_id: int, data: FeedbackIn
) -> FeedbackOut:
    """Record one patient feedback (admins and the facility itself)."""
    facility = facilities.get(db, principal, facility_id)
    access.require_role(principal, "admin", "facility")
    row = Feedback(
        facility_id=facility.id,
        stars=data.stars,
        comment=data.comment,
        visit_date=data.visit_date,
        care=data.care,
    )
    db.add(row)
    db.commit()
    return FeedbackOut(
        id=row.id,
        facility_id=row.facility_id,
        stars=row.stars,
        comment=row.comment,
        visit_date=row.visit_date,
        care=row.care,
    )


def set_visits(db: Session, principal: Principal, facility_id: int, data: VisitCountIn) -> None:
    """Set the number of patient visits of a month (replaces an earlier count)."""
    facility = facilities.get(db, principal, facility_id)
    access.require_role(principal, "admin", "facility")
    row = db.scalar(
        select(VisitCount).where(
            VisitCount.facility_id == facility.id, VisitCount.month == data.month
        )
    )
    if row is None:
        db.add(VisitCount(facility_id=facility.id, month=data.month, visits=data.visits))
    else:
        row.visits = data.visits
    db.commit()


def summary(
    db: Session, principal: Principal, ruleset: RuleSet, facility_id: int
) -> list[dict[str, Any]]:
    """Return the facility's KESSAN per month: respondents, required minimum, rating."""
    facility = facilities.get(db, principal, facility_id)
    responses = [
        KessanResponse(
            facility_code=facility.code,
            stars=f.stars,
            visit_date=f.visit_date,
            care_type=f.care,  # type: ignore[arg-type]
            comment=f.comment or None,
        )
        for f in db.scalars(select(Feedback).where(Feedback.facility_id == facility.id))
    ]
    visits = {
        (facility.code, v.month): v.visits
        for v in db.scalars(select(VisitCount).where(VisitCount.facility_id == facility.id))
    }
    try:
        months = kessan_months(ruleset, responses, visits)
    except RulesError as exc:
        raise InvalidInputError("invalid_kessan", str(exc)) from None
    return [m.model_dump(mode="json") for m in months]
