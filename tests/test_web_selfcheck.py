"""The facility self-check page end to end: a real headless Chromium (Debian ``chromium``,
driven by Playwright, phone viewport) against the real service with a real model.

Every state writes a screenshot under ``test-artifacts/web/``. Plumbing is checked with any
model (verdicts shown equal the API's, boxes drawn, advice shown, photos shrunk upright with
their EXIF kept, retry after a lost connection); with the shipped model
(``models/janji-detector``) the expected verdicts are checked too.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import httpx
import numpy as np
import pytest
from api_support import REGION_A, Server, run_server
from vision_photos import Photos

from api.settings import Settings

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEVICE = "Pixel 7"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "web"
CHECK_TIMEOUT_MS = 300_000  # one upload checked on a busy 2-core machine (OCR included)
AREAS = (
    "registration",
    "outpatient_waiting",
    "pharmacy_waiting",
    "diagnostic_waiting",
    "information_complaints",
)
VERDICT_ID = {
    "compliant": "Sesuai",
    "missing": "Tidak ditemukan",
    "not_enough_media": "Media kurang",
    "wrong_media": "Media tidak sesuai",
    "unverifiable": "Perlu foto ulang",
}
_codes = itertools.count(1)


# ---------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def model(request: pytest.FixtureRequest, repo_root: Path) -> tuple[Path, bool]:
    """The shipped model package when it exists (verdicts checked), else the development one."""
    shipped = repo_root / "models" / "janji-detector"
    if (shipped / "package.json").is_file():
        return shipped, True
    return request.getfixturevalue("dev_package"), False


@pytest.fixture(scope="module")
def server(model: tuple[Path, bool], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("web_selfcheck"), model_path=model[0], log_json=False
    )
    with run_server(settings) as running:
        yield running


@pytest.fixture(scope="module")
def playwright_driver() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        pytest.skip(f"Debian chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright_driver: Any) -> Iterator[Any]:
    instance = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield instance
    instance.close()


@pytest.fixture()
def phone(browser: Any, playwright_driver: Any) -> Iterator[Any]:
    """A fresh phone browser context (Pixel 7 viewport, touch, downloads allowed)."""
    context = browser.new_context(**playwright_driver.devices[DEVICE], accept_downloads=True)
    yield context
    context.close()


@pytest.fixture(scope="module")
def dark_jpg(vision_photos: Photos, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Janji poster scene at 4% of its brightness (an unlit room)."""
    image = cv2.imread(str(vision_photos.janji_jpg))
    assert image is not None
    path = tmp_path_factory.mktemp("dark") / "dark_room.jpg"
    cv2.imwrite(str(path), (image.astype(np.float32) * 0.04).astype(np.uint8))
    return path


# ---------------------------------------------------------------------------- helpers


def new_facility(server: Server, kind: str = "puskesmas") -> tuple[int, str]:
    """Register a facility of its own for one test and return its id and a facility token."""
    code = f"WEB-{next(_codes):03d}"
    with server.client("admin") as c:
        r = c.post(
            "/api/v1/facilities",
            json={
                "code": code,
                "name": f"Puskesmas Uji {code}",
                "kind": kind,
                "region": REGION_A,
                "latitude": -6.2,
                "longitude": 106.8166,
            },
        )
        r.raise_for_status()
        facility_id = int(r.json()["id"])
        r = c.post(
            "/api/v1/keys",
            json={"name": f"Staff {code}", "role": "facility", "facility_id": facility_id},
        )
        r.raise_for_status()
    return facility_id, str(r.json()["token"])


def api(server: Server, token: str) -> httpx.Client:
    return httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=60
    )


