from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from api.rules import (
    AreaStatus,
    PhotoFinding,
    RulesError,
    judge_area,
    list_rulesets,
    load_ruleset,
    load_ruleset_file,
    ruleset_from_mapping,
    score_audit,
)
from api.rules.verdict import DetectionFinding
from datasets.classes import load_classes

AREAS = (
    "registration",
    "outpatient_waiting",
    "pharmacy_waiting",
    "diagnostic_waiting",
    "information_complaints",
)


def packaged_data() -> dict[str, Any]:
    text = resources.files("api.rules").joinpath("rulesets", "SE-2024.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def write_copy(tmp_path: Path, data: dict[str, Any], ruleset_id: str = "SE-TEST") -> Path:
    data = {**data, "id": ruleset_id}
    path = tmp_path / f"{ruleset_id}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_packaged_ruleset_loads_with_its_contents() -> None:
    assert "SE-2024" in list_rulesets()
    rs = load_ruleset("SE-2024")
    assert rs.id == "SE-2024"
    assert rs.area_ids == AREAS
    assert {m.id: m.label for m in rs.media} == {
        "poster": "janji_poster",
        "banner": "janji_banner",
        "spanduk": "janji_spanduk",
    }
    for area in rs.areas:
        assert set(area.allowed_media) == (
            {"poster", "banner", "spanduk"}
            if area.id == "outpatient_waiting"
            else {"poster", "banner"}
        )
    assert [a.id for a in rs.checklist.attitudes] == [
        "tepat_waktu",
        "rapi",
        "ramah",
        "sigap",
        "fokus",
        "informatif",
        "koordinatif",
        "senyum",
    ]
    assert {i.area for i in rs.checklist.janji_items if i.area} == set(AREAS)
    assert rs.kessan.respondent_minimum == 30
    assert rs.score.weights == {"sibling": 0.35, "kessan": 0.30, "janji": 0.35}
    assert rs.facility.consecutive_bad_for_review == 3
    assert rs.facility.min_visits_per_year == 2
    # Each caller gets its own copy: changing one cannot change the rules another sees.
    other = load_ruleset("SE-2024")
    assert other == rs and other is not rs
    rs.score.weights["janji"] = 0.0
    assert load_ruleset("SE-2024").score.weights["janji"] == 0.35


def test_media_labels_are_the_detector_janji_classes() -> None:
    rs = load_ruleset("SE-2024")
    assert {m.label for m in rs.media} == set(load_classes().janji)


@pytest.mark.parametrize(
    ("floor", "required"),
    [
        (None, 1),
        (0, 1),
        (30, 1),
        (50, 1),
        (50.5, 1),
        (99.9, 1),
        (100, 2),
        (149, 2),
        (150, 3),
        (200, 4),
        (10_000, 4),
    ],
)
def test_area_size_rule_boundaries(floor: float | None, required: int) -> None:
    assert load_ruleset("SE-2024").area_size.required_count(floor) == required


@pytest.mark.parametrize("floor", [-1, float("nan"), float("inf")])
def test_area_size_rejects_impossible_floor_area(floor: float) -> None:
    with pytest.raises(RulesError, match="floor area"):
        load_ruleset("SE-2024").area_size.required_count(floor)


def test_unknown_ids_give_clear_errors() -> None:
    rs = load_ruleset("SE-2024")
    with pytest.raises(RulesError, match="unknown rule set 'SE-1999'; available: SE-2024"):
        load_ruleset("SE-1999")
    with pytest.raises(RulesError, match="invalid rule set id"):
        load_ruleset("../etc/passwd")
    with pytest.raises(RulesError, match="unknown area 'lobby'; known areas: registration"):
        rs.area("lobby")
    with pytest.raises(RulesError, match="unknown facility type 'apotek'"):
        rs.facility_level("apotek")
    assert rs.facility_level("puskesmas") == "fktp"
    assert rs.facility_level("rumah_sakit") == "fkrtl"


def test_modified_copy_changes_outcomes(tmp_path: Path) -> None:
    data = packaged_data()
    # Spanduk allowed in the pharmacy too, 2 media from 20 m², KESSAN weighs nothing.
    for area in data["areas"]:
        if area["id"] == "pharmacy_waiting":
            area["allowed_media"] = ["poster", "banner", "spanduk"]
    data["area_size"] = {"base_count": 1, "threshold_m2": 10, "extra_per_m2": 10, "max_count": 3}
    data["score"]["weights"] = {"sibling": 0.5, "kessan": 0.0, "janji": 0.5}
    write_copy(tmp_path, data)
    assert list_rulesets(tmp_path) == ["SE-TEST"]
    custom = load_ruleset("SE-TEST", directory=tmp_path)
    default = load_ruleset("SE-2024")
    photo = PhotoFinding(
        detections=(DetectionFinding(label="janji_spanduk", confidence=0.9, accepted=True),)
    )
    assert judge_area(default, "pharmacy_waiting", [photo]).status is AreaStatus.WRONG_MEDIA
    assert judge_area(custom, "pharmacy_waiting", [photo]).status is AreaStatus.COMPLIANT
    poster = PhotoFinding(
        detections=(DetectionFinding(label="janji_poster", confidence=0.9, accepted=True),)
    )
    assert judge_area(default, "registration", [poster], floor_area_m2=20).status is (
        AreaStatus.COMPLIANT
    )
    verdict = judge_area(custom, "registration", [poster], floor_area_m2=20)
    assert (verdict.status, verdict.required_count) == (AreaStatus.NOT_ENOUGH_MEDIA, 2)
    assert score_audit(default, 100, 0, 100).total == 70.0
    assert score_audit(custom, 100, 0, 100).total == 100.0


def test_file_id_must_match_its_name(tmp_path: Path) -> None:
    data = packaged_data()
    path = write_copy(tmp_path, data, "SE-X")
    path.rename(tmp_path / "SE-Y.yaml")
    with pytest.raises(RulesError, match="declares id 'SE-X'"):
        load_ruleset("SE-Y", directory=tmp_path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["score"]["weights"].update(janji=0.5), "must sum to 1"),
        (lambda d: d["areas"][0].update(allowed_media=["mural"]), "unknown media"),
        (lambda d: d["areas"].append(dict(d["areas"][0])), "duplicate area id"),
        (lambda d: d["area_status_credit"].pop("missing"), "area_status_credit lacks"),
        (lambda d: d["detection"].update(counting="average"), "detection.counting"),
        # confidence thresholds belong to the model package, not to a rule set
        (lambda d: d["detection"].update(min_confidence=0.4), "detection.min_confidence"),
        (lambda d: d["score"].update(bad_below=90), "bad_below must be <= good_min"),
        (lambda d: d["checklist"]["janji_items"][0].update(area="lobby"), "unknown area"),
        (lambda d: d.update(surprise=1), "surprise"),
        (lambda d: d.pop("kessan"), "kessan: Field required"),
    ],
)
def test_invalid_rulesets_are_rejected_with_the_problem(
    tmp_path: Path, change: Callable[[dict[str, Any]], object], message: str
) -> None:
    data = packaged_data()
    change(data)
    with pytest.raises(RulesError, match=message):
        ruleset_from_mapping(data, "test")


def test_unreadable_or_non_yaml_file(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="cannot read rule set"):
        load_ruleset_file(tmp_path / "absent.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed", encoding="utf-8")
    with pytest.raises(RulesError, match="not valid YAML"):
        load_ruleset_file(bad)
    bad.write_text("- a list\n", encoding="utf-8")
    with pytest.raises(RulesError, match="must be a mapping"):
        load_ruleset_file(bad)
