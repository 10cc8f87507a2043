from __future__ import annotations

import numpy as np
import pytest

from datasets.classes import load_classes
from vision.relabel import form_by_shape, relabel_by_text, says_janji
from vision.results import NOT_CHECKED, Verification, VerificationStatus

CONFIRMED = Verification(VerificationStatus.CONFIRMED, promises_read=(1, 3))
TITLE_ONLY = Verification(VerificationStatus.UNREADABLE, title_read=True)
UNREADABLE = Verification(VerificationStatus.UNREADABLE)
REJECTED_WITH_TITLE = Verification(VerificationStatus.REJECTED, title_read=True)


def test_says_janji() -> None:
    assert says_janji(CONFIRMED) and says_janji(TITLE_ONLY)
    assert not says_janji(UNREADABLE)
    assert not says_janji(NOT_CHECKED)
    assert not says_janji(REJECTED_WITH_TITLE)


@pytest.mark.parametrize(
    ("box", "form"),
    [
        ((0, 0, 420, 594), "janji_poster"),  # A-series portrait
        ((0, 0, 594, 420), "janji_poster"),  # A-series landscape
        ((10, 10, 90, 210), "janji_banner"),  # roll-up 80 x 200
        ((0, 0, 400, 100), "janji_spanduk"),  # 4:1 fabric banner
        ((0, 0, 0, 0), "janji_poster"),  # degenerate boxes do not divide by zero
    ],
)
def test_form_by_shape(box: tuple[int, int, int, int], form: str) -> None:
    assert form_by_shape(np.array(box, np.float32)) == form


def test_only_other_signs_whose_text_says_janji_change() -> None:
    classes = load_classes()
    ids = {name: classes.id_of(name) for name in classes.names}
    class_id = np.array(
        [ids["other_sign"], ids["other_sign"], ids["other_sign"], ids["janji_banner"]], np.int64
    )
    xyxy = np.array(
        [[0, 0, 400, 100], [0, 0, 100, 140], [0, 0, 100, 140], [0, 0, 100, 140]], np.float32
    )
    out = relabel_by_text(class_id, xyxy, [CONFIRMED, TITLE_ONLY, UNREADABLE, UNREADABLE], ids)
    names = [classes.names[int(c)] for c in out]
    assert names == ["janji_spanduk", "janji_poster", "other_sign", "janji_banner"]
    assert class_id[0] == ids["other_sign"]  # the input is not modified
    with pytest.raises(ValueError, match="verifications"):
        relabel_by_text(class_id, xyxy, [CONFIRMED], ids)
