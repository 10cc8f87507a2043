"""Bearer API keys (hashed at rest), roles, and the principal a request acts as."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.errors import InvalidInputError, UnauthenticatedError
from api.models import ApiKey, Facility

ROLES = ("admin", "auditor", "facility", "ml_engineer")
TOKEN_PREFIX = "jc"


@dataclass(frozen=True)
class Principal:
    """Who is calling.

    Attributes:
        key_id: Public id of the API key.
        key_pk: Database id of the API key.
        name: Display name (e.g. the auditor's name).
        role: ``admin``, ``auditor``, ``facility`` or ``ml_engineer``.
        region: The auditor's region, else ``None``.
        facility_id: The facility a facility key belongs to, else ``None``.

    """

    key_id: str
    key_pk: int
    name: str
    role: str
    region: str | None = None
    facility_id: int | None = None


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_key(
    session: Session,
    name: str,
    role: str,
    region: str | None = None,
    facility_id: int | None = None,
) -> tuple[ApiKey, str]:
    """Create an API key and return it with its one-time plain token.

    Args:
        session: Open session (the caller commits).
        name: Display name of the holder.
        role: One of ``ROLES``.
        region: Required for ``auditor``.
        facility_id: Required for ``facility``.

    Returns:
        The stored key and the token ``jc_<key id>_<secret>`` (shown once, never stored).

    Raises:
        InvalidInputError: For an unknown role or a missing region/facility.

    """
    if role not in ROLES:
        raise InvalidInputError(
            "unknown_role", f"Unknown role {role!r}; use one of {', '.join(ROLES)}."
        )
    if role == "auditor" and not region:
        raise InvalidInputError("region_required", "An auditor key needs a region.")
    if role == "facility":
        if facility_id is None:
            raise InvalidInputError("facility_required", "A facility key needs a facility_id.")
        if session.get(Facility, facility_id) is None:
            raise InvalidInputError("unknown_facility", f"There is no facility {facility_id}.")
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(24)
    key = ApiKey(
        key_id=key_id,
        secret_hash=_digest(secret),
        name=name,
        role=role,
        region=region if role == "auditor" else None,
        facility_id=facility_id if role == "facility" else None,
    )
    session.add(key)
    session.flush()
    return key, f"{TOKEN_PREFIX}_{key_id}_{secret}"


def authenticate(session: Session, authorization: str | None) -> Principal:
    """Return the principal of an ``Authorization: Bearer <token>`` header value.

    Raises:
        UnauthenticatedError: When the header is missing, malformed, unknown or revoked.

    """
    if not authorization:
        raise UnauthenticatedError(
            "missing_token", "Send an API key as 'Authorization: Bearer <key>'."
        )
    scheme, _, token = authorization.partition(" ")
    parts = token.strip().split("_", 2)
    if scheme.lower() != "bearer" or len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        raise UnauthenticatedError("invalid_token", "The API key is malformed.")
    key = session.scalar(select(ApiKey).where(ApiKey.key_id == parts[1]))
    if key is None or not hmac.compare_digest(key.secret_hash, _digest(parts[2])):
        raise UnauthenticatedError("invalid_token", "The API key is not valid.")
    if key.revoked_at is not None:
        raise UnauthenticatedError("revoked_token", "The API key was revoked.")
    return Principal(
        key_id=key.key_id,
        key_pk=key.id,
        name=key.name,
        role=key.role,
        region=key.region,
        facility_id=key.facility_id,
    )