def shot(target: Any, name: str, full_page: bool = False) -> Path:
    """Screenshot a page (viewport or full page) or an element into the artifacts folder."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    if full_page:
        target.screenshot(path=str(path), full_page=True)
    else:
        target.screenshot(path=str(path))
    assert path.stat().st_size > 5000, f"{name}: the screenshot is empty"
    return path


def wait_until(page: Any, script: str, timeout_s: float = 60) -> None:
    """Poll a JavaScript expression until it is true (``wait_for_function`` evaluates strings
    with ``eval``, which the page's Content Security Policy rightly forbids)."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(script):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {script}")
        page.wait_for_timeout(50)


def open_page(phone: Any, server: Server) -> Any:
    page = phone.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Intercept file choosers from the start: Playwright turns interception on without waiting
    # for it, so turning it on just before a click can lose the chooser on a busy machine.
    page.on("filechooser", lambda chooser: None)
    page.js_errors = errors
    page.goto(server.url + "/")
    page.wait_for_selector("#signin-form, #facility-name")
    return page


def sign_in(page: Any, token: str, remember: bool = True) -> None:
    page.fill("#token", token)
    if not remember:
        page.uncheck("#remember")
    page.click("#signin-button")
    page.wait_for_selector("#facility-name")


def start_check(page: Any) -> None:
    page.click("#start-check")
    page.wait_for_selector("li.area[data-area=registration]")


def open_check(phone: Any, server: Server) -> tuple[int, str, Any]:
    """A new facility, signed in on the phone with a self-check started: its id, token, page."""
    facility_id, token = new_facility(server)
    page = open_page(phone, server)
    sign_in(page, token)
    start_check(page)
    return facility_id, token, page


def card(page: Any, area: str) -> Any:
    return page.locator(f"#area-{area}")


def wait_checked(page: Any, area: str) -> str:
    """Wait until the area's upload is checked (or refused); return the final phase."""
    page.wait_for_selector(
        f"#area-{area}[data-phase=done], #area-{area}[data-phase=error]",
        timeout=CHECK_TIMEOUT_MS,
    )
    return str(card(page, area).get_attribute("data-phase"))


def pick_from_gallery(page: Any, area: str, *paths: Path) -> None:
    page.set_input_files(f"#area-{area} input[data-input=gallery]", [str(p) for p in paths])


def current_audit(server: Server, token: str, facility_id: int) -> dict[str, Any]:
    with api(server, token) as c:
        items = c.get(f"/api/v1/facilities/{facility_id}/audits").json()["items"]
        return dict(c.get(f"/api/v1/audits/{items[0]['id']}").json())


def assert_card_matches_api(page: Any, area_out: dict[str, Any]) -> None:
    """The card shows the API's verdict, reasons and (when failing) advice, in Indonesian."""
    box = card(page, area_out["area"])
    assert box.get_attribute("data-status") == area_out["status"]
    assert box.locator("[data-role=verdict]").inner_text() == VERDICT_ID[area_out["status"]]
    reasons = box.locator(".reasons li").all_inner_texts()
    assert reasons == [m["text_id"] for m in area_out["reasons"]]
    advice = box.locator(".advice li").all_inner_texts()
    expected = (
        [m["text_id"] for m in area_out["advice"]] if area_out["status"] != "compliant" else []
    )
    assert advice == expected


def assert_boxes_match_photo(page: Any, area: str, photo: dict[str, Any]) -> None:
    """The photo is shown, loaded, with one box per listed detection in the photo's pixels."""
    figure = card(page, area).locator("figure.photo").first
    img = figure.locator("img")
    assert img.evaluate("i => i.complete && i.naturalWidth > 0")
    listed = min(len(photo["detections"]), 8)
    if photo["detections"]:
        view_box = figure.locator("svg.boxes").get_attribute("viewBox")
        assert view_box == f"0 0 {photo['width']} {photo['height']}"
    assert figure.locator("svg.boxes g.box").count() == listed
    assert card(page, area).locator("ol.findings li").count() == listed


CONTRAST_JS = """() => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(',').map(parseFloat);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const lum = ({r, g, b}) => {
    const f = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!node.textContent.trim() || !el) continue;
    if (el.closest('svg, .visually-hidden, [hidden], :disabled')) continue;
    const rect = el.getBoundingClientRect();
    if (!rect.width || !rect.height) continue;
    const style = getComputedStyle(el);
    const [hi, lo] = [lum(parse(style.color)), lum(background(el))].sort((x, y) => y - x);
    const ratio = (hi + 0.05) / (lo + 0.05);
    if (ratio < 4.5) {
      bad.push({text: node.textContent.trim().slice(0, 40), ratio: ratio.toFixed(2)});
    }
  }
  return bad;
}"""

SMALL_TARGETS_JS = """() => {
  const controls = 'button, a[href], input:not([type=checkbox]):not(.visually-hidden), label.check';
  return [...document.querySelectorAll(controls)]
    .filter((el) => el.offsetParent !== null)
    .map((el) => {
      const box = el.getBoundingClientRect();
      const name = el.id || el.className || el.tagName;
      return {el: name, text: el.innerText, w: box.width, h: box.height};
    })
    .filter((r) => r.w < 44 || r.h < 44);
}"""

PENDING_JS = """() => new Promise((resolve) => {
  const open = indexedDB.open('janjicheck-selfcheck');
  open.onsuccess = () => {
    const store = open.result.transaction('pending').objectStore('pending');
    const query = store.getAll();
    query.onsuccess = () => resolve(
      query.result.map((item) => ({area: item.area, size: item.files[0].blob.size})));
  };
})"""

STRINGS_JS = """async () => {
  const module = await import('/self-check/assets/i18n.js');
  return {id: Object.keys(module.STRINGS.id).sort(), en: Object.keys(module.STRINGS.en).sort()};
}"""


def contrast_problems(page: Any) -> list[dict[str, Any]]:
    """Visible text whose contrast with its background is under 4.5:1 (WCAG AA)."""
    return list(page.evaluate(CONTRAST_JS))


def small_targets(page: Any) -> list[dict[str, Any]]:
    """Visible controls smaller than 44 x 44 CSS pixels."""
    return list(page.evaluate(SMALL_TARGETS_JS))


def unnamed_controls(page: Any) -> list[str]:
    """Buttons and inputs without an accessible name."""
    return list(
        page.evaluate(
            """() => [...document.querySelectorAll('button, input')].filter((el) => {
          const name = (el.getAttribute('aria-label') || el.innerText || '').trim();
          const labelled = el.labels && [...el.labels].some((l) => l.innerText.trim());
          return !name && !labelled; }).map((el) => el.outerHTML.slice(0, 80))"""
        )
    )


# ---------------------------------------------------------------------------- tests


def test_sign_in_refuses_bad_and_non_facility_tokens(phone: Any, server: Server) -> None:
    page = open_page(phone, server)
    assert page.evaluate("document.documentElement.lang") == "id"
    shot(page, "01-sign-in")
    page.click("#signin-button")
    assert "Isi token fasilitas" in page.inner_text("#signin-error")
    sign_in_attempt = "jc_000000000000_not-a-real-secret"
    page.fill("#token", sign_in_attempt)
    page.click("#signin-button")
    page.locator("#signin-error", has_text="tidak berlaku").wait_for()
    shot(page, "02-sign-in-invalid-token")
    page.fill("#token", server.tokens["auditor"])
    page.click("#signin-button")
    page.locator("#signin-error", has_text="bukan token fasilitas").wait_for()
    assert page.evaluate("localStorage.getItem('janjicheck.token')") is None
    assert not page.js_errors


def test_walk_through_five_areas(
    phone: Any, server: Server, vision_photos: Photos, model: tuple[Path, bool]
) -> None:
    facility_id, token = new_facility(server)
    page = open_page(phone, server)
    sign_in(page, token)
    assert page.inner_text("#facility-name").startswith("Puskesmas Uji WEB-")
    assert page.evaluate("localStorage.getItem('janjicheck.token')") == token
    assert "Belum ada pemeriksaan mandiri" in page.inner_text("#check")
    shot(page, "03-signed-in")
    start_check(page)
    assert page.inner_text("#progress-text") == "0 dari 5 area selesai"
    assert [c.get_attribute("data-area") for c in page.locator("li.area").all()] == list(AREAS)
    for area in AREAS:
        counts = card(page, area).locator(".counts").inner_text()
        if area == "outpatient_waiting":
            assert "spanduk" in counts and "Spanduk hanya dihitung di ruang ini" in counts
        else:
            assert "poster atau banner" in counts and "Spanduk tidak dihitung di sini" in counts
    assert "is-next" in (card(page, "registration").get_attribute("class") or "")
    shot(page, "04-checklist", full_page=True)

    # Registration: the rear-camera button on a slow connection, with a 12 MP phone photo
    # stored sideways (EXIF orientation 6) with capture time and GPS.
    cdp = phone.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 150,
            "downloadThroughput": 250_000,
            "uploadThroughput": 60_000,
        },
    )
    camera_input = card(page, "registration").locator("input[data-input=camera]")
    assert camera_input.get_attribute("capture") == "environment"
    assert camera_input.get_attribute("accept") == "image/*"
    with page.expect_file_chooser() as chooser:
        card(page, "registration").locator("button[data-action=camera]").click()
    chooser.value.set_files(str(vision_photos.phone_jpg))
    wait_until(
        page,
        """(() => { const p = document.querySelector('#area-registration .percent');
                    return !!p && parseInt(p.innerText) > 0 && parseInt(p.innerText) < 100; })()""",
    )
    shot(card(page, "registration"), "05-uploading-progress")
    page.wait_for_selector("#area-registration[data-phase=checking]", timeout=120_000)
    shot(card(page, "registration"), "06-checking")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    assert wait_checked(page, "registration") == "done"
    shot(card(page, "registration"), "07-registration-result")

    audit = current_audit(server, token, facility_id)
    registration = next(a for a in audit["areas"] if a["area"] == "registration")
    with api(server, token) as c:
        photo = c.get(f"/api/v1/photos/{registration['photo_ids'][0]}").json()
    # Shrunk in the browser to a long side of 2400 px, upright, EXIF time and GPS kept.
    assert (photo["width"], photo["height"]) == (1800, 2400)
    assert photo["taken_at"].startswith("2025-03-14T09:26:53")
    assert photo["gps"] is not None and abs(photo["gps"][0] + 6.2083) < 0.001
    sizes = card(page, "registration").locator("[data-role=status] .small").inner_text()
    sent_kb, original_kb = map(int, re.findall(r"(\d+) KB", sizes))
    assert sent_kb < original_kb
    assert_card_matches_api(page, registration)
    assert_boxes_match_photo(page, "registration", photo)
    # Evidence notes in the page's language (the EXIF time is not today's visit).
    assert "exif_time_outside_visit" in {f["code"] for f in photo["flags"]}
    flags = card(page, "registration").locator(".flags li")
    registration_flags = photo["flags"]
    assert flags.all_inner_texts() == [f["text_id"] for f in registration_flags]
    assert page.inner_text("#progress-text") == "1 dari 5 area selesai"

    # "Next" moves to the outpatient waiting room; then the gallery for the others.
    card(page, "registration").locator("button.next-area").click()
    assert page.evaluate("document.activeElement.id") == "area-outpatient_waiting-title"
    plan = {
        "outpatient_waiting": vision_photos.janji_jpg,
        "pharmacy_waiting": vision_photos.lookalike_jpg,
        "diagnostic_waiting": vision_photos.plain_jpg,
        "information_complaints": vision_photos.janji_jpg,
    }
    for number, (area, path) in enumerate(plan.items(), start=8):
        pick_from_gallery(page, area, path)
        assert wait_checked(page, area) == "done"
        shot(card(page, area), f"{number:02d}-{area}-result")
    audit = current_audit(server, token, facility_id)
    assert audit["areas_done"] == 5
    assert page.inner_text("#progress-text") == "5 dari 5 area selesai"
    compliant = sum(1 for a in audit["areas"] if a["status"] == "compliant")
    assert page.inner_text("#progress-compliant") == f"{compliant} dari 5 area sesuai"
    for area_out in audit["areas"]:
        assert_card_matches_api(page, area_out)
        row = page.locator(f"#summary tr[data-area={area_out['area']}]")
        assert row.get_attribute("data-status") == area_out["status"]
    with api(server, token) as c:
        for area_out in audit["areas"]:
            photo = c.get(f"/api/v1/photos/{max(area_out['photo_ids'])}").json()
            assert_boxes_match_photo(page, area_out["area"], photo)
    if model[1]:
        by_area = {a["area"]: a for a in audit["areas"]}
        for area in ("registration", "outpatient_waiting", "information_complaints"):
            assert by_area[area]["status"] == "compliant", by_area[area]
            found = card(page, area).locator("ol.findings").inner_text()
            assert re.search(r"Poster Janji Layanan, \d dari \d janji terbaca", found), found
        assert by_area["pharmacy_waiting"]["status"] == "missing"
        pharmacy_reasons = card(page, "pharmacy_waiting").locator(".reasons").inner_text()
        assert "Hak dan Kewajiban Peserta, bukan Janji Layanan" in pharmacy_reasons
        assert by_area["diagnostic_waiting"]["status"] == "missing"
    assert "Kelima area sudah difoto" in card(page, "information_complaints").inner_text()
    shot(page, "12-all-areas", full_page=True)

    # Accessibility of the page with results on it.
    assert contrast_problems(page) == []
    assert small_targets(page) == []
    assert unnamed_controls(page) == []

    # The service's evidence image (faces blurred, boxes drawn there) replaces the local one.
    registration_card = card(page, "registration")
    registration_card.locator("button.show-evidence").click()
    page.wait_for_selector("#area-registration figure img[alt^='Gambar bukti']")
    assert registration_card.locator("figure svg.boxes").count() == 0
    size = registration_card.locator("figure img").evaluate(
        "i => i.decode().then(() => [i.naturalWidth, i.naturalHeight])"
    )
    assert size[1] > size[0] and abs(size[0] / size[1] - 0.75) < 0.01  # upright, as uploaded

    # Summary: a PNG to save or share, and the full report.
    page.locator("#summary").scroll_into_view_if_needed()
    shot(page.locator("#summary"), "13-summary")
    with page.expect_download() as download:
        page.click("#save-image")
    png = ARTIFACTS / "14-summary-image.png"
    download.value.save_as(str(png))
    image = cv2.imread(str(png))
    assert image is not None and image.shape[1] == 1080 and image.shape[0] > 1000
    assert "disimpan" in page.inner_text("#summary-status")
    with page.expect_download() as report_download:
        page.click("#report")
    report = Path(report_download.value.path()).read_text(encoding="utf-8")
    assert "Puskesmas Uji WEB-" in report and "pemeriksaan mandiri" in report

    # Print / save as PDF: the controls go, the results and photos stay.
    page.emulate_media(media="print")
    assert page.locator(".topbar").is_hidden()
    assert page.locator("li.area .actions").first.is_hidden()
    assert page.locator("#summary-title").is_visible()
    assert page.locator("#area-registration figure img").is_visible()
    shot(page, "14b-print-view", full_page=True)
    page.pdf(path=str(ARTIFACTS / "14c-print.pdf"))
    assert (ARTIFACTS / "14c-print.pdf").read_bytes()[:5] == b"%PDF-"
    page.emulate_media(media="screen")

    # English switch: the page's strings and the API's names and messages change.
    page.click("#lang-switch")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.inner_text("#progress-text") == "5 of 5 areas done"
    assert card(page, "registration").locator("h3").inner_text() == "Registration area"
    assert flags.all_inner_texts() == [f["text_en"] for f in registration_flags]
    assert page.evaluate("document.activeElement.id") == "lang-switch"
    shot(page, "15-english", full_page=False)
    # The smallest phones (320 CSS pixels): nothing wider than the screen, in either language.
    viewport = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    shot(page, "15b-english-320px")
    page.set_viewport_size(viewport)
    page.click("#lang-switch")
    assert page.inner_text("#progress-text") == "5 dari 5 area selesai"
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size(viewport)

    # Finish: the self-check goes to the history; a new one can start.
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#submit-check")
    page.wait_for_selector("#history li[data-status=submitted]")
    assert page.locator("#start-check").is_visible()
    assert page.locator("li.area button[data-action=camera]").count() == 0
    history = page.locator("#history li").first.inner_text()
    assert f"{compliant} dari 5 area sesuai" in history
    shot(page, "16-finished-history", full_page=True)
    assert not page.js_errors


