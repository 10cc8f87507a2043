"""Load benchmark of the audit service on loopback, beside the bare vision pipeline.

Prints, for the same photos in the same run:

- the bare ``vision`` pipeline's photos/s (``Pipeline.check_bytes``, one process, in a row);
- the service's photos/s and p50/p95 upload latency with 1 and 8 concurrent uploaders (one
  photo per request, real HTTP on 127.0.0.1, a uvicorn server in a child process), and the
  ratio to the bare pipeline (goal: >= 0.80 with 8 clients);
- how long after the last upload the service has drawn every evidence image (faces blurred;
  drawn while no upload is in flight, see ``api.services.evidence``), and the photos/s of
  uploads and evidence images together;
- the server's RSS at intervals and its peak (goal: flat over a 1,000-upload soak).

The verification policy (which detections get OCR) is the pipeline's default; its share of
the time is printed from the results. Example::

    python benchmarks/service_load.py --model models/janji-detector \
        --photos ../shared/backgrounds/indoor --limit 40 --soak 1000
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

SERVER_CODE = """
import sys, uvicorn
from api.main import create_app
from api.settings import Settings
uvicorn.run(create_app(Settings()), host="127.0.0.1", port=int(sys.argv[1]),
            log_level="warning", access_log=False)
"""
AREAS = (
    "registration",
    "outpatient_waiting",
    "pharmacy_waiting",
    "diagnostic_waiting",
    "information_complaints",
)


def rss_mib(pid: int) -> tuple[float, float]:
    """Return (current RSS, peak RSS) of a process in MiB, from /proc."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


def load_photos(folder: Path, limit: int) -> list[tuple[str, bytes]]:
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".jpg", ".jpeg"))[:limit]
    if not paths:
        raise SystemExit(f"no JPEG photos in {folder}")
    return [(p.name, p.read_bytes()) for p in paths]


def bare_pipeline(model: Path, photos: list[tuple[str, bytes]]) -> tuple[float, str]:
    """Run the bare pipeline over the photos in a row.

    Returns:
        Photos per second, and a line stating the verification policy and its measured cost.
    """
    from vision.pipeline import Pipeline

    pipeline = Pipeline.load(model)
    pipeline.check_bytes(photos[0][1], photos[0][0])  # warm-up (loads OCR when needed)
    started = time.perf_counter()
    crops: list[float] = []
    for name, data in photos:
        result = pipeline.check_bytes(data, name)
        read = {id(v): v for v in result.verifications if v.seconds > 0}  # a reading shared
        crops += [v.seconds for v in read.values()]  # by boxes on the same sign counts once
    elapsed = time.perf_counter() - started
    policy = pipeline.verifier.policy
    evidence = evidence_seconds(model, photos)
    per_crop = f", median {statistics.median(crops) * 1000:.0f} ms per crop" if crops else ""
    line = (
        f"verification policy: OCR reads Janji candidates whose box has a short side >= "
        f"{policy.min_crop_side} px, then other signs "
        f"({'on' if policy.read_other_signs else 'off'}), at most {policy.max_per_image} per "
        f"photo, most confident first; here {len(crops) / len(photos):.2f} crops per photo"
        f"{per_crop}, "
        f"{100 * sum(crops) / elapsed:.0f}% of the pipeline's time\n"
        f"evidence image (face detection + blur + boxes + JPEG, drawn by the service after "
        f"the upload): "
        f"{1000 * evidence:.0f} ms per photo; bare pipeline + evidence: "
        f"{1 / (elapsed / len(photos) + evidence):.2f} photos/s"
    )
    return len(photos) / elapsed, line


def evidence_seconds(model: Path, photos: list[tuple[str, bytes]]) -> float:
    """Median seconds per photo the service spends on the evidence image beyond the pipeline."""
    from api.analysis import render_evidence
    from vision.faces import FaceDetector
    from vision.pipeline import Pipeline, PipelineOptions
    from vision.verify import VerifyPolicy

    faces = FaceDetector.load()
    pipeline = Pipeline.load(model, PipelineOptions(verify=VerifyPolicy(enabled=False)))
    times = []
    for name, data in photos:
        decoded = pipeline.decode_bytes(data)
        result = pipeline.check_image(decoded, name)
        started = time.perf_counter()
        render_evidence(decoded, result, faces)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def seed(data_dir: Path) -> str:
    """Migrate the database and create an auditor key and a facility; return the token."""
    from api import auth
    from api.db import make_engine, make_session_factory, upgrade
    from api.models import Facility
    from api.settings import Settings

    settings = Settings(data_dir=data_dir)
    engine = make_engine(settings.db_url)
    upgrade(engine)
    with make_session_factory(engine)() as db:
        db.add(
            Facility(
                code="BENCH-1",
                name="Benchmark",
                level="FKTP",
                kind="puskesmas",
                region="Bench",
                address="",
                area_sizes={},
            )
        )
        db.flush()
        _, token = auth.create_key(db, "bench", "auditor", region="Bench")
        db.commit()
    engine.dispose()
    return token


