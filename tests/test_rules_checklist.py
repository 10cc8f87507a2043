import pytest

from api.rules import Observation, RulesError, load_ruleset, score_checklist

RS = load_ruleset("SE-2024")


def test_attitudes_percent_leaves_out_not_observed() -> None:
    s = score_checklist(
        RS,
        {
            "tepat_waktu": "met",
            "rapi": "met",
            "ramah": Observation.MET,
            "sigap": "not_met",
            "fokus": "not_observed",
            "janji_registration": "met",
            "janji_pharmacy_waiting": "not_met",
        },
    )
    assert (s.attitudes.met, s.attitudes.not_met, s.attitudes.not_observed) == (3, 1, 4)
    assert s.attitudes.percent == 75.0
    assert s.janji_items.percent == 50.0
    assert len(s.items) == 8 + len(RS.checklist.janji_items)
    assert s.items[0].item_id == "tepat_waktu" and s.items[0].label_id == "Tepat waktu"
    assert {i.group for i in s.items[:8]} == {"attitude"}


def test_all_eight_met_is_100_and_nothing_observed_is_none() -> None:
    all_met = score_checklist(RS, {a.id: "met" for a in RS.checklist.attitudes})
    assert all_met.attitudes.percent == 100.0
    assert all_met.janji_items.percent is None
    nothing = score_checklist(RS, {})
    assert nothing.attitudes.percent is None
    assert nothing.attitudes.not_observed == 8


def test_unknown_items_and_values_are_clear_errors() -> None:
    with pytest.raises(RulesError, match=r"unknown checklist items \['sabar'\]"):
        score_checklist(RS, {"sabar": "met"})
    with pytest.raises(RulesError, match="'ramah': unknown observation 'yes'"):
        score_checklist(RS, {"ramah": "yes"})
