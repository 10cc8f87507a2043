from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from vision_photos import Photos

from janjicheck.cli import COMMANDS, main

# Output as a UTF-8 terminal takes it: text that is not valid UTF-8 raises, never passes.
STRICT_UTF8 = {"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8:strict"}


def _run(
    *args: str,
    env_model: Path | None = None,
    env_extra: dict[str, str] | None = None,
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if env_model is not None:
        env["JANJICHECK_MODEL"] = str(env_model)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "janjicheck.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def mixed_folder(vision_photos: Photos, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mixed")
    (folder / "sub").mkdir()
    shutil.copy(vision_photos.janji_jpg, folder / "janji.jpg")
    shutil.copy(vision_photos.heic, folder / "sub" / "scene.HEIC")
    shutil.copy(vision_photos.truncated, folder / "sub" / "truncated.jpg")
    shutil.copy(vision_photos.text, folder / "notes.jpg")
    (folder / "readme.txt").write_text("not a photo, not an image extension")
    return folder


def test_json_output_reports_every_photo_and_goes_on_after_bad_ones(
    dev_package: Path, mixed_folder: Path
) -> None:
    proc = _run("detect", str(mixed_folder), "--json", "--no-verify", "--model", str(dev_package))
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert set(doc) == {"model", "images"}
    assert doc["model"]["name"] == "janji-detector-dev"
    assert doc["model"]["input_size"] == [416, 416]
    assert len(doc["model"]["sha256"]) == 64
    assert doc["model"]["class_names"][0] == "janji_poster"
    by_name = {Path(e["path"]).name: e for e in doc["images"]}
    assert set(by_name) == {"janji.jpg", "scene.HEIC", "truncated.jpg", "notes.jpg"}
    assert by_name["truncated.jpg"]["error"].startswith("corrupt:")
    assert by_name["notes.jpg"]["error"].startswith("unsupported:")
    good = by_name["janji.jpg"]
    assert (good["width"], good["height"]) == (1600, 1200)
    assert isinstance(good["janji_present"], bool)
    assert good["detections"], "the development model should give boxes here"
    for det in good["detections"]:
        assert det["label"] in doc["model"]["class_names"]
        assert 0.5 <= det["confidence"] <= 1
        x1, y1, x2, y2 = det["box"]
        assert 0 <= x1 <= x2 <= 1600 and 0 <= y1 <= y2 <= 1200
        assert det["verified"] is None  # --no-verify
        assert det["variant"] is None  # no text read, no poster variant
        # the dev package accepts every Janji detection at its 0.5 thresholds
        assert det["accepted"] is det["label"].startswith("janji_")
    assert good["janji_present"] is any(d["accepted"] for d in good["detections"])
    assert "Traceback" not in proc.stderr


def test_all_good_photos_exit_zero_and_conf_filters(
    dev_package: Path, vision_photos: Photos
) -> None:
    path = str(vision_photos.janji_jpg)
    loose = _run("detect", path, "--json", "--no-verify", "--conf", "0.5", env_model=dev_package)
    strict = _run("detect", path, "--json", "--no-verify", "--conf", "0.99", env_model=dev_package)
    assert loose.returncode == 0 and strict.returncode == 0, loose.stderr
    n_loose = len(json.loads(loose.stdout)["images"][0]["detections"])
    n_strict = len(json.loads(strict.stdout)["images"][0]["detections"])
    assert n_loose > n_strict


def test_table_output(dev_package: Path, mixed_folder: Path) -> None:
    proc = _run("detect", str(mixed_folder), "--no-verify", "--model", str(dev_package))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0].split()[:3] == ["PHOTO", "SIZE", "JANJI"]
    assert any("truncated.jpg" in line and "error" in line for line in lines)
    assert any("1600x1200" in line for line in lines)
    assert "4 photos:" in lines[-1] and "2 unreadable" in lines[-1]


