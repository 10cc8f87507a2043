"""Label Studio converters: config XML, boxes <-> percent results <-> YOLO lines, by name."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from datasets.classes import load_classes
from training import labelstudio
from training.labelstudio_format import (
    LabelMapError,
    box_to_result,
    labeling_config,
    latest_annotation,
    local_file_path,
    local_file_url,
    result_box_percent,
    results_to_yolo,
)

NAMES = load_classes().names


def test_labeling_config_has_one_rectangle_label_per_class() -> None:
    root = ET.fromstring(labeling_config(NAMES))
    image = root.find("Image")
    rects = root.find("RectangleLabels")
    assert image is not None and rects is not None
    assert rects.get("toName") == image.get("name") and image.get("value") == "$image"
    assert [label.get("value") for label in rects.findall("Label")] == list(NAMES)


def test_box_to_result_is_percent_of_the_image() -> None:
    result = box_to_result([100, 50, 300, 150], "janji_poster", 400, 200, score=0.8)
    value = result["value"]
    assert (value["x"], value["y"], value["width"], value["height"]) == (25.0, 25.0, 50.0, 50.0)
    assert value["rectanglelabels"] == ["janji_poster"] and result["score"] == 0.8
    assert result["original_width"] == 400 and result["original_height"] == 200


def test_round_trip_to_yolo() -> None:
    width, height = 640, 480
    boxes = {"janji_spanduk": [64, 48, 320, 96], "other_sign": [0, 240, 160, 480]}
    results = [box_to_result(b, n, width, height) for n, b in boxes.items()]
    lines = results_to_yolo(results, NAMES)
    assert lines == [
        "2 0.300000 0.150000 0.400000 0.100000",
        "3 0.125000 0.750000 0.250000 0.500000",
    ]


def test_labels_map_by_name_not_alphabetical_index() -> None:
    # alphabetically other_sign would not be last and janji_banner would be first
    results = [
        box_to_result([0, 0, 10, 10], "other_sign", 100, 100),
        box_to_result([0, 0, 10, 10], "janji_banner", 100, 100),
    ]
    ids = [int(line.split()[0]) for line in results_to_yolo(results, NAMES)]
    assert ids == [NAMES.index("other_sign"), NAMES.index("janji_banner")] == [3, 1]


def test_unknown_label_is_a_clear_error() -> None:
    with pytest.raises(LabelMapError, match="'poster' is not a detector class"):
        results_to_yolo([box_to_result([0, 0, 5, 5], "poster", 10, 10)], NAMES)


def test_other_result_types_are_ignored_and_boxes_clipped() -> None:
    results: list[dict[str, Any]] = [
        {"type": "choices", "value": {"choices": ["x"]}},
        {
            "type": "rectanglelabels",
            "value": {
                "x": 90,
                "y": -10,
                "width": 20,
                "height": 30,
                "rectanglelabels": ["janji_poster"],
            },
        },
        {
            "type": "rectanglelabels",
            "value": {
                "x": 120,
                "y": 0,
                "width": 5,
                "height": 5,
                "rectanglelabels": ["janji_poster"],
            },
        },
    ]
    assert results_to_yolo(results, NAMES) == ["0 0.950000 0.100000 0.100000 0.200000"]


def test_rotated_rectangle_becomes_its_bounding_box() -> None:
    # 200x100 px image; 20x20 px square at (100, 10) px rotated 90 deg clockwise about its
    # top-left corner covers x 80..100 px, y 10..30 px
    value = {"x": 50.0, "y": 10.0, "width": 10.0, "height": 20.0, "rotation": 90}
    x1, y1, x2, y2 = result_box_percent(value, 200, 100)
    assert (x1, y1, x2, y2) == pytest.approx((40.0, 10.0, 50.0, 30.0))


def test_latest_annotation_skips_cancelled() -> None:
    task = {
        "annotations": [
            {"id": 1, "updated_at": "2026-01-01T00:00:00Z", "result": ["old"]},
            {"id": 2, "updated_at": "2026-01-02T00:00:00Z", "result": ["new"]},
            {"id": 3, "updated_at": "2026-01-03T00:00:00Z", "was_cancelled": True},
        ]
    }
    chosen = latest_annotation(task)
    assert chosen is not None and chosen["id"] == 2
    assert latest_annotation({"annotations": []}) is None


def test_local_file_urls_round_trip() -> None:
    url = local_file_url("audit photos/rs a/IMG 1.jpg")
    assert url.startswith("/data/local-files/?d=") and " " not in url
    assert local_file_path(url) == "audit photos/rs a/IMG 1.jpg"
    assert local_file_path("https://example.org/a.jpg") is None


def test_photos_outside_document_root_are_refused(tmp_path: Path) -> None:
    with pytest.raises(labelstudio.LabelStudioError, match="not under the Label Studio"):
        labelstudio.relative_to_root(tmp_path / "a.jpg", tmp_path / "root")


def test_config_action_prints_xml(capsys: pytest.CaptureFixture[str]) -> None:
    assert labelstudio.main(["config"]) == 0
    assert "<RectangleLabels" in capsys.readouterr().out


def test_push_without_server_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LABEL_STUDIO_URL", raising=False)
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    argv = ["push", "--project", "p", "--images", str(tmp_path), "--document-root", str(tmp_path)]
    assert labelstudio.main(argv) == 2
    assert "--url and --token" in capsys.readouterr().err
