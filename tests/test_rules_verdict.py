from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from api.rules import (
    AreaStatus,
    DetectionFinding,
    Message,
    PhotoFinding,
    PhotoQualityIssue,
    ReviewedVerdict,
    RulesError,
    apply_override,
    judge_area,
    load_ruleset,
)

RS = load_ruleset("SE-2024")


def det(
    label: str = "janji_poster",
    confidence: float = 0.9,
    verified: bool | None = None,
    identified_as: str | None = None,
    *,
    accepted: bool,
) -> DetectionFinding:
    """A detection as the pipeline reports it; ``accepted`` is the pipeline's decision."""
    return DetectionFinding(
        label=label,
        confidence=confidence,
        verified=verified,
        identified_as=identified_as,
        accepted=accepted,
    )


def janji(label: str = "janji_poster") -> DetectionFinding:
    """A Janji detection the pipeline accepted."""
    return det(label, accepted=True)


def photo(*detections: DetectionFinding, issues: tuple[str, ...] = ()) -> PhotoFinding:
    return PhotoFinding(
        detections=tuple(detections),
        quality_issues=tuple(PhotoQualityIssue(code=c, message=f"{c} photo") for c in issues),
    )


def codes(messages: Sequence[Message]) -> list[str]:
    return [m.code for m in messages]


def test_one_poster_is_compliant() -> None:
    v = judge_area(RS, "registration", [photo(janji())])
    assert v.status is AreaStatus.COMPLIANT and v.compliant
    assert (v.required_count, v.qualified_count) == (1, 1)
    assert v.counts_by_medium == {"poster": 1, "banner": 0, "spanduk": 0}
    assert v.advice == ()
    assert v.reasons[0].code == "enough_media"


def test_spanduk_in_pharmacy_is_wrong_media_with_bilingual_reason() -> None:
    v = judge_area(RS, "pharmacy_waiting", [photo(janji("janji_spanduk"))])
    assert v.status is AreaStatus.WRONG_MEDIA
    assert (v.qualified_count, v.wrong_media_count) == (0, 1)
    reason = next(m for m in v.reasons if m.code == "spanduk_not_allowed")
    assert reason.text_id.startswith("Spanduk hanya dihitung di ruang tunggu rawat jalan")
    assert reason.text_en.startswith("A spanduk does not count in the pharmacy waiting room")
    assert codes(v.advice) == ["use_allowed_media"]
    assert "poster or banner" in v.advice[0].text_en


def test_spanduk_counts_in_outpatient_waiting() -> None:
    v = judge_area(RS, "outpatient_waiting", [photo(janji("janji_spanduk"))])
    assert v.status is AreaStatus.COMPLIANT
    assert v.counts_by_medium["spanduk"] == 1


def test_two_required_one_found_is_not_enough_media() -> None:
    v = judge_area(RS, "outpatient_waiting", [photo(janji())], floor_area_m2=120)
    assert v.status is AreaStatus.NOT_ENOUGH_MEDIA
    assert (v.required_count, v.qualified_count) == (2, 1)
    assert "Found 1 of the 2" in v.reasons[0].text_en
    assert "Put up 1 more Janji Layanan medium" in v.advice[0].text_en
    both = judge_area(RS, "outpatient_waiting", [photo(janji(), janji("janji_banner"))], 120)
    assert both.status is AreaStatus.COMPLIANT


def test_not_enough_beats_wrong_media_and_keeps_its_reason() -> None:
    v = judge_area(RS, "registration", [photo(janji(), janji("janji_spanduk"))], floor_area_m2=100)
    assert v.status is AreaStatus.NOT_ENOUGH_MEDIA
    assert "spanduk_not_allowed" in codes(v.reasons)


def test_blurred_photos_only_are_unverifiable_with_the_reason() -> None:
    v = judge_area(RS, "registration", [photo(issues=("blurry",)), photo(issues=("too_dark",))])
    assert v.status is AreaStatus.UNVERIFIABLE
    assert v.photos_with_quality_issues == 2
    assert codes(v.reasons) == ["all_photos_poor"]
    assert codes(v.advice) == ["quality_blurry", "quality_too_dark"]
    assert v.advice[1].text_en == "The photo is too dark: turn on the light and retake it"
    assert v.advice[1].text_id == "Foto terlalu gelap: nyalakan lampu lalu foto ulang"


