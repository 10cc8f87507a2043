"""Tests of ``janjicheck mix``: generated datasets combined into one to train on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from cli_support import run_janjicheck

from datasets.classes import load_classes
from datasets.mix import MixError, Part, make_mix, mix_fingerprint, parse_part
from training.splits import load_split
from training.train import check_data_yaml


def _generate(out: Path, train: int, test: int, seed: int) -> Path:
    from datasets.synth.cli import main

    argv = ["--out", str(out), "--train", str(train), "--val", "0", "--test", str(test)]
    assert main([*argv, "--seed", str(seed), "--workers", "1", "--quiet"]) == 0
    return out


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two small procedural datasets: one to train on, one with a held-out test split."""
    root = Path(tmp_path_factory.mktemp("mix_parts"))
    return _generate(root / "a", 4, 0, 1), _generate(root / "b", 0, 3, 2)


def test_mix_links_the_parts_and_keeps_their_ground_truth(
    parts: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = parts
    out = tmp_path / "mix"
    done = run_janjicheck("mix", "--out", str(out), "--train", f"{a}:train", "--val", f"{b}:test")
    assert done.returncode == 0, done.stderr
    assert "train: 4 images, val: 3 images" in done.stdout

    train = sorted((out / "images" / "train").iterdir())
    assert [p.name for p in train] == [
        f"p0_{p.name}" for p in sorted((a / "images/train").iterdir())
    ]
    assert all(
        p.is_symlink() and p.resolve().parent == (a / "images/train").resolve() for p in train
    )
    for label in (out / "labels" / "val").iterdir():
        source = b / "labels" / "test" / label.name.removeprefix("p1_")
        assert label.read_text() == source.read_text()

    config = check_data_yaml(out / "data.yaml")  # what training checks before it starts
    assert list(config["names"].values()) == list(load_classes().names)

    mixed = load_split(out, "val")
    held_out = load_split(b, "test")
    assert [t.image.name for t in mixed] == [f"p1_{t.image.name}" for t in held_out]
    for m, h in zip(mixed, held_out, strict=True):
        assert m.boxes.tolist() == h.boxes.tolist()
        assert m.design == h.design and m.lookalike == h.lookalike
    assert any(d is not None for t in mixed for d in t.design)

    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert {r["split"] for r in records} == {"train", "val"}
    assert all((out / r["image"]).is_file() for r in records)

    command = (out / "command.txt").read_text()
    for source in (a, b):
        assert (source / "command.txt").read_text().strip() in command
    assert f"janjicheck mix --out {out} --train {a}:train --val {b}:test" in command
    assert yaml.safe_load((out / "data.yaml").read_text())["path"] == str(out.resolve())


def test_fingerprint_follows_parts_and_roles(parts: tuple[Path, Path]) -> None:
    a, b = parts
    base = mix_fingerprint([Part(a, "train", "train"), Part(b, "test", "val")])
    assert base == mix_fingerprint([Part(a, "train", "train"), Part(b, "test", "val")])
    assert base != mix_fingerprint([Part(a, "train", "train"), Part(b, "test", "train")])
    assert base != mix_fingerprint([Part(a, "train", "val"), Part(b, "test", "val")])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--train", "{a}:train"], "needs at least one --val part"),
        (["--train", "{a}", "--val", "{b}:test"], "write DIR:SPLIT"),
        (["--train", "{a}:holdout", "--val", "{b}:test"], "write DIR:SPLIT"),
        (["--train", "{a}:val", "--val", "{b}:test"], "holds no image"),
        (["--train", "{a}:train", "--val", "{a}:train"], "named twice"),
        (["--train", "{missing}:train", "--val", "{b}:test"], "not a generated dataset"),
        (["--train", "{b}:test", "--val", "{a}:train"], "held out and cannot be trained on"),
        (["--train", "{b}:dev", "--val", "{a}:train"], "dev split is held out"),
    ],
)
def test_bad_parts_exit_2_with_a_reason_and_write_nothing(
    parts: tuple[Path, Path], tmp_path: Path, args: list[str], message: str
) -> None:
    a, b = parts
    out = tmp_path / "mix"
    filled = [x.format(a=a, b=b, missing=tmp_path / "nowhere") for x in args]
    done = run_janjicheck("mix", "--out", str(out), *filled)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_an_occupied_out_folder_is_refused_and_kept(
    parts: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = parts
    out = tmp_path / "mix"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    with pytest.raises(MixError, match="new or empty folder"):
        make_mix(out, [parse_part(f"{a}:train", "train"), parse_part(f"{b}:test", "val")])
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_a_corrupt_manifest_is_refused_and_the_mix_removed(
    parts: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = parts
    broken = tmp_path / "broken"
    shutil.copytree(b, broken)
    with (broken / "manifest.jsonl").open("a") as manifest:
        manifest.write("{not json\n")
    out = tmp_path / "mix"
    done = run_janjicheck(
        "mix", "--out", str(out), "--train", f"{a}:train", "--val", f"{broken}:test"
    )
    assert done.returncode == 2
    assert "is not JSON" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()


def test_a_held_out_test_split_is_refused_as_a_train_part(
    parts: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = parts
    out = tmp_path / "mix"
    done = run_janjicheck("mix", "--out", str(out), "--train", f"{b}:test", "--val", f"{a}:train")
    assert done.returncode == 2
    assert f"--train '{b}:test'" in done.stderr
    assert "janjicheck mix: error:" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()
    assert parse_part(f"{b}:test", "val").split == "test"  # still fine as a val part


def test_a_manifest_that_is_not_text_is_refused_and_the_mix_removed(
    parts: tuple[Path, Path], tmp_path: Path
) -> None:
    a, b = parts
    broken = tmp_path / "broken"
    shutil.copytree(b, broken)
    (broken / "manifest.jsonl").write_bytes(b"\xff\xfe" + (b / "manifest.jsonl").read_bytes())
    out = tmp_path / "mix"
    done = run_janjicheck(
        "mix", "--out", str(out), "--train", f"{a}:train", "--val", f"{broken}:test"
    )
    assert done.returncode == 2
    assert f"janjicheck mix: error: cannot read {broken / 'manifest.jsonl'}" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_a_mix_that_fails_for_any_reason_is_removed(
    parts: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = parts

    def fails(*args: object) -> str:
        raise RuntimeError("stopped")

    monkeypatch.setattr("datasets.mix.mix_command", fails)
    out = tmp_path / "mix"
    with pytest.raises(RuntimeError, match="stopped"):
        make_mix(out, [parse_part(f"{a}:train", "train"), parse_part(f"{b}:test", "val")])
    assert not out.exists()