def test_bad_photos_get_plain_advice(
    phone: Any, server: Server, dark_jpg: Path, vision_photos: Photos, model: tuple[Path, bool]
) -> None:
    facility_id, token, page = open_check(phone, server)

    pick_from_gallery(page, "pharmacy_waiting", dark_jpg)
    assert wait_checked(page, "pharmacy_waiting") == "done"
    pharmacy = card(page, "pharmacy_waiting")
    quality = pharmacy.locator(".quality li[data-code=too_dark]").inner_text()
    assert quality == "Foto terlalu gelap: nyalakan lampu lalu foto ulang."
    area_out = next(
        a
        for a in current_audit(server, token, facility_id)["areas"]
        if a["area"] == "pharmacy_waiting"
    )
    assert_card_matches_api(page, area_out)
    if model[1]:
        assert area_out["status"] == "unverifiable"
        assert "nyalakan lampu" in pharmacy.locator(".advice").inner_text()
    shot(pharmacy, "20-dark-photo-advice")

    # A file that is not a photo: the browser cannot shrink it, the service refuses it, and the
    # page says why instead of failing silently.
    pick_from_gallery(page, "diagnostic_waiting", vision_photos.text)
    assert wait_checked(page, "diagnostic_waiting") == "error"
    message = card(page, "diagnostic_waiting").locator("[data-role=status]").inner_text()
    assert message.startswith("Foto tidak dapat diperiksa: File ini bukan foto"), message
    assert card(page, "diagnostic_waiting").get_attribute("data-status") == "none"
    shot(card(page, "diagnostic_waiting"), "21-not-a-photo")
    assert not page.js_errors


