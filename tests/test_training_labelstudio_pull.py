"""``labelstudio pull``/``push`` against a fake Label Studio client, and a pull mixed in.

The fake answers the calls ``training.labelstudio`` makes of ``label-studio-sdk`` 2.x; tasks
point at real photos below a temporary document root.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import cv2
import numpy as np
import pytest
import yaml
from cli_support import run_janjicheck

from training import labelstudio
from training.labelstudio_format import box_to_result, local_file_url
from training.splits import load_split
from training.train import check_data_yaml

TITLE = "Janji photos"
BANNER = box_to_result([32, 24, 96, 120], "janji_banner", 320, 240)
BANNER_LINE = "1 0.200000 0.300000 0.200000 0.400000"
OTHER = box_to_result([160, 120, 320, 240], "other_sign", 320, 240)
OTHER_LINE = "3 0.750000 0.750000 0.500000 0.500000"


class FakeAnnotation:
    """An SDK annotation: ``model_dump`` gives its fields."""

    def __init__(self, fields: dict[str, Any]) -> None:
        self.fields = fields

    def model_dump(self) -> dict[str, Any]:
        return dict(self.fields)


class FakeLabelStudio:
    """One project whose tasks (``id`` -> image URL and annotations) a test edits freely."""

    def __init__(self) -> None:
        self.images: dict[int, str] = {}
        self.annotations_of: dict[int, list[dict[str, Any]]] = {}
        self.imported: list[dict[str, Any]] = []
        self.made = 0  # annotations made so far
        project = SimpleNamespace(id=1, title=TITLE)
        self.projects = SimpleNamespace(
            list=lambda **_: [project],
            create=lambda **_: project,
            import_tasks=lambda _project, request: self.imported.extend(request),
        )
        self.import_storage = SimpleNamespace(
            local=SimpleNamespace(list=lambda **_: [], create=lambda **_: None)
        )
        self.tasks = SimpleNamespace(list=self._tasks)
        self.annotations = SimpleNamespace(list=self._annotations)

    def add(self, task: int, image: str, *results: dict[str, Any], cancelled: bool = False) -> None:
        """Give ``task`` (made when new) an annotation made after its others."""
        self.images[task] = image if image.startswith("/") else local_file_url(image)
        self.made += 1
        self.annotations_of.setdefault(task, []).append(
            {
                "id": 100 + self.made,
                "updated_at": f"2026-01-01T00:00:{self.made:02d}Z",
                "result": list(results),
                "was_cancelled": cancelled,
            }
        )

    def remove(self, task: int) -> None:
        del self.images[task], self.annotations_of[task]

    def skip(self, task: int) -> None:
        """Delete the task's annotations and skip it (a cancelled annotation)."""
        self.annotations_of[task] = []
        self.add(task, self.images[task], cancelled=True)

    def _tasks(self, **_: object) -> list[SimpleNamespace]:
        return [
            SimpleNamespace(
                id=task,
                data={"image": image},
                total_annotations=len(self.annotations_of[task]),
                annotations=[],
            )
            for task, image in self.images.items()
        ]

    def _annotations(self, id: int) -> list[FakeAnnotation]:
        return [FakeAnnotation(a) for a in self.annotations_of[id]]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A document root with ``photos/room0.jpg`` .. ``room7.jpg`` (320x240)."""
    folder = tmp_path / "root" / "photos"
    folder.mkdir(parents=True)
    rng = np.random.default_rng(0)
    for i in range(8):
        cv2.imwrite(str(folder / f"room{i}.jpg"), rng.integers(0, 255, (240, 320, 3), np.uint8))
    return tmp_path / "root"


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeLabelStudio:
    ls = FakeLabelStudio()
    monkeypatch.setattr(labelstudio, "client", lambda _server: ls)
    return ls


def pull_main(root: Path, out: Path, *extra: str) -> int:
    argv = ["pull", "--url", "http://ls", "--token", "t", "--project", TITLE]
    return labelstudio.main([*argv, "--document-root", str(root), "--out", str(out), *extra])


def folder_state(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def names_in(out: Path, kind: str, split: str) -> list[str]:
    return sorted(p.name for p in (out / kind / split).iterdir())


def test_a_failed_pull_leaves_the_previous_pull_as_it_was(
    root: Path, fake: FakeLabelStudio, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pulled"
    fake.add(1, "photos/room0.jpg", BANNER)
    assert pull_main(root, out) == 0
    before = folder_state(out)

    fake.add(2, "photos/room1.jpg", OTHER)  # a good task before the bad one
    fake.add(3, "photos/room2.jpg", box_to_result([0, 0, 9, 9], "poster", 320, 240))
    assert pull_main(root, out) == 2
    err = capsys.readouterr().err
    assert "task 3, annotation" in err and "'poster' is not a detector class" in err
    assert "Traceback" not in err
    assert folder_state(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pulled", "root"]  # no leftovers


def test_a_failed_first_pull_writes_nothing(
    root: Path, fake: FakeLabelStudio, tmp_path: Path
) -> None:
    (root / "photos" / "room1.jpg").write_bytes(b"\xff\xd8 not a photo")  # found when copied
    fake.add(1, "photos/room0.jpg", BANNER)
    fake.add(2, "photos/room1.jpg", OTHER)
    assert pull_main(root, tmp_path / "pulled") == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["root"]


def test_a_pull_holds_exactly_the_current_tasks(
    root: Path, fake: FakeLabelStudio, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pulled"
    for task in (1, 2, 3):
        fake.add(task, f"photos/room{task}.jpg", BANNER)
    assert pull_main(root, out) == 0
    assert len(names_in(out, "images", "train")) == 3
    first = (out / "fingerprint.txt").read_text()

    fake.remove(1)  # deleted in Label Studio
    fake.skip(2)  # its annotation deleted and the task skipped since
    fake.add(3, "photos/room3.jpg", OTHER)  # labelled again
    capsys.readouterr()
    assert pull_main(root, out) == 0
    assert "Wrote 1 photos (1 train), 1 boxes" in capsys.readouterr().out
    assert names_in(out, "images", "train") == ["ls000003_room3.jpg"]
    assert names_in(out, "labels", "train") == ["ls000003_room3.txt"]
    assert (out / "labels" / "train" / "ls000003_room3.txt").read_text() == OTHER_LINE + "\n"
    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert [(r["task"], r["image"]) for r in records] == [(3, "images/train/ls000003_room3.jpg")]
    assert (out / "fingerprint.txt").read_text() != first

    fake.remove(3)  # nothing annotated: the pull is empty, not the old one
    assert pull_main(root, out) == 0
    assert names_in(out, "images", "train") == []


def test_each_photo_is_in_one_split_and_keeps_it(
    root: Path, fake: FakeLabelStudio, tmp_path: Path
) -> None:
    out = tmp_path / "pulled"
    for task in range(8):
        fake.add(task + 1, f"photos/room{task}.jpg", BANNER)
    server = labelstudio.Server("http://ls", "t", root)
    counts, boxes = labelstudio.pull(server, TITLE, out, "train", 50)
    assert boxes == 8 and sum(counts.values()) == 8 and min(counts.values()) > 0
    train, val = names_in(out, "images", "train"), names_in(out, "images", "val")
    assert not set(train) & set(val) and len(train) + len(val) == 8
    fingerprint = (out / "fingerprint.txt").read_text()

    assert pull_main(root, out, "--val-percent", "50") == 0  # the same again
    assert (names_in(out, "images", "train"), names_in(out, "images", "val")) == (train, val)
    assert (out / "fingerprint.txt").read_text() == fingerprint
    config = yaml.safe_load((out / "data.yaml").read_text())
    assert (config["train"], config["val"], config["path"]) == (
        "images/train",
        "images/val",
        str(out.resolve()),
    )

    assert pull_main(root, out, "--split", "val") == 0  # one split only: train is gone
    assert not (out / "images" / "train").exists()
    assert len(names_in(out, "images", "val")) == 8


def test_val_percent_needs_the_train_split(
    root: Path, fake: FakeLabelStudio, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.add(1, "photos/room0.jpg", BANNER)
    assert pull_main(root, tmp_path / "pulled", "--split", "test", "--val-percent", "20") == 2
    assert "use --split train" in capsys.readouterr().err
    assert not (tmp_path / "pulled").exists()


@pytest.mark.parametrize(
    ("image", "message"),
    [
        ("/data/local-files/?d=../../../../etc/passwd", "outside the document root"),
        ("/data/local-files/?d={outside}", "outside the document root"),
        ("photos/../../outside.jpg", "outside the document root"),
        ("photos/link.jpg", "outside the document root"),  # a link to the photo outside
        ("photos/notes.txt", "is not a photo"),
        ("photos/fake.jpg", "is not an image the decoder reads"),
        ("photos/missing.jpg", "not found"),
    ],
)
def test_a_photo_outside_the_root_or_not_an_image_is_refused(
    root: Path,
    fake: FakeLabelStudio,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    image: str,
    message: str,
) -> None:
    outside = tmp_path / "outside.jpg"
    outside.write_bytes((root / "photos" / "room0.jpg").read_bytes())
    (root / "photos" / "link.jpg").symlink_to(outside)
    (root / "photos" / "notes.txt").write_text("secret")
    (root / "photos" / "fake.jpg").write_text("secret")
    fake.add(1, "photos/room0.jpg", BANNER)
    fake.add(2, image.format(outside=outside), BANNER)
    out = tmp_path / "pulled"
    assert pull_main(root, out) == 2
    err = capsys.readouterr().err
    assert "error: task 2" in err and message in err and "Traceback" not in err
    assert not out.exists()


def test_a_folder_no_pull_wrote_is_refused_and_kept(
    root: Path, fake: FakeLabelStudio, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.add(1, "photos/room0.jpg", BANNER)
    out = tmp_path / "photos-of-mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    assert pull_main(root, out) == 2
    assert "no `labelstudio pull` wrote" in capsys.readouterr().err
    assert folder_state(out) == {"notes.txt": b"keep me"}


def test_a_tiff_photo_is_pulled_as_png(root: Path, fake: FakeLabelStudio, tmp_path: Path) -> None:
    pixels = np.zeros((240, 320, 3), np.uint8)
    pixels[:, :160] = (0, 0, 255)
    cv2.imwrite(str(root / "photos" / "scan.tiff"), pixels)
    fake.add(1, "photos/scan.tiff", BANNER)
    out = tmp_path / "pulled"
    assert pull_main(root, out) == 0
    assert names_in(out, "images", "train") == ["ls000001_scan.png"]
    written = cv2.imread(str(out / "images" / "train" / "ls000001_scan.png"))
    assert written is not None and np.array_equal(written, pixels)


def push_main(photos: Path, root: Path) -> int:
    argv = ["push", "--url", "http://ls", "--token", "t", "--project", TITLE]
    return labelstudio.main([*argv, "--images", str(photos), "--document-root", str(root)])


def test_push_imports_every_format_the_decoder_reads_and_reports_other_files(
    root: Path, fake: FakeLabelStudio, capsys: pytest.CaptureFixture[str]
) -> None:
    photos = root / "photos"
    for name in ("IMG_0002.HEIC", "b.heif", "c.bmp", "d.tif", "e.TIFF", "notes.txt"):
        (photos / name).write_bytes(b"x")
    assert push_main(photos, root) == 0
    imported = sorted(t["data"]["image"].rsplit("/", 1)[-1] for t in fake.imported)
    expected = ["IMG_0002.HEIC", "b.heif", "c.bmp", "d.tif", "e.TIFF"]
    assert imported == expected + [f"room{i}.jpg" for i in range(8)]
    err = capsys.readouterr().err
    assert f"skipped {photos / 'notes.txt'}: not a photo" in err


def test_push_skips_a_file_name_that_is_not_utf8(
    root: Path, fake: FakeLabelStudio, capsys: pytest.CaptureFixture[str]
) -> None:
    photos = root / "photos"
    try:
        (photos / os.fsdecode(b"caf\xe9.jpg")).write_bytes(b"x")
    except (OSError, UnicodeError):
        pytest.skip("the file system refuses names that are not UTF-8")
    assert push_main(photos, root) == 0
    err = capsys.readouterr().err
    assert (
        "skipped a photo: the file name b'photos/caf\\xe9.jpg' is not UTF-8" in err
        and "Traceback" not in err
    )
    assert len(fake.imported) == 8


def test_a_file_name_that_is_not_utf8_has_no_url() -> None:
    with pytest.raises(ValueError, match="is not UTF-8, so Label Studio could not serve it"):
        local_file_url(os.fsdecode(b"photos/caf\xe9.jpg"))


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated dataset: 2 train photos, 1 val photo."""
    from datasets.synth.cli import main

    out = tmp_path_factory.mktemp("synth") / "synth"
    argv = ["--out", str(out), "--train", "2", "--val", "1", "--test", "0", "--seed", "1"]
    assert main([*argv, "--workers", "1", "--quiet"]) == 0
    return out


