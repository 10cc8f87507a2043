"""SiBLing checklist scoring: observed items to percentages."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from api.rules.messages import RulesError
from api.rules.ruleset import ChecklistItem, RuleSet


class Observation(StrEnum):
    """What the auditor saw for one checklist item."""

    MET = "met"
    NOT_MET = "not_met"
    NOT_OBSERVED = "not_observed"


class ItemResult(BaseModel):
    """One checklist item and its observation."""

    model_config = ConfigDict(frozen=True)

    item_id: str
    group: str
    label_id: str
    label_en: str
    observation: Observation


class GroupScore(BaseModel):
    """Counts and percent of one group of items.

    Attributes:
        met: Items met.
        not_met: Items not met.
        not_observed: Items not observed (left out of the percent).
        percent: ``met / (met + not_met) * 100``, or ``None`` when nothing was observed.

    """

    model_config = ConfigDict(frozen=True)

    met: int
    not_met: int
    not_observed: int
    percent: float | None


class ChecklistScore(BaseModel):
    """The scored SiBLing checklist.

    Attributes:
        attitudes: The eight Layanan Prima attitudes; its percent is the ``sibling`` indicator.
        janji_items: The Janji items.
        items: Every item with its observation, attitudes first, in rule-set order.

    """

    model_config = ConfigDict(frozen=True)

    attitudes: GroupScore
    janji_items: GroupScore
    items: tuple[ItemResult, ...]


def score_checklist(
    ruleset: RuleSet, observations: Mapping[str, Observation | str]
) -> ChecklistScore:
    """Score the SiBLing checklist.

    Args:
        ruleset: The rules (the checklist items).
        observations: Item id (e.g. ``"ramah"``, ``"janji_registration"``) to ``met``,
            ``not_met`` or ``not_observed``; items left out are ``not_observed``.

    Returns:
        Per-group counts and percents; items not observed are left out of the percent.

    Raises:
        RulesError: For an unknown item id or observation value.

    """
    checklist = ruleset.checklist
    known = {i.id for i in (*checklist.attitudes, *checklist.janji_items)}
    unknown = sorted(set(observations) - known)
    if unknown:
        raise RulesError(f"unknown checklist items {unknown}; known: {', '.join(sorted(known))}")
    parsed: dict[str, Observation] = {}
    for item_id, value in observations.items():
        try:
            parsed[item_id] = Observation(value)
        except ValueError:
            choices = ", ".join(o.value for o in Observation)
            raise RulesError(
                f"checklist item {item_id!r}: unknown observation {value!r}; use {choices}"
            ) from None
    attitudes = _results("attitude", checklist.attitudes, parsed)
    janji = _results("janji", checklist.janji_items, parsed)
    return ChecklistScore(
        attitudes=_group(attitudes), janji_items=_group(janji), items=(*attitudes, *janji)
    )


def _results(
    group: str, items: tuple[ChecklistItem, ...], parsed: Mapping[str, Observation]
) -> tuple[ItemResult, ...]:
    return tuple(
        ItemResult(
            item_id=item.id,
            group=group,
            label_id=item.label_id,
            label_en=item.label_en,
            observation=parsed.get(item.id, Observation.NOT_OBSERVED),
        )
        for item in items
    )


def _group(results: tuple[ItemResult, ...]) -> GroupScore:
    met = sum(r.observation is Observation.MET for r in results)
    not_met = sum(r.observation is Observation.NOT_MET for r in results)
    observed = met + not_met
    return GroupScore(
        met=met,
        not_met=not_met,
        not_observed=len(results) - observed,
        percent=round(100.0 * met / observed, 2) if observed else None,
    )
