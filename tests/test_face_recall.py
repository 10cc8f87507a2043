"""The face-recall benchmark: matching, bucketing and coverage logic; a run on real photos."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from vision.faces import Face, blur_faces

REPO = Path(__file__).resolve().parent.parent


def load_benchmark() -> ModuleType:
    path = REPO / "benchmarks" / "face_recall.py"
    spec = importlib.util.spec_from_file_location("face_recall_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


fr = load_benchmark()
LF = fr.LabelledFace


def test_iou_and_centre_rule() -> None:
    assert fr.iou((0, 0, 10, 10), (0, 0, 10, 10)) == 1.0
    assert fr.iou((0, 0, 10, 10), (20, 20, 30, 30)) == 0.0
    assert fr.iou((0, 0, 10, 10), (5, 0, 15, 10)) == pytest.approx(50 / 150)
    assert fr.centre_inside((4, 4, 6, 6), (0, 0, 10, 10))
    assert not fr.centre_inside((8, 8, 20, 20), (0, 0, 10, 10))
    # A box on the nose: its centre is in the face but it is far too small to hide it.
    nose = (4.0, 4.0, 6.0, 6.0)
    assert fr.matches(nose, (0, 0, 10, 10), "centre")
    assert not fr.matches(nose, (0, 0, 10, 10), "iou")
    with pytest.raises(ValueError):
        fr.matches(nose, (0, 0, 10, 10), "overlap")


def test_match_photo_counts_found_faces_and_false_positives() -> None:
    faces = [LF((0, 0, 10, 10)), LF((100, 100, 120, 120)), LF((50, 0, 60, 10), depicted=True)]
    detections = [
        (1.0, 1.0, 11.0, 11.0),  # face 0
        (0.0, 0.0, 9.0, 10.0),  # face 0 again: not a false positive
        (51.0, 0.0, 61.0, 10.0),  # the depicted face: not a false positive either
        (300.0, 300.0, 320.0, 320.0),  # nothing there
    ]
    result = fr.match_photo(faces, detections, "iou")
    assert result.found == (True, False, True)
    assert result.false_positives == 1
    assert fr.match_photo([], detections, "iou") == fr.PhotoMatch((), 4)
    assert fr.match_photo(faces, [], "centre") == fr.PhotoMatch((False, False, False), 0)


@pytest.mark.parametrize(
    ("height", "bucket"),
    [(5, "<24"), (23.9, "<24"), (24, "24-48"), (47.9, "24-48"), (48, "48-96"), (96, ">=96")],
)
def test_height_buckets(height: float, bucket: str) -> None:
    assert fr.height_bucket(height) == bucket
    assert bucket in fr.bucket_names()


def test_parse_labels_scales_to_pixels_and_rejects_bad_boxes() -> None:
    doc: dict[str, Any] = {
        "photos": [
            {
                "file": "a.jpg",
                "width": 200,
                "height": 100,
                "faces": [{"box": [0.1, 0.2, 0.3, 0.6], "tiny": True}, {"box": [0, 0, 1, 1]}],
            },
            {"file": "b.jpg", "width": 50, "height": 50, "faces": []},
        ]
    }
    photos = fr.parse_labels(doc)
    assert [p.file for p in photos] == ["a.jpg", "b.jpg"]
    first = photos[0].faces[0]
    assert first.box == pytest.approx((20, 20, 60, 60))
    assert first.tiny and not first.depicted and not first.real
    assert photos[0].faces[1].real and photos[0].faces[1].height == 100
    doc["photos"][0]["faces"][0]["box"] = [0.5, 0.2, 0.3, 0.6]
    with pytest.raises(fr.LabelError, match="bad box"):
        fr.parse_labels(doc)
    with pytest.raises(fr.LabelError, match="malformed"):
        fr.parse_labels({"photos": [{"file": "c.jpg", "faces": []}]})


def test_blur_mask_is_what_blur_faces_changes() -> None:
    rng = np.random.default_rng(0)
    image = rng.integers(0, 256, (120, 160, 3), dtype=np.uint8)
    boxes = [(20.0, 30.0, 60.0, 80.0), (140.0, 100.0, 170.0, 130.0), (0.5, 0.5, 1.0, 1.0)]
    changed = np.any(blur_faces(image, [Face(b, 0.9) for b in boxes]) != image, axis=2)
    mask = fr.blur_mask(120, 160, boxes)
    assert not np.any(changed & ~mask)  # nothing changes outside the mask
    assert np.sum(mask & ~changed) < 0.01 * mask.sum()  # and the mask is what changes
    inside, total = fr.covered_area(mask, boxes[0])
    assert total == 40 * 50 and inside == total  # a box lies inside its own grown ellipse


def test_summarize_recall_false_positives_and_coverage() -> None:
    photos = [
        fr.LabelledPhoto("a.jpg", 200, 200, (LF((10, 10, 40, 40)), LF((100, 100, 110, 110)))),
        fr.LabelledPhoto("b.jpg", 200, 200, (LF((0, 0, 8, 8), tiny=True),)),
        fr.LabelledPhoto("empty.jpg", 200, 200, ()),
    ]
    detections = [
        [Face((10, 10, 40, 40), 0.9), Face((150, 150, 180, 180), 0.3)],
        [],
        [Face((50, 50, 80, 80), 0.45)],
    ]
    at_40 = fr.summarize(photos, detections, 0.4)
    assert at_40.recall["iou"]["all"] == fr.Tally(1, 2)
    assert at_40.recall["iou"]["24-48"] == fr.Tally(1, 1)
    assert at_40.recall["iou"]["<24"] == fr.Tally(0, 1)
    assert at_40.recall["iou"][">=24"] == fr.Tally(1, 1)
    assert at_40.recall["iou"]["tiny"] == fr.Tally(0, 1)
    assert at_40.false_positives["iou"] == 1 and at_40.fp_no_people["iou"] == 1
    assert at_40.no_people_photos == 1
    assert at_40.coverage == pytest.approx(900 / 1000)
    assert at_40.hidden == fr.Tally(1, 2)
    assert at_40.misses == (("a.jpg", 10.0),)
    at_20 = fr.summarize(photos, detections, 0.2)
    assert at_20.false_positives["iou"] == 2
    assert at_20.recall["iou"]["all"] == fr.Tally(1, 2)
    lines = "\n".join(fr.format_summary(at_40) + fr.format_sweep([at_20, at_40], 0.4))
    assert "all real faces" in lines and "1/2 = 50.0%" in lines
    assert "1.00 per no-people photo (1 on 1)" in lines
    assert "<- service" in lines


def test_committed_labels_parse() -> None:
    photos = fr.parse_labels(json.loads(fr.DEFAULT_LABELS.read_text(encoding="utf-8")))
    with_faces = [p for p in photos if any(f.real for f in p.faces)]
    assert len(with_faces) >= 40
    assert sum(1 for p in photos if not p.faces) >= 20
    assert all(f.box[2] <= p.width and f.box[3] <= p.height for p in photos for f in p.faces)


def test_bad_input_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert fr.main(["--photos", str(tmp_path / "nowhere")]) == 2
    assert "photo folder not found" in capsys.readouterr().err
    labels = tmp_path / "labels.json"
    labels.write_text(
        json.dumps({"photos": [{"file": "gone.jpg", "width": 10, "height": 10, "faces": []}]})
    )
    assert fr.main(["--photos", str(tmp_path), "--labels", str(labels)]) == 2
    err = capsys.readouterr().err
    assert "1 labelled photos missing" in err and "gone.jpg" in err
    labels.write_text("{not json")
    assert fr.main(["--photos", str(tmp_path), "--labels", str(labels)]) == 2
    assert "cannot read the label file" in capsys.readouterr().err


# Two photos with one clear, large face each and one photo with no people at all.
SUBSET = ("000c052bb4b882c4.jpg", "0c3673f52f7fbe00.jpg", "000bf0ddff4c7310.jpg")


def test_main_on_real_photos(
    indoor_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not all((indoor_dir / name).is_file() for name in SUBSET):
        pytest.skip("the indoor photo folder lacks the labelled photos")
    doc = json.loads(fr.DEFAULT_LABELS.read_text(encoding="utf-8"))
    doc["photos"] = [p for p in doc["photos"] if p["file"] in SUBSET]
    assert len(doc["photos"]) == len(SUBSET)
    labels = tmp_path / "subset.json"
    labels.write_text(json.dumps(doc))
    assert fr.main(["--photos", str(indoor_dir), "--labels", str(labels), "--sweep", "0.3"]) == 0
    out = capsys.readouterr().out
    assert "recall at threshold 0.40" in out
    assert "all real faces             2/2 = 100.0%" in out
    assert "height >=96 px             2/2 = 100.0%" in out
    assert "0.00 per no-people photo (0 on 1)" in out
    assert "blur coverage:" in out and "threshold sweep" in out
    assert "equals the run: True" in out