def test_a_pulled_dataset_is_mixed_with_a_generated_one(
    root: Path, fake: FakeLabelStudio, tmp_path: Path, synth: Path
) -> None:
    fake.add(4, "photos/room4.jpg", BANNER, OTHER)
    fake.add(2, "photos/room2.jpg")  # a photo with nothing on it
    fake.add(7, "photos/room7.jpg", OTHER)
    pulled = tmp_path / "pulled"
    assert pull_main(root, pulled) == 0

    out = tmp_path / "mix"
    parts = ["--train", f"{synth}:train", "--train", f"{pulled}:train", "--val", f"{synth}:val"]
    done = run_janjicheck("mix", "--out", str(out), *parts)
    assert done.returncode == 0, done.stderr
    assert "train: 5 images, val: 1 images" in done.stdout

    check_data_yaml(out / "data.yaml")  # what training checks before it starts
    real = [p for p in sorted((out / "images" / "train").iterdir()) if p.name.startswith("p1_")]
    assert [p.name for p in real] == [f"p1_ls00000{t}_room{t}.jpg" for t in (2, 4, 7)]
    assert all(p.read_bytes() == (root / "photos" / p.name[12:]).read_bytes() for p in real)
    labels = {
        p.name: p.read_text().splitlines() for p in (out / "labels" / "train").glob("p1_*.txt")
    }
    assert labels == {
        "p1_ls000002_room2.txt": [],
        "p1_ls000004_room4.txt": [BANNER_LINE, OTHER_LINE],
        "p1_ls000007_room7.txt": [OTHER_LINE],
    }
    truth = {t.image.name: t.class_id.tolist() for t in load_split(out, "train")}
    assert truth["p1_ls000004_room4.jpg"] == [1, 3] and len(truth) == 5

    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    pulled_records = [r for r in records if r.get("source") == "labelstudio"]
    assert [(r["task"], r["image"], r["mix_part"]) for r in pulled_records] == [
        (t, f"images/train/p1_ls00000{t}_room{t}.jpg", f"{pulled}:train") for t in (2, 4, 7)
    ]
    command = (out / "command.txt").read_text()
    assert f"janjicheck labelstudio pull --project '{TITLE}'" in command
    assert "--token" not in command
