// The area cards of the self-check shown: what counts in each area, the buttons to photograph
// it, where its photos are on their way (uploads.js moves them and calls the updates here), the
// photos sent with what was found in them, and the verdict; also the progress through the areas.

import { h, replace } from "./dom.js";
import { announce, guarded } from "./feedback.js";
import { pick } from "./i18n.js";
import { findingsList, photoFigure, qualityNotes } from "./results.js";
import { api, areaState, isReadOnly, objectUrl, state } from "./state.js";

export function areaName(area) {
  return state.lang === "en" ? area.name_en : area.name_id;
}

export function shownStatus(area) {
  return area.photo_count ? area.status : "none";
}

export function verdictText(status) {
  return status === "none" ? state.t("verdictNone") : state.t(`verdict_${status}`);
}

/** The progress bar of the check section, and the card to photograph next. */
export function updateProgress() {
  const { t, audit } = state;
  const bar = document.getElementById("progress-bar");
  if (!bar || !audit) return;
  const total = audit.areas.length;
  const done = audit.areas.filter((a) => a.photo_count > 0).length;
  const compliant = audit.areas.filter((a) => a.photo_count > 0 && a.status === "compliant").length;
  bar.value = done;
  document.getElementById("progress-text").textContent = t("progress", { done, total });
  document.getElementById("progress-compliant").textContent = t("progressCompliant", { count: compliant, total });
  const next = nextAreaId();
  for (const card of document.querySelectorAll("li.area")) {
    card.classList.toggle("is-next", !isReadOnly() && card.dataset.area === next);
  }
}

function nextAreaId(after = null) {
  const areas = state.audit.areas;
  const start = after ? areas.findIndex((a) => a.area === after) + 1 : 0;
  const ordered = [...areas.slice(start), ...areas.slice(0, start)];
  const next = ordered.find((a) => a.photo_count === 0 && a.area !== after);
  return next ? next.area : null;
}

/**
 * The list of area cards.
 * @param {{onFiles: function(string, File[]), send: function(string), discard: function(string)}} actions
 *   What a card's file inputs and retry and discard buttons do (uploads.js, passed by app.js:
 *   the uploads update the cards, so this module does not import them).
 */
export function areaSection(actions) {
  const { t } = state;
  return h("section", { id: "areas", "aria-labelledby": "areas-title" },
    h("h2", { id: "areas-title", text: t("checklistTitle") }),
    h("p", { class: "muted", text: t("checklistIntro") }),
    h("ol", { class: "areas" }, state.audit.areas.map((area, index) => areaCard(area, index, actions))),
  );
}