def test_unknown_quality_code_falls_back_to_its_message() -> None:
    v = judge_area(RS, "registration", [photo(issues=("tilted",))])
    assert v.advice[0].code == "quality_tilted"
    assert v.advice[0].text_en == "tilted photo"


def test_unread_poster_on_a_blurred_photo_asks_for_a_retake() -> None:
    v = judge_area(RS, "registration", [photo(janji(), issues=("blurry",))])
    assert v.status is AreaStatus.UNVERIFIABLE
    assert (v.qualified_count, v.possible_count) == (0, 1)
    assert "quality_blurry" in codes(v.advice)


def test_poster_whose_text_was_confirmed_counts_on_a_blurred_photo() -> None:
    confirmed = det(verified=True, accepted=True)
    v = judge_area(RS, "registration", [photo(confirmed, issues=("blurry",))])
    assert (v.status, v.qualified_count) == (AreaStatus.COMPLIANT, 1)


def test_unread_spanduk_on_a_dark_photo_is_not_wrong_media() -> None:
    v = judge_area(RS, "pharmacy_waiting", [photo(janji("janji_spanduk"), issues=("too_dark",))])
    assert v.status is AreaStatus.UNVERIFIABLE and v.wrong_media_count == 0


def test_poor_photo_rule_is_configurable() -> None:
    lenient = RS.model_copy(
        update={"detection": RS.detection.model_copy(update={"poor_photo_needs_text": False})}
    )
    v = judge_area(lenient, "registration", [photo(janji(), issues=("blurry",))])
    assert v.status is AreaStatus.COMPLIANT


def test_one_good_photo_without_media_is_missing_not_unverifiable() -> None:
    v = judge_area(RS, "registration", [photo(issues=("blurry",)), photo()])
    assert v.status is AreaStatus.MISSING
    assert v.reasons[0].code == "no_janji_media"
    assert "quality_blurry" in codes(v.advice)


def test_no_photos_is_missing_and_asks_for_a_photo() -> None:
    v = judge_area(RS, "diagnostic_waiting", [])
    assert v.status is AreaStatus.MISSING
    assert v.photo_count == 0
    assert codes(v.reasons) == ["no_photos"]
    assert codes(v.advice) == ["take_photo"]


def test_identified_lookalike_explains_itself() -> None:
    lookalike = det(
        "other_sign", 0.95, verified=False, identified_as="hak_kewajiban", accepted=False
    )
    v = judge_area(RS, "registration", [photo(lookalike)])
    assert v.status is AreaStatus.MISSING
    assert v.rejected_count == 1
    msg = next(m for m in v.reasons if m.code == "not_janji_hak_kewajiban")
    assert msg.text_en == "This poster is Hak dan Kewajiban Peserta, not Janji Layanan"
    assert msg.text_id == "Ini poster Hak dan Kewajiban Peserta, bukan Janji Layanan"


def test_janji_label_rejected_by_text_does_not_count() -> None:
    v = judge_area(RS, "registration", [photo(det(verified=False, accepted=False))])
    assert v.status is AreaStatus.MISSING
    assert "text_not_janji" in codes(v.reasons)
    maklumat = det(verified=False, identified_as="maklumat_pelayanan", accepted=False)
    v = judge_area(RS, "registration", [photo(maklumat)])
    assert "This poster is Maklumat Pelayanan" in v.reasons[-1].text_en


def test_other_sign_without_identification_is_ignored_silently() -> None:
    v = judge_area(RS, "registration", [photo(det("other_sign", accepted=False))])
    assert v.status is AreaStatus.MISSING
    assert codes(v.reasons) == ["no_janji_media"]