def test_lost_connection_keeps_the_photo_and_retries(
    phone: Any, server: Server, vision_photos: Photos
) -> None:
    facility_id, token, page = open_check(phone, server)

    # Offline while sending: the photo waits on the device and goes out, without a tap, when
    # the connection comes back.
    phone.set_offline(True)
    pick_from_gallery(page, "registration", vision_photos.plain_jpg)
    page.wait_for_selector("#area-registration[data-phase=waiting]")
    registration = card(page, "registration")
    assert "Koneksi terputus" in registration.inner_text()
    assert "Menunggu koneksi internet" in registration.inner_text()
    assert registration.locator("button.retry").is_visible()
    assert registration.locator("button.discard").is_visible()
    stored = page.evaluate(PENDING_JS)
    assert len(stored) == 1 and stored[0]["area"] == "registration" and stored[0]["size"] > 10_000
    shot(registration, "30-offline-waiting")
    phone.set_offline(False)
    assert wait_checked(page, "registration") == "done"
    shot(registration, "31-sent-when-back-online")

    # The server cannot be reached and the tab is closed: the photo survives the reload
    # (IndexedDB), retries on its own with backoff, and "Coba lagi" sends it at once.
    page.route("**/areas/outpatient_waiting/photos", lambda route: route.abort("connectionreset"))
    pick_from_gallery(page, "outpatient_waiting", vision_photos.plain_jpg)
    page.wait_for_selector("#area-outpatient_waiting[data-phase=waiting]")
    page.reload()
    page.wait_for_selector("#area-outpatient_waiting[data-phase=waiting]")
    outpatient = card(page, "outpatient_waiting")
    assert re.search(r"Mencoba lagi dalam \d+ detik", outpatient.inner_text())
    assert outpatient.locator("button.retry").is_visible()
    shot(outpatient, "32-restored-after-reload")
    page.unroute("**/areas/outpatient_waiting/photos")
    # (an automatic retry may start first; the button then has nothing left to do)
    outpatient.locator("button.retry").dispatch_event("click")
    assert wait_checked(page, "outpatient_waiting") == "done"

    # A busy service (503 with Retry-After): the page waits as told, then sends again.
    busy = {"error": {"code": "busy", "message": "The queue is full.", "details": {}}}
    page.route(
        "**/areas/diagnostic_waiting/photos",
        lambda route: route.fulfill(status=503, headers={"Retry-After": "2"}, json=busy),
        times=1,
    )
    pick_from_gallery(page, "diagnostic_waiting", vision_photos.plain_jpg)
    page.wait_for_selector("#area-diagnostic_waiting[data-phase=waiting]")
    assert "Server sedang sibuk" in card(page, "diagnostic_waiting").inner_text()
    assert wait_checked(page, "diagnostic_waiting") == "done"

    # Discard: a waiting photo can be dropped instead.
    phone.set_offline(True)
    pick_from_gallery(page, "pharmacy_waiting", vision_photos.plain_jpg)
    page.wait_for_selector("#area-pharmacy_waiting[data-phase=waiting]")
    card(page, "pharmacy_waiting").locator("button.discard").click()
    page.wait_for_selector("#area-pharmacy_waiting[data-phase=idle]")
    phone.set_offline(False)

    audit = current_audit(server, token, facility_id)
    counts = {a["area"]: a["photo_count"] for a in audit["areas"]}
    assert counts["registration"] == counts["outpatient_waiting"] == 1
    assert counts["diagnostic_waiting"] == 1 and counts["pharmacy_waiting"] == 0
    assert page.inner_text("#progress-text") == "3 dari 5 area selesai"
    assert page.evaluate(PENDING_JS) == []
    assert not page.js_errors


