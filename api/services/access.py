"""Who may do what: the one place that decides authorization.

Resources outside a caller's scope (another region, another facility) answer 404, so a token
never learns that they exist; an action the caller's role may not take answers 403.
"""

from __future__ import annotations

from api.auth import Principal
from api.errors import ForbiddenError, NotFoundError
from api.models import Audit, Facility


def in_scope(principal: Principal, facility: Facility) -> bool:
    """Whether ``principal`` may see ``facility`` and its records.

    Admins see all; auditors their region; facility keys their own facility; ML engineers see
    no facility records (they read photo results through the photo routes).
    """
    if principal.role == "admin":
        return True
    if principal.role == "auditor":
        return principal.region == facility.region
    if principal.role == "facility":
        return principal.facility_id == facility.id
    return False


def require_role(principal: Principal, *roles: str) -> None:
    """Raise ``ForbiddenError`` unless the principal has one of ``roles``."""
    if principal.role not in roles:
        raise ForbiddenError(
            "forbidden", f"The {principal.role} role may not do this (allowed: {', '.join(roles)})."
        )


def require_facility(principal: Principal, facility: Facility | None, facility_id: int) -> Facility:
    """Return the facility when it exists and is in scope, else raise ``NotFoundError``."""
    if facility is None or not in_scope(principal, facility):
        raise NotFoundError("facility_not_found", f"There is no facility {facility_id}.")
    return facility


def require_audit(principal: Principal, audit: Audit | None, audit_id: int) -> Audit:
    """Return the audit when it exists and its facility is in scope, else 404."""
    if audit is None or not in_scope(principal, audit.facility):
        raise NotFoundError("audit_not_found", f"There is no audit {audit_id}.")
    return audit


def can_read_photo(principal: Principal, audit: Audit) -> bool:
    """Whether the principal may read a photo's result and evidence image (faces blurred)."""
    return principal.role == "ml_engineer" or in_scope(principal, audit.facility)


def require_audit_writer(principal: Principal, audit: Audit) -> None:
    """Raise ``ForbiddenError`` unless the principal may add photos to ``audit``.

    SiBLing audits are written by auditors (and admins); self-checks by the facility's own key
    (and admins).
    """
    if audit.kind == "sibling":
        require_role(principal, "admin", "auditor")
    else:
        require_role(principal, "admin", "facility")


def require_reviewer(principal: Principal, audit: Audit) -> None:
    """Raise ``ForbiddenError`` unless the principal may judge ``audit`` (submit it).

    Self-checks are judged by the facility itself; SiBLing audits only by auditors and admins.
    """
    require_audit_writer(principal, audit)
