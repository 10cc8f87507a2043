"""Facilities: create, read, list and change them, within the caller's scope."""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from api.auth import Principal
from api.errors import ConflictError, ForbiddenError, InvalidInputError
from api.models import Facility
from api.rules.messages import RulesError
from api.rules.ruleset import RuleSet
from api.schemas import FacilityIn, FacilityOut, FacilityPatch, Page
from api.services import access


def to_out(facility: Facility) -> FacilityOut:
    """Return the API form of a facility."""
    return FacilityOut(
        id=facility.id,
        code=facility.code,
        name=facility.name,
        level=facility.level,
        kind=facility.kind,
        region=facility.region,
        address=facility.address,
        latitude=facility.latitude,
        longitude=facility.longitude,
        contract_status=facility.contract_status,
        area_sizes={k: float(v) for k, v in (facility.area_sizes or {}).items()},
    )


def _check_areas(ruleset: RuleSet, sizes: dict[str, float]) -> None:
    for area in sizes:
        try:
            ruleset.area(area)
        except RulesError as exc:
            raise InvalidInputError("unknown_area", str(exc)) from None


def create(db: Session, principal: Principal, ruleset: RuleSet, data: FacilityIn) -> Facility:
    """Create a facility (admins only)."""
    access.require_role(principal, "admin")
    _check_areas(ruleset, data.area_sizes)
    if db.scalar(select(Facility).where(Facility.code == data.code)) is not None:
        raise ConflictError(
            "facility_exists", f"A facility with code {data.code!r} already exists."
        )
    facility = Facility(
        code=data.code,
        name=data.name,
        level=ruleset.facility_level(data.kind).upper(),
        kind=data.kind,
        region=data.region,
        address=data.address,
        latitude=data.latitude,
        longitude=data.longitude,
        contract_status=data.contract_status,
        area_sizes=dict(data.area_sizes),
    )
    db.add(facility)
    db.commit()
    return facility


def get(db: Session, principal: Principal, facility_id: int) -> Facility:
    """Return a facility in the caller's scope (404 otherwise)."""
    return access.require_facility(principal, db.get(Facility, facility_id), facility_id)


def update(
    db: Session, principal: Principal, ruleset: RuleSet, facility_id: int, data: FacilityPatch
) -> Facility:
    """Change a facility (admins; a facility key may set its own area sizes only)."""
    facility = get(db, principal, facility_id)
    fields = data.model_dump(exclude_unset=True)
    if principal.role == "facility" and set(fields) - {"area_sizes"}:
        raise ForbiddenError("forbidden", "A facility key may change only its area sizes.")
    access.require_role(principal, "admin", "facility")
    if data.area_sizes is not None:  # sizes are positive and finite (``FacilityPatch``)
        _check_areas(ruleset, data.area_sizes)
    for key, value in fields.items():
        setattr(facility, key, value)
    db.commit()
    return facility


def scope_filter(principal: Principal) -> list[ColumnElement[bool]]:
    """Return SQL conditions restricting facilities to the caller's scope."""
    if principal.role == "admin":
        return []
    if principal.role == "auditor":
        return [Facility.region == principal.region]
    if principal.role == "facility":
        return [Facility.id == principal.facility_id]
    return [Facility.id == -1]


def list_page(
    db: Session, principal: Principal, limit: int, offset: int, region: str | None
) -> Page[FacilityOut]:
    """List the facilities the caller may see, ordered by code."""
    access.require_role(principal, "admin", "auditor", "facility")
    conditions = scope_filter(principal)
    if region:
        conditions.append(Facility.region == region)
    total = db.scalar(select(func.count()).select_from(Facility).where(*conditions)) or 0
    rows = db.scalars(
        select(Facility).where(*conditions).order_by(Facility.code).limit(limit).offset(offset)
    ).all()
    return Page(items=[to_out(f) for f in rows], total=total, limit=limit, offset=offset)