def test_history_reopens_after_sign_in_and_keyboard_works(
    phone: Any, server: Server, vision_photos: Photos
) -> None:
    facility_id, token = new_facility(server)
    with api(server, token) as c:
        earlier = c.post(
            f"/api/v1/facilities/{facility_id}/audits",
            json={"visit_date": (dt.date.today() - dt.timedelta(days=30)).isoformat()},
        ).json()
        with vision_photos.janji_jpg.open("rb") as f:
            c.post(
                f"/api/v1/audits/{earlier['id']}/areas/registration/photos",
                files=[("files", ("janji.jpg", f, "image/jpeg"))],
                timeout=CHECK_TIMEOUT_MS / 1000,
            ).raise_for_status()
        c.post(f"/api/v1/audits/{earlier['id']}/submit").raise_for_status()
    page = open_page(phone, server)
    sign_in(page, token, remember=False)
    assert page.evaluate("sessionStorage.getItem('janjicheck.token')") == token
    assert page.evaluate("localStorage.getItem('janjicheck.token')") is None
    item = page.locator(f"#history li[data-audit-id='{earlier['id']}']")
    assert "selesai" in item.inner_text()
    item.locator("button").click()
    page.wait_for_selector("#area-registration[data-status]:not([data-status=none])")
    # The evidence image (faces blurred, boxes drawn by the service) is fetched with the token.
    page.wait_for_selector("#area-registration figure img")
    assert card(page, "registration").locator("figure img").evaluate("i => i.naturalWidth") > 0
    assert "hanya bisa dilihat" in page.inner_text("#check")
    shot(page, "40-history-opened", full_page=True)

    # Reload: still signed in for this tab; start a new check with the keyboard only.
    page.reload()
    page.wait_for_selector("#facility-name")
    page.focus("#start-check")
    page.keyboard.press("Enter")
    # Focus goes to the new self-check's heading once it is ready.
    wait_until(page, "document.activeElement && document.activeElement.id === 'check-title'")
    page.focus("#area-registration button[data-action=camera]")
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Enter")
    assert chooser.value.element.get_attribute("capture") == "environment"
    # Sign out forgets the token.
    page.click("#sign-out")
    page.wait_for_selector("#signin-form")
    assert page.evaluate("sessionStorage.getItem('janjicheck.token')") is None
    assert not page.js_errors


WORDING_JS = """async ([detections, level]) => {
  const results = await import('/self-check/assets/results.js');
  const i18n = await import('/self-check/assets/i18n.js');
  const out = {};
  for (const lang of i18n.LANGUAGES) {
    const t = i18n.translator(lang);
    out[lang] = detections.map(
      (d) => [results.detectionKind(d), results.describeDetection(d, t, level)]);
  }
  return out;
}"""

RENDER_JS = """async ([photo, lang, level]) => {
  const results = await import('/self-check/assets/results.js');
  const i18n = await import('/self-check/assets/i18n.js');
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [photo.width, photo.height];
  const g = canvas.getContext('2d');
  g.fillStyle = '#d6d0c4';
  g.fillRect(0, 0, photo.width, photo.height);
  g.fillStyle = '#f8f8f4';
  for (const d of photo.detections) {
    const [x1, y1, x2, y2] = d.box;
    g.fillRect(x1, y1, x2 - x1, y2 - y1);
  }
  const url = canvas.toDataURL('image/png');
  const t = i18n.translator(lang);
  document.documentElement.lang = lang;
  const section = document.createElement('section');
  section.className = 'card';
  section.id = 'wording';
  section.append(
    results.photoFigure(photo, {url, drawn: false, alt: 'photo'}),
    results.findingsList(photo, t, level));
  document.querySelector('#app main').replaceChildren(section);
  return [...section.querySelectorAll('svg g.box')].map((g) => g.dataset.kind);
}"""


def detection(label: str, confidence: float, box: list[float], **fields: Any) -> dict[str, Any]:
    """A detection as the API returns it (fields not given: text not read, not accepted)."""
    base = {
        "label": label,
        "confidence": confidence,
        "box": box,
        "verified": None,
        "promises_read": [],
        "verification": "unreadable",
        "identified_as": None,
        "variant": None,
        "accepted": False,
    }
    return {**base, **fields}