function countsText(area) {
  const { t } = state;
  const names = area.allowed_media.map((m) => t(`media${m[0].toUpperCase()}${m.slice(1)}`));
  const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} ${t("or")} ${names[names.length - 1]}` : names.join("");
  const spanduk = area.allowed_media.includes("spanduk") ? t("spandukHereOnly") : t("spandukNotHere");
  return `${t("countsPrefix")}${list}. ${spanduk}`;
}

function areaCard(area, index, actions) {
  const { t } = state;
  const { onFiles, send, discard } = actions;
  const id = area.area;
  const name = areaName(area);
  const camera = h("input", {
    type: "file",
    accept: "image/*",
    capture: "environment",
    class: "visually-hidden",
    tabindex: "-1",
    "aria-label": t("cameraInputLabel", { area: name }),
    dataset: { input: "camera" },
  });
  const gallery = h("input", {
    type: "file",
    accept: "image/*",
    multiple: true,
    class: "visually-hidden",
    tabindex: "-1",
    "aria-label": t("galleryInputLabel", { area: name }),
    dataset: { input: "gallery" },
  });
  for (const input of [camera, gallery]) {
    input.addEventListener("change", () => {
      const files = [...input.files];
      input.value = "";
      onFiles(id, files);
    });
  }
  const readOnly = isReadOnly();
  return h("li", { class: "area card", id: `area-${id}`, dataset: { area: id, phase: "idle", status: shownStatus(area) } },
    h("div", { class: "area-head" },
      h("span", { class: "area-num", "aria-hidden": "true", text: String(index + 1) }),
      h("h3", { id: `area-${id}-title`, tabindex: "-1", text: name }),
      h("span", { class: "next-badge", text: t("nextBadge") }),
    ),
    h("p", { class: "verdict-line" }, h("span", { class: "verdict", dataset: { role: "verdict" } })),
    h("p", { class: "counts", text: countsText(area) }),
    readOnly
      ? null
      : h("div", { class: "actions" },
          h("button", {
            type: "button",
            class: "btn btn-primary",
            dataset: { action: "camera" },
            "aria-describedby": `area-${id}-title`,
            onclick: () => camera.click(),
          }, h("span", { class: "icon icon-camera", "aria-hidden": "true" }), h("span", { dataset: { role: "camera-label" } })),
          h("button", {
            type: "button",
            class: "btn",
            dataset: { action: "gallery" },
            "aria-describedby": `area-${id}-title`,
            onclick: () => gallery.click(),
          }, h("span", { class: "icon icon-gallery", "aria-hidden": "true" }), t("pickGallery")),
          camera,
          gallery,
        ),
    h("div", { class: "status", role: "status", dataset: { role: "status" } }),
    h("div", { class: "pending-actions", hidden: true },
      h("button", { type: "button", class: "btn btn-primary retry", onclick: () => send(id), text: t("retryNow") }),
      h("button", { type: "button", class: "btn discard", onclick: () => discard(id), text: t("discard") }),
    ),
    h("div", { class: "result", dataset: { role: "result" } }),
  );
}

export function updateStatus(areaId, phaseChanged = false) {
  const { t } = state;
  const area = areaState(areaId);
  const card = document.getElementById(`area-${areaId}`);
  if (!card) return;
  const status = card.querySelector("[data-role=status]");
  const actions = card.querySelector(".pending-actions");
  const first = area.queue[0];
  actions.hidden = !(first && !area.sending && (area.phase === "waiting" || area.phase === "error"));
  actions.querySelector(".discard").textContent =
    first && first.files.length > 1 ? t("discardMany", { count: first.files.length }) : t("discard");
  if (!phaseChanged && area.phase === "uploading") {
    const bar = status.querySelector("progress");
    const label = status.querySelector(".percent");
    if (bar && label) {
      bar.value = area.percent;
      label.textContent = `${area.percent}%`;
      return;
    }
  }
  const areaOut = state.audit && state.audit.areas.find((a) => a.area === areaId);
  let shown = null;
  switch (area.phase) {
    case "preparing":
      shown = h("p", { class: "working" }, spinner(), t("phasePreparing"));
      break;
    case "uploading":
      shown = [
        h("p", { class: "working" }, spinner(), t("phaseUploading"), " ", h("span", { class: "percent", text: `${area.percent}%` })),
        h("progress", { max: 100, value: area.percent, "aria-label": t("phaseUploading") }),
      ];
      break;
    case "checking":
      shown = [h("p", { class: "working" }, spinner(), t("phaseChecking")), h("progress", { "aria-label": t("phaseChecking") })];
      break;
    case "waiting":
      shown = [
        h("p", { class: "warning", text: area.message }),
        area.reason ? h("p", { class: "server-reason", text: t("serverSaid", { message: area.reason }) }) : null,
        h("p", { class: "countdown muted", "aria-live": "off" }),
      ];
      break;
    case "error":
      shown = area.message ? h("p", { class: "error", text: area.message }) : null;
      break;
    case "done":
      shown = [
        h("p", { class: "done" }, t("phaseDone", { verdict: verdictText(areaOut ? shownStatus(areaOut) : "none") })),
        area.sizes
          ? h("p", { class: "muted small", text: t(area.sizes.kb < area.sizes.original ? "photoSizes" : "photoSent", area.sizes) })
          : null,
      ];
      break;
    default:
      shown = null;
  }
  // Every photo picked is sent and counts: say how many are still to send (a retake adds one).
  const unsent = area.preparing + area.queue.reduce((sum, item) => sum + item.files.length, 0);
  replace(status,
    area.notes.map((text) => h("p", { class: "error refused", text })),
    shown,
    unsent > 1 ? h("p", { class: "note unsent", text: t("unsentPhotos", { count: unsent }) }) : null);
  if (area.phase === "waiting") updateCountdown(areaId);
}

export function updateCountdown(areaId) {
  const { t } = state;
  const area = areaState(areaId);
  const card = document.getElementById(`area-${areaId}`);
  const countdown = card && card.querySelector(".countdown");
  if (!countdown) return;
  if (!navigator.onLine) {
    countdown.textContent = t("retryOffline");
    return;
  }
  const seconds = Math.max(0, Math.ceil((area.retryAt - Date.now()) / 1000));
  countdown.textContent = t("retryIn", { seconds });
}

function spinner() {
  return h("span", { class: "spinner", "aria-hidden": "true" });
}

export function updateArea(areaId, fresh = false) {
  const { t } = state;
  const card = document.getElementById(`area-${areaId}`);
  const area = state.audit && state.audit.areas.find((a) => a.area === areaId);
  if (!card || !area) return;
  const ui = areaState(areaId);
  const status = shownStatus(area);
  card.dataset.status = status;
  card.dataset.phase = ui.phase;
  const verdict = card.querySelector("[data-role=verdict]");
  verdict.className = `verdict verdict-${status}`;
  verdict.textContent = verdictText(status);
  const cameraLabel = card.querySelector("[data-role=camera-label]");
  if (cameraLabel) cameraLabel.textContent = area.photo_count ? t("takeAnother") : t("takePhoto");
  updateStatus(areaId, true);
  replace(card.querySelector("[data-role=result]"), areaResult(area, ui));
  if (fresh) announce(`${areaName(area)}: ${verdictText(status)}`);
}

function areaResult(area, ui) {
  const { t, lang } = state;
  const name = areaName(area);
  const level = state.facility.level;
  const parts = [];
  for (const shown of ui.photos) {
    const alt = t(shown.drawn ? "evidenceAlt" : "photoAlt", { area: name });
    parts.push(photoFigure(shown.photo, {
      url: shown.url,
      drawn: shown.drawn,
      alt,
      placeholder: t(shown.failed ? "evidenceUnavailable" : "evidenceLoading"),
      onError: () => imageFailed(area.area, shown),
    }));
    if (!shown.drawn) {
      parts.push(h("button", {
        type: "button",
        class: "btn btn-small show-evidence",
        onclick: () => showEvidence(area.area, shown),
        text: t("showEvidence"),
      }));
    }
    parts.push(findingsList(shown.photo, t, level));
    parts.push(qualityNotes(shown.photo, t));
    const flags = shown.photo.flags || [];
    if (flags.length) {
      parts.push(h("div", { class: "flags" },
        h("h4", { text: t("flagsTitle") }),
        h("ul", {}, flags.map((flag) => h("li", { dataset: { code: flag.code }, text: pick(flag, lang) }))),
      ));
    }
  }
  const earlier = area.photo_count - ui.photos.length;
  if (ui.photos.length && earlier > 0) parts.push(h("p", { class: "muted small", text: t("earlierPhotos", { count: earlier }) }));
  if (area.photo_count) {
    parts.push(h("div", { class: "reasons" },
      h("h4", { text: t("reasonsTitle") }),
      h("ul", {}, area.reasons.map((m) => h("li", { dataset: { code: m.code }, text: pick(m, lang) }))),
    ));
    if (area.status !== "compliant" && area.advice.length) {
      parts.push(h("div", { class: "advice", role: "note" },
        h("h4", { text: t("adviceTitle") }),
        h("ul", {}, area.advice.map((m) => h("li", { dataset: { code: m.code }, text: pick(m, lang) }))),
      ));
    }
    if (!isReadOnly()) {
      const next = nextAreaId(area.area);
      if (next) {
        const nextArea = state.audit.areas.find((a) => a.area === next);
        parts.push(h("button", {
          type: "button",
          class: "btn btn-wide next-area",
          onclick: () => focusArea(next),
          text: t("nextArea", { area: areaName(nextArea) }),
        }));
      } else {
        parts.push(h("p", { class: "note", text: t("allPhotographed") }),
          h("button", { type: "button", class: "btn btn-wide", onclick: () => focusSummary(), text: t("toSummary") }));
      }
    }
  }
  return parts;
}

/** Show the service's evidence image of a photo (faces blurred, boxes drawn). */
export async function showEvidence(areaId, shown) {
  const blob = await guarded(() => api.blob(shown.photo.evidence_url));
  if (blob) {
    shown.url = objectUrl(blob);
    shown.drawn = true;
  } else if (!shown.url) {
    shown.failed = true; // nothing to show: the placeholder says so
  }
  if (areaState(areaId).photos.includes(shown)) updateArea(areaId);
}

/** A picture the browser cannot decode: the evidence image instead, else a placeholder. */
function imageFailed(areaId, shown) {
  const local = !shown.drawn;
  shown.url = null;
  shown.drawn = true;
  shown.failed = !local;
  updateArea(areaId);
  if (local) void showEvidence(areaId, shown);
}

function focusArea(areaId) {
  const card = document.getElementById(`area-${areaId}`);
  if (!card) return;
  card.scrollIntoView({ behavior: "smooth", block: "start" });
  card.querySelector("h3").focus({ preventScroll: true });
}

function focusSummary() {
  const title = document.getElementById("summary-title");
  if (!title) return;
  title.scrollIntoView({ behavior: "smooth", block: "start" });
  title.focus({ preventScroll: true });
}
