"""Oversight routes: overdue visits, contract review, follow-up priorities."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.deps import Caller, Db, SettingsDep
from api.routes.common import ERRORS
from api.rules.ruleset import load_ruleset
from api.schemas import Day
from api.services import oversight

router = APIRouter(prefix="/api/v1/oversight", tags=["oversight"], responses=ERRORS)

Today = Annotated[
    Day | None,
    Query(description="Reference date (default today); 2000-01-01 to a year from today."),
]


@router.get("/overdue-visits")
def overdue_visits(
    db: Db, caller: Caller, settings: SettingsDep, today: Today = None
) -> list[dict[str, Any]]:
    """List FKTP facilities short of their SiBLing visits (at least 2 a year)."""
    ruleset = load_ruleset(settings.rule_set)
    return oversight.overdue(db, caller, ruleset, today or dt.date.today())


@router.get("/contract-review")
def contract_review(db: Db, caller: Caller, settings: SettingsDep) -> list[dict[str, Any]]:
    """List facilities with bad results several times in a row (flagged for contract review)."""
    return oversight.contract_review(db, caller, load_ruleset(settings.rule_set))


@router.get("/follow-up")
def follow_up(
    db: Db, caller: Caller, settings: SettingsDep, today: Today = None
) -> list[dict[str, Any]]:
    """List facilities with open findings, most urgent first."""
    ruleset = load_ruleset(settings.rule_set)
    return oversight.follow_up(db, caller, ruleset, today or dt.date.today())