def test_findings_show_what_counts_and_the_posters_promise_total(
    phone: Any, server: Server
) -> None:
    counted_fkrtl = detection(
        "janji_poster",
        0.91,
        [40, 60, 300, 420],
        verified=True,
        verification="confirmed",
        promises_read=[1, 2, 3, 4, 5, 6],
        variant="fkrtl",
        accepted=True,
    )
    counted_fktp = detection(
        "janji_banner",
        0.84,
        [340, 40, 560, 500],
        verified=True,
        verification="confirmed",
        promises_read=[1, 2, 3, 5, 7],
        variant="fktp",
        accepted=True,
    )
    unread_counted = detection("janji_poster", 0.88, [600, 60, 760, 300], accepted=True)
    possible = detection("janji_poster", 0.41, [600, 340, 760, 560])
    read_but_unsure = detection(
        "janji_spanduk",
        0.3,
        [20, 470, 300, 580],
        verified=True,
        verification="confirmed",
        promises_read=[1, 2],
        variant="fkrtl",
    )
    lookalike = detection(
        "janji_poster",
        0.77,
        [100, 100, 200, 200],
        verified=False,
        verification="rejected",
        identified_as="hak_kewajiban",
    )
    other = detection("other_sign", 0.6, [300, 500, 400, 590], identified_as="alur_pelayanan")
    # in the order the page lists them: counted, rejected, possible, other; by confidence
    detections = [
        counted_fkrtl,
        unread_counted,
        counted_fktp,
        lookalike,
        possible,
        read_but_unsure,
        other,
    ]
    page = open_page(phone, server)
    wording = page.evaluate(WORDING_JS, [detections, "FKRTL"])
    assert wording["id"] == [
        ["counted", "Poster Janji Layanan, 6 dari 6 janji terbaca, keyakinan 91% — dihitung"],
        ["counted", "Poster Janji Layanan, tulisannya belum terbaca, keyakinan 88% — dihitung"],
        ["counted", "Banner Janji Layanan, 5 dari 7 janji terbaca, keyakinan 84% — dihitung"],
        ["rejected", "Poster, ini Hak dan Kewajiban Peserta, bukan Janji Layanan, keyakinan 77%"],
        [
            "possible",
            "Kemungkinan poster Janji Layanan (keyakinan 41%) — tidak dihitung; ambil foto yang "
            "lebih dekat dan lebih jelas",
        ],
        [
            "possible",
            "Kemungkinan spanduk Janji Layanan (keyakinan 30%) — tidak dihitung; ambil foto yang "
            "lebih dekat dan lebih jelas",
        ],
        ["other", "Poster atau papan lain: Alur Pelayanan"],
    ]
    assert (
        wording["en"][0][1]
        == "Janji Layanan poster, 6 of 6 promises readable, 91% confidence — counted"
    )
    assert (
        wording["en"][2][1]
        == "Janji Layanan banner, 5 of 7 promises readable, 84% confidence — counted"
    )
    assert wording["en"][4][1] == (
        "Possible Janji Layanan poster (41% confidence) — not counted; take a closer, clearer photo"
    )
    # No variant read: the facility's own poster gives the total (FKTP 7 points, FKRTL 6).
    unknown = {**counted_fkrtl, "variant": None, "promises_read": [1, 2, 3]}
    for level, total in (("FKTP", 7), ("FKRTL", 6)):
        text = page.evaluate(WORDING_JS, [[unknown], level])["id"][0][1]
        assert f"3 dari {total} janji terbaca" in text, text

    photo = {"id": 1, "width": 800, "height": 600, "detections": detections}
    for lang, name in (("id", "17-findings-wording"), ("en", "17b-findings-wording-english")):
        kinds = page.evaluate(RENDER_JS, [photo, lang, "FKRTL"])
        assert kinds == [kind for kind, _ in wording["id"]]  # counted first, other last
        items = page.locator("#wording ol.findings li").all_inner_texts()
        assert [item.strip() for item in items] == [text for _, text in wording[lang]]
        shot(page.locator("#wording"), name)
    assert contrast_problems(page) == []
    assert not page.js_errors


def test_every_string_exists_in_both_languages(phone: Any, server: Server) -> None:
    page = open_page(phone, server)
    keys = page.evaluate(STRINGS_JS)
    assert keys["id"] == keys["en"]
    used = set()
    for script in (Path(__file__).resolve().parent.parent / "api/static/selfcheck").glob("*.js"):
        used |= set(re.findall(r"\bt\(\"(\w+)\"", script.read_text()))
    assert used and used <= set(keys["id"]), used - set(keys["id"])
    print(json.dumps({"strings": len(keys["id"]), "used_directly": len(used)}))


# ---------------------------------------------------------------------------- nothing is lost


def area_out(server: Server, token: str, facility_id: int, area: str) -> dict[str, Any]:
    audit = current_audit(server, token, facility_id)
    return next(a for a in audit["areas"] if a["area"] == area)


def wait_left_preparing(page: Any, area: str, timeout_s: float = 30) -> None:
    """Wait until the area's photo is being sent or is checked (it must not stay "preparing")."""
    wait_until(
        page,
        f"['uploading', 'checking', 'waiting', 'done', 'error']"
        f".includes(document.getElementById('area-{area}').dataset.phase)",
        timeout_s,
    )


def test_finishing_waits_until_every_photo_is_sent(
    phone: Any, server: Server, vision_photos: Photos
) -> None:
    facility_id, token, page = open_check(phone, server)
    submit = page.locator("#submit-check")
    assert submit.is_enabled()

    # A photo waits on the device: finishing is not offered, and the page says why.
    phone.set_offline(True)
    pick_from_gallery(page, "registration", vision_photos.plain_jpg)
    page.wait_for_selector("#area-registration[data-phase=waiting]")
    assert submit.is_disabled()
    reason = page.locator("#submit-waiting")
    assert reason.is_visible()
    assert reason.inner_text().startswith("1 foto belum terkirim.")
    assert submit.get_attribute("aria-describedby") == "submit-waiting"
    shot(page.locator("#summary"), "50-finish-waits-for-photos")

    # Back online: the photo goes out, then the self-check can be finished with it.
    phone.set_offline(False)
    assert wait_checked(page, "registration") == "done"
    wait_until(page, "!document.getElementById('submit-check').disabled")
    assert reason.is_hidden()
    page.once("dialog", lambda dialog: dialog.accept())
    submit.click()
    page.wait_for_selector("#history li[data-status=submitted]")
    assert current_audit(server, token, facility_id)["status"] == "submitted"
    assert area_out(server, token, facility_id, "registration")["photo_count"] == 1
    assert page.evaluate(PENDING_JS) == []
    assert not page.js_errors