@pytest.mark.parametrize(
    ("confidence", "verified", "accepted", "status", "possible"),
    [
        (0.9, True, True, AreaStatus.COMPLIANT, 0),
        (0.9, None, True, AreaStatus.COMPLIANT, 0),
        (0.3, True, True, AreaStatus.COMPLIANT, 0),  # the rules never judge the confidence
        (0.9, True, False, AreaStatus.MISSING, 1),
        (0.9, None, False, AreaStatus.MISSING, 1),
        (0.3, None, False, AreaStatus.MISSING, 1),
    ],
)
def test_the_pipelines_accepted_decides_what_counts(
    confidence: float, verified: bool | None, accepted: bool, status: AreaStatus, possible: int
) -> None:
    d = det(confidence=confidence, verified=verified, accepted=accepted)
    v = judge_area(RS, "registration", [photo(d)])
    assert v.status is status
    assert v.qualified_count == int(accepted)
    assert v.possible_count == possible
    assert ("possible_medium" in codes(v.reasons)) == bool(possible)


def test_unaccepted_unread_detection_is_a_possible_medium_with_closer_photo_advice() -> None:
    v = judge_area(RS, "registration", [photo(det(verified=None, accepted=False))])
    assert v.status is AreaStatus.MISSING
    assert (v.qualified_count, v.possible_count, v.rejected_count) == (0, 1, 0)
    assert "possible_medium" in codes(v.reasons)
    assert "take_closer_photo" in codes(v.advice)


def test_possible_medium_is_not_mentioned_once_the_area_is_compliant() -> None:
    v = judge_area(RS, "registration", [photo(janji(), det(accepted=False))])
    assert v.status is AreaStatus.COMPLIANT
    assert v.possible_count == 1
    assert "possible_medium" not in codes(v.reasons)


def test_rejected_detection_never_counts_even_if_marked_accepted() -> None:
    v = judge_area(RS, "registration", [photo(det(verified=False, accepted=True))])
    assert v.status is AreaStatus.MISSING
    assert (v.qualified_count, v.rejected_count, v.possible_count) == (0, 1, 0)
    assert "text_not_janji" in codes(v.reasons)


def test_unaccepted_wrong_medium_is_not_wrong_media() -> None:
    v = judge_area(RS, "pharmacy_waiting", [photo(det("janji_spanduk", 0.3, accepted=False))])
    assert v.status is AreaStatus.MISSING
    assert v.wrong_media_count == 0
    assert v.possible_count == 1


def test_several_photos_of_one_poster_count_once() -> None:
    photos = [photo(janji()), photo(janji()), photo(janji())]
    v = judge_area(RS, "outpatient_waiting", photos, floor_area_m2=100)
    assert (v.status, v.qualified_count) == (AreaStatus.NOT_ENOUGH_MEDIA, 1)
    assert "take_wider_photo" in codes(v.advice)
    wide = [photo(janji()), photo(janji(), janji("janji_banner")), photo(janji())]
    v = judge_area(RS, "outpatient_waiting", wide, floor_area_m2=100)
    assert (v.status, v.qualified_count) == (AreaStatus.COMPLIANT, 2)
    assert v.counts_by_medium == {"poster": 1, "banner": 1, "spanduk": 0}


def test_sum_over_photos_counting_is_configurable() -> None:
    summing = RS.model_copy(
        update={"detection": RS.detection.model_copy(update={"counting": "sum_over_photos"})}
    )
    photos = [photo(janji()), photo(janji())]
    v = judge_area(summing, "outpatient_waiting", photos, floor_area_m2=100)
    assert (v.status, v.qualified_count) == (AreaStatus.COMPLIANT, 2)


def test_unknown_area_and_bad_floor_area_are_clear_errors() -> None:
    with pytest.raises(RulesError, match="unknown area 'kantin'"):
        judge_area(RS, "kantin", [])
    with pytest.raises(RulesError, match="floor area"):
        judge_area(RS, "registration", [], floor_area_m2=-3)


