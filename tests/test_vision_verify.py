from __future__ import annotations

import numpy as np
import pytest
from vision_photos import Photos

from vision.decode import decode_file
from vision.results import VerificationStatus
from vision.verify import TextReader, Verifier, VerifyPolicy


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return Verifier(VerifyPolicy(), TextReader())


def _box(box: tuple[int, int, int, int]) -> np.ndarray:
    return np.array(box, np.float32)


def test_janji_poster_on_a_wall_is_confirmed_with_its_promises(
    verifier: Verifier, vision_photos: Photos
) -> None:
    decoded = decode_file(vision_photos.janji_jpg)
    result = verifier.verify_box(decoded, _box(vision_photos.janji_box))
    assert result.status is VerificationStatus.CONFIRMED
    assert result.verified is True
    assert result.variant == "fkrtl"
    assert len(result.promises_read) >= 4
    assert set(result.promises_read) <= {1, 2, 3, 4, 5, 6}
    assert result.seconds > 0


def test_lookalike_poster_is_rejected_and_named(verifier: Verifier, vision_photos: Photos) -> None:
    decoded = decode_file(vision_photos.lookalike_jpg)
    result = verifier.verify_box(decoded, _box(vision_photos.janji_box))
    assert result.status is VerificationStatus.REJECTED
    assert result.identified_as == "hak_kewajiban"
    assert result.promises_read == ()


def test_reads_the_full_resolution_crop_of_a_reduced_12mp_photo(
    verifier: Verifier, vision_photos: Photos
) -> None:
    decoded = decode_file(vision_photos.phone_jpg)
    assert decoded.is_reduced
    result = verifier.verify_box(decoded, _box(vision_photos.phone_box))
    assert result.status is VerificationStatus.CONFIRMED
    assert len(result.promises_read) >= 4


def test_empty_wall_is_not_confirmed(verifier: Verifier, vision_photos: Photos) -> None:
    decoded = decode_file(vision_photos.plain_jpg)
    result = verifier.verify_box(decoded, _box((100, 100, 400, 500)))
    assert result.status is not VerificationStatus.CONFIRMED


def test_policy_skips_small_boxes_and_can_be_disabled() -> None:
    verifier = Verifier(VerifyPolicy(min_crop_side=100))
    assert verifier.should_read(_box((0, 0, 100, 300)))
    assert not verifier.should_read(_box((0, 0, 99, 300)))
    assert not Verifier(VerifyPolicy(enabled=False)).should_read(_box((0, 0, 500, 500)))
    with pytest.raises(ValueError, match="min_crop_side"):
        VerifyPolicy(min_crop_side=0)


def test_the_text_detector_enlarges_crops_to_the_policys_side(vision_photos: Photos) -> None:
    """Crops are enlarged for text detection to ``text_detection_side`` on their short side."""
    assert VerifyPolicy().text_detection_side == 480
    verifier = Verifier(VerifyPolicy(text_detection_side=736))
    assert verifier.reader.text_detection_side == 736
    engine = verifier.reader._get_engine()
    assert engine.cfg.Det.limit_side_len == 736  # rapidocr's setting, as it will use it
    decoded = decode_file(vision_photos.janji_jpg)
    result = verifier.verify_box(decoded, _box(vision_photos.janji_box))
    assert result.status is VerificationStatus.CONFIRMED  # the same poster, read at 736 too
    with pytest.raises(ValueError, match="text_detection_side"):
        VerifyPolicy(text_detection_side=16)