def test_server_trouble_keeps_the_photo_and_says_why(
    phone: Any, server: Server, vision_photos: Photos
) -> None:
    facility_id, token, page = open_check(phone, server)

    # A 500 with Retry-After: kept, the server's words shown, sent again when told.
    trouble = {
        "error": {
            "code": "internal_error",
            "message": "Something went wrong on our side; nothing was saved.",
            "details": {},
        }
    }
    page.route(
        "**/areas/registration/photos",
        lambda route: route.fulfill(status=500, headers={"Retry-After": "3"}, json=trouble),
        times=1,
    )
    pick_from_gallery(page, "registration", vision_photos.plain_jpg)
    page.wait_for_selector("#area-registration[data-phase=waiting]")
    registration = card(page, "registration")
    assert "Server sedang bermasalah. Foto tersimpan" in registration.inner_text()
    assert "Pesan server: Something went wrong on our side" in registration.inner_text()
    assert [s["area"] for s in page.evaluate(PENDING_JS)] == ["registration"]
    shot(registration, "51-server-error-kept")
    assert wait_checked(page, "registration") == "done"

    # A timeout (408) and too many requests (429), no Retry-After: sent again after a while.
    def answer(status: int) -> Any:
        return lambda route: route.fulfill(status=status, body="try later")

    for area, status in (("outpatient_waiting", 408), ("pharmacy_waiting", 429)):
        page.route(f"**/areas/{area}/photos", answer(status), times=1)
        pick_from_gallery(page, area, vision_photos.plain_jpg)
        page.wait_for_selector(f"#area-{area}[data-phase=waiting]")
        assert wait_checked(page, area) == "done"

    # A proxy's 413 page: the photo is kept with the reason, and can be sent again.
    page.route(
        "**/areas/diagnostic_waiting/photos",
        lambda route: route.fulfill(
            status=413,
            content_type="text/html",
            body="<html><body><h1>413 Request Entity Too Large</h1></body></html>",
        ),
        times=1,
    )
    pick_from_gallery(page, "diagnostic_waiting", vision_photos.plain_jpg)
    assert wait_checked(page, "diagnostic_waiting") == "error"
    diagnostic = card(page, "diagnostic_waiting")
    message = diagnostic.locator("[data-role=status]").inner_text()
    assert message.startswith("Foto belum terkirim: Kiriman ditolak karena terlalu besar"), message
    assert "Foto tetap tersimpan di perangkat ini" in message
    assert diagnostic.locator("button.retry").is_visible()
    assert [s["area"] for s in page.evaluate(PENDING_JS)] == ["diagnostic_waiting"]
    assert page.locator("#submit-check").is_disabled()
    shot(diagnostic, "52-proxy-413-kept")
    diagnostic.locator("button.retry").click()
    assert wait_checked(page, "diagnostic_waiting") == "done"

    audit = current_audit(server, token, facility_id)
    counts = {a["area"]: a["photo_count"] for a in audit["areas"]}
    assert counts == {**dict.fromkeys(AREAS, 1), "information_complaints": 0}
    assert page.evaluate(PENDING_JS) == []
    assert page.locator("#submit-check").is_enabled()
    assert not page.js_errors


def test_a_big_gallery_pick_goes_in_parts_and_a_bad_file_costs_no_other(
    phone: Any, server: Server, vision_photos: Photos
) -> None:
    facility_id, token, page = open_check(phone, server)
    posts: dict[str, int] = {}

    def count_post(request: Any) -> None:
        match = re.search(r"/areas/(\w+)/photos$", request.url)
        if request.method == "POST" and match:
            posts[match.group(1)] = posts.get(match.group(1), 0) + 1

    page.on("request", count_post)

    # Twelve photos, the service takes ten a request: two requests, all twelve checked.
    pick_from_gallery(page, "registration", *[vision_photos.plain_jpg] * 12)
    assert wait_checked(page, "registration") == "done"
    assert posts["registration"] == 2
    assert area_out(server, token, facility_id, "registration")["photo_count"] == 12
    assert page.evaluate(PENDING_JS) == []

    # A file that is not a photo among two photos: it is refused by name, the others count.
    pick_from_gallery(
        page,
        "outpatient_waiting",
        vision_photos.plain_jpg,
        vision_photos.text,
        vision_photos.janji_jpg,
    )
    assert wait_checked(page, "outpatient_waiting") == "done"
    outpatient = card(page, "outpatient_waiting")
    refused = outpatient.locator("[data-role=status] .refused").inner_text()
    assert refused.startswith("Foto notes.jpg tidak dapat diperiksa: File ini bukan foto"), refused
    assert area_out(server, token, facility_id, "outpatient_waiting")["photo_count"] == 2
    assert outpatient.locator("figure.photo").count() == 2
    shot(outpatient, "53-bad-file-refused-others-kept")
    assert page.evaluate(PENDING_JS) == []
    assert not page.js_errors


def test_a_photo_the_browser_cannot_show_shows_the_evidence_image(
    phone: Any, server: Server, vision_photos: Photos
) -> None:
    facility_id, token, page = open_check(phone, server)

    # HEIC: Chromium cannot decode it, so it goes out as it is and the service checks it; the
    # card shows the service's evidence image, not a broken one.
    pick_from_gallery(page, "registration", vision_photos.heic)
    assert wait_checked(page, "registration") == "done"
    photo_id = max(area_out(server, token, facility_id, "registration")["photo_ids"])
    with api(server, token) as c:
        assert c.get(f"/api/v1/photos/{photo_id}").json()["filename"].endswith(".heic")
    page.wait_for_selector("#area-registration figure img[alt^='Gambar bukti']", timeout=30_000)
    registration = card(page, "registration")
    assert registration.locator("figure img").count() == 1
    size = registration.locator("figure img").evaluate(
        "i => i.decode().then(() => [i.naturalWidth, i.naturalHeight])"
    )
    assert size[0] > 0 and size[1] > 0
    assert registration.locator("figure svg.boxes").count() == 0  # drawn in the evidence image
    assert registration.locator("button.show-evidence").count() == 0
    shot(registration, "54-heic-evidence-image")

    # The evidence image cannot be had either: a plain note in its place, never a broken image.
    page.route("**/evidence.jpg", lambda route: route.fulfill(status=500, body="down"))
    pick_from_gallery(page, "outpatient_waiting", vision_photos.heic)
    assert wait_checked(page, "outpatient_waiting") == "done"
    outpatient = card(page, "outpatient_waiting")
    outpatient.locator("figure .photo-placeholder", has_text="tidak dapat ditampilkan").wait_for()
    assert outpatient.locator("figure img").count() == 0
    shot(outpatient, "55-heic-placeholder")
    assert not page.js_errors