def test_from_result_json_reads_the_detect_json_contract() -> None:
    entry: dict[str, Any] = {
        "path": "a.jpg",
        "width": 640,
        "height": 480,
        "quality": {"ok": False, "issues": [{"code": "glare", "message": "glare"}]},
        "detections": [
            {
                "label": "janji_banner",
                "confidence": 0.81,
                "box": [1, 2, 3, 4],
                "verified": True,
                "promises_read": [1, 2, 3],
                "verification": "confirmed",
                "identified_as": None,
                "accepted": True,
            },
            {
                "label": "janji_poster",
                "confidence": 0.3,
                "box": [5, 6, 7, 8],
                "verified": None,
                "promises_read": [],
                "verification": "unreadable",
                "identified_as": None,
                "accepted": False,
            },
        ],
        "janji_present": True,
    }
    p = PhotoFinding.from_result_json(entry, photo_id="p1")
    assert p.photo_id == "p1" and not p.quality_ok
    assert p.detections[0].promises_read == (1, 2, 3)
    assert [d.accepted for d in p.detections] == [True, False]
    v = judge_area(RS, "registration", [p])
    assert (v.status, v.qualified_count, v.possible_count) == (AreaStatus.COMPLIANT, 1, 1)
    with pytest.raises(RulesError, match="not a detection result entry"):
        PhotoFinding.from_result_json(
            {"detections": [{"label": "x", "confidence": 7, "accepted": False}]}
        )
    unaccepted = {k: v for k, v in entry["detections"][0].items() if k != "accepted"}
    with pytest.raises(RulesError, match="accepted"):
        PhotoFinding.from_result_json({"detections": [unaccepted]})


def test_verdict_agrees_with_the_pipelines_janji_present() -> None:
    """The area verdict counts exactly the detections the pipeline's JSON marks accepted."""
    from vision.detections import Detections
    from vision.results import (
        NOT_CHECKED,
        ImageResult,
        QualityReport,
        Verification,
        VerificationStatus,
        image_result_to_json,
    )

    unreadable = Verification(VerificationStatus.UNREADABLE)
    rejected = Verification(VerificationStatus.REJECTED, identified_as="hak_kewajiban")
    cases: list[tuple[tuple[str, ...], tuple[Verification, ...], tuple[bool, ...]]] = [
        (("janji_poster",), (unreadable,), (False,)),
        (("janji_poster",), (unreadable,), (True,)),
        (("janji_banner", "other_sign"), (rejected, NOT_CHECKED), (False, False)),
        (("other_sign", "janji_poster"), (NOT_CHECKED, NOT_CHECKED), (False, True)),
    ]
    for labels, verifications, accepted in cases:
        n = len(labels)
        result = ImageResult(
            path="p.jpg",
            width=100,
            height=100,
            quality=QualityReport(sharpness=100.0, brightness=50.0, glare=0.0),
            detections=Detections(
                np.array([[0, 0, 50, 50]] * n, np.float32),
                np.full(n, 0.6, np.float32),
                np.zeros(n, np.int64),
            ),
            labels=labels,
            verifications=verifications,
            accepted=accepted,
        )
        entry = image_result_to_json(result)
        v = judge_area(RS, "registration", [PhotoFinding.from_result_json(entry)])
        assert (v.status is AreaStatus.COMPLIANT) is entry["janji_present"] is any(accepted)


def test_override_keeps_original_and_history() -> None:
    v = judge_area(RS, "registration", [photo(issues=("blurry",))])
    reviewed = apply_override(v, "compliant", "  Poster seen on site behind the counter ", by="a1")
    assert isinstance(reviewed, ReviewedVerdict)
    assert reviewed.status is AreaStatus.COMPLIANT and reviewed.overridden
    assert reviewed.verdict.status is AreaStatus.UNVERIFIABLE
    assert reviewed.overrides[0].note == "Poster seen on site behind the counter"
    again = apply_override(reviewed, AreaStatus.NOT_ENOUGH_MEDIA, "Second poster missing")
    assert again.status is AreaStatus.NOT_ENOUGH_MEDIA
    assert [o.status for o in again.overrides] == [
        AreaStatus.COMPLIANT,
        AreaStatus.NOT_ENOUGH_MEDIA,
    ]
    assert again.verdict == v
    dumped = again.model_dump(mode="json")
    assert dumped["status"] == "not_enough_media"
    assert dumped["verdict"]["status"] == "unverifiable"


def test_override_needs_a_note_and_a_known_status() -> None:
    v = judge_area(RS, "registration", [])
    with pytest.raises(RulesError, match="needs a note"):
        apply_override(v, "compliant", "   ")
    with pytest.raises(RulesError, match="unknown status 'fine'"):
        apply_override(v, "fine", "ok")
