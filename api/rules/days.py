"""Date arithmetic that ends in a clear ``RulesError`` at the end of the calendar (year 9999).

``date + timedelta`` raises a bare ``OverflowError`` past ``date.max``; the rules raise
``RulesError`` instead, which says which date and what was asked of it.
"""

from __future__ import annotations

from datetime import date, timedelta

from api.rules.messages import RulesError


def add_days(day: date, days: int, what: str) -> date:
    """Return ``day`` plus ``days`` days.

    Args:
        day: The starting day.
        days: Days to add (negative to go back).
        what: What is being computed, for the error message (e.g. ``"due date"``).

    Returns:
        The day ``days`` days after ``day``.

    Raises:
        RulesError: If the result lies outside the calendar (years 1 to 9999).

    """
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise RulesError(
            f"{what}: {day.isoformat()} {days:+d} days lies outside the calendar "
            f"({date.min.isoformat()} to {date.max.isoformat()})"
        ) from None