def test_a_photo_is_sent_as_it_is_when_the_browser_cannot_shrink_it(
    phone: Any, server: Server, vision_photos: Photos
) -> None:
    facility_id, token, page = open_check(phone, server)

    # The JPEG encoder gives nothing back (toBlob calls back with null).
    page.evaluate("() => { HTMLCanvasElement.prototype.toBlob = (callback) => callback(null); }")
    pick_from_gallery(page, "registration", vision_photos.janji_jpg)
    wait_left_preparing(page, "registration")
    assert wait_checked(page, "registration") == "done"

    # No 2D canvas at all (getContext returns null).
    page.evaluate("() => { HTMLCanvasElement.prototype.getContext = () => null; }")
    pick_from_gallery(page, "outpatient_waiting", vision_photos.plain_jpg)
    wait_left_preparing(page, "outpatient_waiting")
    assert wait_checked(page, "outpatient_waiting") == "done"

    with api(server, token) as c:
        for area, size in (("registration", (1600, 1200)), ("outpatient_waiting", (1280, 960))):
            photo_id = area_out(server, token, facility_id, area)["photo_ids"][0]
            photo = c.get(f"/api/v1/photos/{photo_id}").json()
            assert (photo["width"], photo["height"]) == size  # the original, as picked
            # the original is shown: the browser decoded it
            img = card(page, area).locator("figure img")
            assert img.evaluate("i => i.decode().then(() => i.naturalWidth)") == size[0]
    assert not page.js_errors


def test_a_retake_keeps_the_earlier_photo_and_says_so(
    phone: Any, server: Server, vision_photos: Photos
) -> None:
    facility_id, token, page = open_check(phone, server)

    # Offline, a photo waits; a retake does not silently throw it away: both wait, both count.
    phone.set_offline(True)
    pick_from_gallery(page, "registration", vision_photos.plain_jpg)
    page.wait_for_selector("#area-registration[data-phase=waiting]")
    pick_from_gallery(page, "registration", vision_photos.janji_jpg)
    wait_until(page, f"({PENDING_JS})().then((items) => items.length === 2)")
    page.wait_for_selector("#area-registration[data-phase=waiting]")
    registration = card(page, "registration")
    unsent = registration.locator(".unsent").inner_text()
    assert unsent.startswith("2 foto area ini belum terkirim."), unsent
    assert "foto baru tidak menggantikan foto sebelumnya" in unsent
    assert page.inner_text("#submit-waiting").startswith("2 foto belum terkirim.")
    shot(registration, "56-retake-keeps-both")
    phone.set_offline(False)
    registration.locator(".result", has_text="1 foto sebelumnya di area ini ikut dinilai").wait_for(
        timeout=CHECK_TIMEOUT_MS
    )
    assert area_out(server, token, facility_id, "registration")["photo_count"] == 2
    assert page.evaluate(PENDING_JS) == []

    # A retake while a photo is uploading: the page says both are sent and count.
    cdp = phone.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 150,
            "downloadThroughput": 250_000,
            "uploadThroughput": 40_000,
        },
    )
    pick_from_gallery(page, "outpatient_waiting", vision_photos.plain_jpg)
    page.wait_for_selector("#area-outpatient_waiting[data-phase=uploading]")
    pick_from_gallery(page, "outpatient_waiting", vision_photos.janji_jpg)
    outpatient = card(page, "outpatient_waiting")
    outpatient.locator(".unsent", has_text="2 foto area ini belum terkirim").wait_for()
    assert outpatient.get_attribute("data-phase") in ("uploading", "checking")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    outpatient.locator(".result", has_text="1 foto sebelumnya di area ini ikut dinilai").wait_for(
        timeout=CHECK_TIMEOUT_MS
    )
    assert area_out(server, token, facility_id, "outpatient_waiting")["photo_count"] == 2
    assert page.evaluate(PENDING_JS) == []
    assert not page.js_errors


def test_sign_out_asks_before_deleting_unsent_photos_and_an_ended_session_keeps_them(
    phone: Any, server: Server, vision_photos: Photos
) -> None:
    facility_id, token, page = open_check(phone, server)

    # A photo waits on the device: "Keluar" asks first; cancelling keeps everything.
    phone.set_offline(True)
    pick_from_gallery(page, "registration", vision_photos.plain_jpg)
    page.wait_for_selector("#area-registration[data-phase=waiting]")
    asked: list[str] = []

    def dismiss(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.click("#sign-out")
    for _ in range(100):  # the question comes once the page has counted the photos
        if asked:
            break
        page.wait_for_timeout(100)
    assert asked and asked[0].startswith("1 foto belum terkirim")
    assert len(page.evaluate(PENDING_JS)) == 1
    assert page.is_visible("#facility-name")

    # Confirmed: signed out, and the photo is gone from this (shared) phone.
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#sign-out")
    page.wait_for_selector("#signin-form")
    assert page.evaluate(PENDING_JS) == []
    phone.set_offline(False)

    # A session that ends while a photo is being sent (401) keeps the photo; the next sign-in
    # reopens the self-check and sends it.
    sign_in(page, token)
    page.wait_for_selector("li.area[data-area=registration]")
    ended = {"error": {"code": "unauthorized", "message": "Token revoked.", "details": {}}}
    page.route(
        "**/areas/registration/photos",
        lambda route: route.fulfill(status=401, json=ended),
        times=1,
    )
    pick_from_gallery(page, "registration", vision_photos.plain_jpg)
    page.wait_for_selector("#signin-form")
    assert len(page.evaluate(PENDING_JS)) == 1
    sign_in(page, token)
    assert wait_checked(page, "registration") == "done"
    assert page.evaluate(PENDING_JS) == []
    audit = current_audit(server, token, facility_id)
    assert {a["area"]: a["photo_count"] for a in audit["areas"]}["registration"] == 1
    assert not page.js_errors