def test_table_marks_janji_detections_that_do_not_count(
    dev_package: Path, vision_photos: Photos
) -> None:
    # --conf below the package's accept (0.5): janji boxes under 0.5 are shown, not counted
    proc = _run(
        "detect",
        str(vision_photos.janji_jpg),
        "--no-verify",
        "--conf",
        "0.2",
        "--json",
        env_model=dev_package,
    )
    detections = json.loads(proc.stdout)["images"][0]["detections"]
    low = [d for d in detections if d["label"].startswith("janji_") and d["confidence"] < 0.5]
    assert low, "the development model should give janji boxes between 0.2 and 0.5 here"
    assert all(d["accepted"] is False for d in low)
    assert all(
        d["accepted"] is (d["confidence"] >= 0.5)
        for d in detections
        if d["label"].startswith("janji_")
    )
    table = _run(
        "detect",
        str(vision_photos.janji_jpg),
        "--no-verify",
        "--conf",
        "0.2",
        env_model=dev_package,
    ).stdout
    assert table.count("(not counted)") == len(low)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["detect", "/no/such/photo.jpg"], "no such file or folder"),
        (["detect", "{empty}"], "no photos found"),
        (["detect", "{photo}", "--model", "{empty}"], "package.json is missing"),
        (["detect", "{photo}", "--conf", "7"], "must lie in 0-1"),
        (["detect", "a" * 300 + ".jpg"], "cannot use aaaa"),  # OSError: name too long
        (["detect", "{photo}", "{empty}/" + "b" * 300], "cannot use"),
        (["detect"], "the following arguments are required"),
        (["nonsense"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    args: list[str], words: str, vision_photos: Photos, tmp_path: Path
) -> None:
    filled = [a.format(empty=tmp_path, photo=vision_photos.janji_jpg) for a in args]
    proc = _run(*filled)
    assert proc.returncode == 2
    assert words in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_file_name_that_is_not_utf8_comes_out_as_text(
    dev_package: Path, vision_photos: Photos, tmp_path: Path
) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    name = os.fsdecode(b"foto_\xe9.jpg")  # Latin-1: "foto_\udce9.jpg" in Python
    shutil.copy(vision_photos.janji_jpg, folder / name)
    shown = f"{folder}/foto_\\xe9.jpg"  # the byte as a backslash escape
    for target in (folder, folder / name):
        proc = _run(
            "detect",
            str(target),
            "--json",
            "--no-verify",
            "--model",
            str(dev_package),
            env_extra=STRICT_UTF8,
        )
        assert proc.returncode == 0, proc.stderr
        (entry,) = json.loads(proc.stdout)["images"]
        assert entry["path"] == shown
        assert (entry["width"], entry["height"]) == (1600, 1200)
    table = _run(
        "detect", str(folder), "--no-verify", "--model", str(dev_package), env_extra=STRICT_UTF8
    )
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[1].startswith(shown + " ")
    missing = _run("detect", str(folder / os.fsdecode(b"gone_\xe9.jpg")), env_extra=STRICT_UTF8)
    assert missing.returncode == 2
    assert "gone_\\xe9.jpg" in missing.stderr and "Traceback" not in missing.stderr


def test_a_fifo_is_an_error_entry_not_a_hang(
    dev_package: Path, vision_photos: Photos, tmp_path: Path
) -> None:
    fifo = tmp_path / "camera.jpg"
    os.mkfifo(fifo)
    args = ("detect", str(fifo), str(vision_photos.janji_jpg), "--json", "--no-verify")
    proc = _run(*args, "--model", str(dev_package), timeout=180)
    assert proc.returncode == 1, proc.stderr
    fifo_entry, photo = json.loads(proc.stdout)["images"]
    assert fifo_entry["path"] == str(fifo)
    assert fifo_entry["error"].startswith("unsupported: Not a regular file")
    assert (photo["width"], photo["height"]) == (1600, 1200)


def test_one_photo_failing_its_check_is_reported_and_the_run_goes_on(
    dev_package: Path,
    mixed_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import vision.pipeline

    real_verify = vision.pipeline.Pipeline._verify
    verified: list[str] = []

    def verify(self: Any, decoded: Any, found: Any) -> Any:
        verified.append(decoded.format)
        if decoded.format == "HEIF":  # this one photo's text check fails
            raise MemoryError("cannot allocate 480 MB for the full-resolution image")
        return real_verify(self, decoded, found)

    monkeypatch.setattr(vision.pipeline.Pipeline, "_verify", verify)
    code = main(["detect", str(mixed_folder), "--json", "--no-verify", "--model", str(dev_package)])
    assert code == 1
    doc = json.loads(capsys.readouterr().out)
    by_name = {Path(e["path"]).name: e for e in doc["images"]}
    assert set(by_name) == {"janji.jpg", "scene.HEIC", "truncated.jpg", "notes.jpg"}
    assert by_name["scene.HEIC"]["error"].startswith("internal: MemoryError: cannot allocate")
    assert by_name["scene.HEIC"]["janji_present"] is None
    assert (by_name["janji.jpg"]["width"], by_name["janji.jpg"]["height"]) == (1600, 1200)
    assert sorted(verified) == ["HEIF", "JPEG"]  # the two readable photos were checked


@pytest.mark.parametrize("output", [["--json"], []])
def test_a_reader_that_goes_away_ends_the_run_quietly(
    dev_package: Path, mixed_folder: Path, output: list[str]
) -> None:
    """``janjicheck detect DIR | head -3``: no traceback once ``head`` has stopped reading."""
    args = ("--no-verify", "--model", str(dev_package))
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "janjicheck.cli", "detect", str(mixed_folder), *output, *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=600,
            check=False,
        )
    finally:
        os.close(write_end)
    assert proc.returncode == 141
    assert "Traceback" not in proc.stderr
    assert "BrokenPipe" not in proc.stderr and "Exception ignored" not in proc.stderr


def test_dispatch_table_is_lazy_and_extensible(capsys: pytest.CaptureFixture[str]) -> None:
    assert COMMANDS["detect"][0] == "vision.cli"
    assert main([]) == 2
    assert "detect" in capsys.readouterr().err
    code = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, janjicheck.cli; print('vision.pipeline' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert code.stdout.strip() == "False"


def test_installed_console_script(dev_package: Path, vision_photos: Photos) -> None:
    script = Path(sys.executable).with_name("janjicheck")
    if not script.exists():
        pytest.skip("janjicheck console script not installed in this environment")
    proc = subprocess.run(
        [
            str(script),
            "detect",
            str(vision_photos.plain_jpg),
            "--model",
            str(dev_package),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["images"][0]["path"] == str(vision_photos.plain_jpg)


def test_default_model_is_the_shipped_package(shipped_package: Path, vision_photos: Photos) -> None:
    env = {k: v for k, v in os.environ.items() if k != "JANJICHECK_MODEL"}
    proc = subprocess.run(
        [sys.executable, "-m", "janjicheck.cli", "detect", str(vision_photos.janji_jpg), "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert (
        doc["model"]["sha256"]
        == json.loads((shipped_package / "package.json").read_text())["onnx_sha256"]
    )
    assert doc["images"][0]["janji_present"] is True


def test_several_photos_load_a_detector_whose_threads_sleep_when_idle(dev_package: Path) -> None:
    from vision.cli import _load_pipeline

    one = _load_pipeline(str(dev_package), None, verify=False, batch=False)
    many = _load_pipeline(str(dev_package), None, verify=False, batch=True)
    assert one.detector.options.spin_wait and not many.detector.options.spin_wait