def start_server(data_dir: Path, model: Path, workers: int, port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "JANJICHECK_DATA_DIR": str(data_dir),
        "JANJICHECK_MODEL_PATH": str(model.resolve()),
        "JANJICHECK_WORKERS": str(workers),
        "JANJICHECK_QUEUE_SIZE": "64",
        "JANJICHECK_LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen([sys.executable, "-c", SERVER_CODE, str(port)], env=env)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        if process.poll() is not None:
            raise SystemExit("the server exited during start-up")
        time.sleep(0.5)
    process.kill()
    raise SystemExit("the server did not become ready")


def run_clients(
    url: str,
    token: str,
    photos: list[tuple[str, bytes]],
    clients: int,
    uploads: int,
    on_progress: Callable[[int], None] | None = None,
) -> tuple[float, list[float], int]:
    """Upload ``uploads`` photos with ``clients`` concurrent uploaders.

    Returns:
        (photos/s, latencies in seconds, failed requests).
    """
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=headers, timeout=300) as c:
        audits = [
            c.post("/api/v1/facilities/1/audits", json={"visit_date": "2025-03-14"}).json()["id"]
            for _ in range(clients)
        ]
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()
    counter = iter(range(uploads))

    def worker(index: int) -> None:
        nonlocal failures
        with httpx.Client(base_url=url, headers=headers, timeout=300) as c:
            while True:
                with lock:
                    n = next(counter, None)
                if n is None:
                    return
                name, data = photos[n % len(photos)]
                area = AREAS[n % len(AREAS)]
                started = time.perf_counter()
                r = c.post(
                    f"/api/v1/audits/{audits[index]}/areas/{area}/photos",
                    files=[("files", (name, data, "image/jpeg"))],
                )
                elapsed = time.perf_counter() - started
                with lock:
                    if r.status_code == 201:
                        latencies.append(elapsed)
                    else:
                        failures += 1
                    done = len(latencies) + failures
                if on_progress is not None:
                    on_progress(done)

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(worker, range(clients)))
    elapsed = time.perf_counter() - started
    return len(latencies) / elapsed, latencies, failures


def evidence_drawn(url: str) -> float:
    """Return how many evidence images the server has drawn (its Prometheus counter)."""
    text = httpx.get(f"{url}/metrics", timeout=30).text
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith("janjicheck_evidence_images_total{")
    )


def wait_evidence(url: str, target: float, timeout: float = 900.0) -> float:
    """Wait until the server has drawn ``target`` evidence images; return the seconds waited."""
    started = time.perf_counter()
    while evidence_drawn(url) < target:
        if time.perf_counter() - started > timeout:
            raise SystemExit(f"evidence images not drawn within {timeout:.0f} s")
        time.sleep(0.25)
    return time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=Path("models/janji-detector"))
    parser.add_argument("--photos", type=Path, required=True, help="folder of JPEG photos")
    parser.add_argument("--limit", type=int, default=40, help="photos used (cycled)")
    parser.add_argument("--uploads", type=int, default=80, help="uploads per client setting")
    parser.add_argument("--workers", type=int, default=1, help="server inference threads")
    parser.add_argument("--soak", type=int, default=0, help="uploads of the RSS soak (0: none)")
    parser.add_argument("--port", type=int, default=18931)
    args = parser.parse_args()

    photos = load_photos(args.photos, args.limit)
    print(f"photos: {len(photos)} from {args.photos}; model: {args.model}")
    bare, policy = bare_pipeline(args.model, photos)
    print(f"bare pipeline: {bare:.2f} photos/s\n{policy}")

    with tempfile.TemporaryDirectory(prefix="janji-bench-") as tmp:
        data_dir = Path(tmp)
        token = seed(data_dir)
        server = start_server(data_dir, args.model, args.workers, args.port)
        url = f"http://127.0.0.1:{args.port}"
        try:
            print(f"server RSS after start: {rss_mib(server.pid)[0]:.0f} MiB")
            for clients in (1, 8):
                drawn = evidence_drawn(url)
                rate, lat, failed = run_clients(url, token, photos, clients, args.uploads)
                drain = wait_evidence(url, drawn + len(lat))
                total = len(lat) / (len(lat) / rate + drain)
                print(
                    f"{clients} client(s): {rate:.2f} photos/s ({rate / bare:.0%} of bare), "
                    f"p50 {percentile(lat, 50):.3f} s, p95 {percentile(lat, 95):.3f} s, "
                    f"failed {failed}, RSS {rss_mib(server.pid)[0]:.0f} MiB\n"
                    f"  evidence images all drawn {drain:.1f} s after the last upload; uploads "
                    f"and evidence together: {total:.2f} photos/s ({total / bare:.0%} of bare)"
                )
            if args.soak:
                step = max(1, args.soak // 10)
                samples: list[float] = []

                def report(done: int) -> None:
                    if done % step == 0:
                        now, peak = rss_mib(server.pid)
                        samples.append(now)
                        print(f"  soak {done:5d} uploads: RSS {now:.0f} MiB (peak {peak:.0f})")

                drawn = evidence_drawn(url)
                rate, lat, failed = run_clients(url, token, photos, 8, args.soak, report)
                drain = wait_evidence(url, drawn + len(lat))
                print(
                    f"soak: {args.soak} uploads at {rate:.2f} photos/s, failed {failed}; "
                    f"evidence images all drawn {drain:.0f} s later, RSS "
                    f"{rss_mib(server.pid)[0]:.0f} MiB"
                )
                if len(samples) >= 2:
                    growth = samples[-1] - samples[0]
                    print(
                        f"soak RSS from {step} to {args.soak} uploads: {samples[0]:.0f} -> "
                        f"{samples[-1]:.0f} MiB ({growth:+.0f} MiB, "
                        f"{100 * growth / samples[0]:+.1f}%)"
                    )
            print(f"server peak RSS: {rss_mib(server.pid)[1]:.0f} MiB")
        finally:
            server.terminate()
            server.wait(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
