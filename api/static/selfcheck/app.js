// The facility self-check page: sign in with the facility token, photograph the five areas,
// see what was found and the verdict on each photo, save or share the summary, see the history.

import { ApiError, createClient } from "./api.js";
import { append, h, replace } from "./dom.js";
import { DEFAULT_LANGUAGE, LANGUAGES, formatDate, pick, translator } from "./i18n.js";
import { openPendingStore } from "./pending.js";
import { findingsList, photoFigure, qualityNotes } from "./results.js";
import { shrinkPhoto } from "./shrink.js";
import { summaryImage } from "./summary.js";

const TOKEN_KEY = "janjicheck.token";
const LANG_KEY = "janjicheck.lang";
const RETRY_DELAYS = [2, 4, 8, 16, 30, 60]; // seconds between automatic retries
const HISTORY_LIMIT = 20;

const state = {
  lang: DEFAULT_LANGUAGE,
  t: translator(DEFAULT_LANGUAGE),
  token: null,
  me: null,
  facility: null,
  history: [],
  currentId: null, // the self-check in progress (draft), if any
  audit: null, // the self-check shown
  areas: {}, // area id -> per-area page state (see areaState)
  urls: new Set(), // object URLs to revoke at sign-out
  store: null,
};

const api = createClient(() => state.token);
const app = document.getElementById("app");
const announcer = document.getElementById("announcer");

// ---------------------------------------------------------------- start, language, sign-in

async function boot() {
  const saved = localStorage.getItem(LANG_KEY);
  setLanguage(LANGUAGES.includes(saved) ? saved : DEFAULT_LANGUAGE);
  state.store = await openPendingStore();
  window.addEventListener("online", () => retryAllWaiting());
  const token = localStorage.getItem(TOKEN_KEY) || sessionStorage.getItem(TOKEN_KEY);
  if (token) {
    await signIn(token, localStorage.getItem(TOKEN_KEY) !== null, true);
  } else {
    renderSignIn();
  }
}

function setLanguage(lang) {
  state.lang = lang;
  state.t = translator(lang);
  document.documentElement.lang = lang;
  document.title = state.t("pageTitle");
  localStorage.setItem(LANG_KEY, lang);
}

function toggleLanguage() {
  setLanguage(state.lang === "id" ? "en" : "id");
  if (state.facility) renderMain();
  else renderSignIn();
  document.getElementById("lang-switch")?.focus();
}

function announce(text) {
  announcer.textContent = "";
  window.setTimeout(() => {
    announcer.textContent = text;
  }, 50);
}

function topBar() {
  const { t } = state;
  return h("header", { class: "topbar" },
    h("span", { class: "brand", text: t("appName") }),
    h("div", { class: "topbar-actions" },
      h("button", {
        type: "button",
        id: "lang-switch",
        class: "btn btn-quiet",
        lang: state.lang === "id" ? "en" : "id",
        "aria-label": t("switchToLabel"),
        onclick: toggleLanguage,
        text: t("switchTo"),
      }),
      state.facility
        ? h("button", {
            type: "button",
            id: "sign-out",
            class: "btn btn-quiet",
            onclick: () => signOut(),
            text: t("signOut"),
          })
        : null,
    ),
  );
}

function renderSignIn(message = "") {
  const { t } = state;
  const error = h("p", { id: "signin-error", class: "error", role: "alert" }, message);
  const form = h("form", { id: "signin-form", class: "card", novalidate: true },
    h("label", { for: "token", text: t("tokenLabel") }),
    h("input", {
      id: "token",
      name: "token",
      type: "password",
      autocomplete: "current-password",
      autocapitalize: "off",
      spellcheck: "false",
      required: true,
      "aria-describedby": "token-hint signin-error",
    }),
    h("p", { id: "token-hint", class: "hint", text: t("tokenHint") }),
    h("label", { class: "check" },
      h("input", { id: "remember", type: "checkbox", checked: true }),
      h("span", { text: t("remember") })),
    h("button", { type: "submit", id: "signin-button", class: "btn btn-primary btn-wide", text: t("signIn") }),
    error,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const token = form.token.value.trim();
    if (!token) {
      error.textContent = t("tokenMissing");
      form.token.focus();
      return;
    }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    button.textContent = t("signingIn");
    await signIn(token, form.remember.checked, false);
  });
  replace(app, topBar(), h("main", { id: "main", class: "content" },
    h("h1", { text: t("signInTitle") }),
    h("p", { class: "lead", text: t("signInIntro") }),
    form,
  ));
  if (message) form.token.focus();
}

async function signIn(token, remember, silent) {
  const { t } = state;
  state.token = token;
  try {
    const me = await api.get("/api/v1/me");
    if (me.role !== "facility" || me.facility_id === null) {
      state.token = null;
      renderSignIn(t("tokenNotFacility"));
      return;
    }
    const facility = await api.get(`/api/v1/facilities/${me.facility_id}`);
    state.me = me;
    state.facility = facility;
  } catch (error) {
    state.token = null;
    if (error instanceof ApiError && error.status === 401) {
      forgetToken();
      renderSignIn(silent ? t("sessionEnded") : t("tokenInvalid"));
    } else {
      renderSignIn(errorText(error));
    }
    return;
  }
  forgetToken();
  (remember ? localStorage : sessionStorage).setItem(TOKEN_KEY, token);
  await loadHistory();
  const draft = state.history.find((item) => item.status === "draft");
  state.currentId = draft ? draft.id : null;
  if (state.currentId) await openAudit(state.currentId);
  else renderMain();
  document.getElementById("page-title")?.focus();
}

function forgetToken() {
  localStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(TOKEN_KEY);
}

async function signOut(message = "") {
  for (const area of Object.values(state.areas)) clearTimers(area);
  for (const url of state.urls) URL.revokeObjectURL(url);
  state.urls.clear();
  await state.store.clear();
  forgetToken();
  Object.assign(state, { token: null, me: null, facility: null, history: [], currentId: null, audit: null, areas: {} });
  renderSignIn(message);
}

function errorText(error) {
  const { t } = state;
  if (error instanceof ApiError && error.status === 0) return t("networkError");
  return t("serverError", { message: error.message || String(error) });
}

/** Run an API call; a 401 signs out, anything else is shown in `where` (or announced). */
async function guarded(work, where = null) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      await signOut(state.t("sessionEnded"));
      return undefined;
    }
    if (where) where.textContent = errorText(error);
    else announce(errorText(error));
    return undefined;
  }
}

// ---------------------------------------------------------------- audits and history

async function loadHistory() {
  const page = await guarded(() =>
    api.get(`/api/v1/facilities/${state.facility.id}/audits?kind=self_check&limit=${HISTORY_LIMIT}`),
  );
  if (page) state.history = page.items;
}

function areaState(areaId) {
  if (!state.areas[areaId]) {
    state.areas[areaId] = {
      phase: "idle", // idle | preparing | uploading | checking | waiting | error | done
      percent: 0,
      message: "",
      pending: null,
      attempt: 0,
      retryAt: 0,
      timer: null,
      ticker: null,
      photos: [], // newest upload first: {photo, url, drawn}
      sizes: null,
    };
  }
  return state.areas[areaId];
}

function clearTimers(area) {
  window.clearTimeout(area.timer);
  window.clearInterval(area.ticker);
  area.timer = null;
  area.ticker = null;
}

async function openAudit(auditId) {
  const audit = await guarded(() => api.get(`/api/v1/audits/${auditId}`));
  if (!audit) return;
  for (const area of Object.values(state.areas)) clearTimers(area);
  state.areas = {};
  state.audit = audit;
  renderMain();
  await Promise.all(audit.areas.map((area) => loadLatestPhoto(area)));
  if (audit.status === "draft") void restorePending(audit.id); // sends in the background
}

async function refreshAudit() {
  const audit = await guarded(() => api.get(`/api/v1/audits/${state.audit.id}`));
  if (audit && state.audit && audit.id === state.audit.id) {
    state.audit = audit;
    updateProgress();
    renderSummary();
  }
}

async function loadLatestPhoto(area) {
  if (!area.photo_ids.length) return;
  const ui = areaState(area.area);
  if (ui.photos.length) return;
  const photoId = Math.max(...area.photo_ids);
  const photo = await guarded(() => api.get(`/api/v1/photos/${photoId}`));
  if (!photo) return;
  const blob = await guarded(() => api.blob(photo.evidence_url));
  if (!blob || ui.photos.length) return;
  ui.photos = [{ photo, url: objectUrl(blob), drawn: true }];
  updateArea(area.area);
}

function objectUrl(blob) {
  const url = URL.createObjectURL(blob);
  state.urls.add(url);
  return url;
}

async function startCheck(button) {
  const { t } = state;
  button.disabled = true;
  button.textContent = t("checkStarting");
  const today = new Date();
  const visitDate = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
  const audit = await guarded(
    () => api.post(`/api/v1/facilities/${state.facility.id}/audits`, { visit_date: visitDate, kind: "self_check" }),
    document.getElementById("check-error"),
  );
  if (!audit) {
    button.disabled = false;
    button.textContent = t("checkStart");
    return;
  }
  state.currentId = audit.id;
  await loadHistory();
  await openAudit(audit.id);
  document.getElementById("check-title")?.focus();
}

async function submitCheck() {
  const { t } = state;
  if (!window.confirm(t("submitConfirm"))) return;
  const audit = await guarded(
    () => api.post(`/api/v1/audits/${state.audit.id}/submit`),
    document.getElementById("summary-status"),
  );
  if (!audit) return;
  state.currentId = null;
  await loadHistory();
  state.audit = audit;
  renderMain();
  announce(t("submitted"));
  document.getElementById("summary-status").textContent = t("submitted");
}

// ---------------------------------------------------------------- photos: shrink, keep, send

async function onFiles(areaId, files) {
  if (!files.length || !state.audit || state.audit.status !== "draft") return;
  const area = areaState(areaId);
  clearTimers(area);
  if (area.pending) await state.store.delete(area.pending.id); // a retake replaces a waiting photo
  area.pending = null;
  setPhase(areaId, "preparing");
  const shrunk = [];
  let originalBytes = 0;
  for (const file of files) {
    originalBytes += file.size;
    const result = await shrinkPhoto(file);
    const name = (file.name || "photo").replace(/\.[^.]*$/, "") + (result.shrunk ? ".jpg" : "");
    shrunk.push({ blob: result.blob, name: result.shrunk ? name : file.name || "photo" });
  }
  const sentBytes = shrunk.reduce((sum, f) => sum + f.blob.size, 0);
  area.sizes = { kb: Math.round(sentBytes / 1024), original: Math.round(originalBytes / 1024) };
  area.pending = {
    id: `${Date.now()}-${Math.random().toString(36).slice(2)}`,
    auditId: state.audit.id,
    area: areaId,
    files: shrunk,
    createdAt: Date.now(),
  };
  area.attempt = 0;
  await state.store.put(area.pending);
  await send(areaId);
}

async function send(areaId) {
  const area = areaState(areaId);
  const pending = area.pending;
  if (!pending || area.phase === "uploading" || area.phase === "checking") return;
  clearTimers(area);
  area.percent = 0;
  setPhase(areaId, "uploading");
  try {
    const answer = await api.upload(
      `/api/v1/audits/${pending.auditId}/areas/${encodeURIComponent(areaId)}/photos`,
      pending.files,
      {
        onProgress: (fraction) => {
          area.percent = Math.round(fraction * 100);
          updateStatus(areaId);
        },
        onSent: () => setPhase(areaId, "checking"),
      },
    );
    await state.store.delete(pending.id);
    if (area.pending !== pending) return;
    area.pending = null;
    area.attempt = 0;
    const shown = answer.photos.map((photo, i) => ({
      photo,
      url: objectUrl(pending.files[i] ? pending.files[i].blob : new Blob()),
      drawn: !pending.files[i],
    }));
    area.photos = shown;
    replaceArea(answer.area);
    setPhase(areaId, "done");
    updateArea(areaId, true);
    updateProgress();
    await refreshAudit();
  } catch (error) {
    if (area.pending !== pending) return;
    if (!(error instanceof ApiError)) {
      area.message = errorText(error);
      setPhase(areaId, "error");
      return;
    }
    if (error.status === 401) {
      await signOut(state.t("sessionEnded"));
    } else if (error.transient) {
      scheduleRetry(areaId, error);
    } else {
      await state.store.delete(pending.id);
      area.pending = null;
      area.message =
        error.code === "audit_not_draft" || error.status === 409
          ? state.t("auditClosed")
          : state.t("photoRejected", { message: rejectionText(error) });
      setPhase(areaId, "error");
    }
  }
}

/** The page's own words for a refused photo, else the API's message. */
function rejectionText(error) {
  const key = `error_${error.code}`;
  const text = state.t(key);
  return text === key ? error.message : text;
}

function scheduleRetry(areaId, error) {
  const area = areaState(areaId);
  const delay = error.retryAfter || RETRY_DELAYS[Math.min(area.attempt, RETRY_DELAYS.length - 1)];
  area.attempt += 1;
  area.busy = error.status === 503;
  area.retryAt = Date.now() + delay * 1000;
  setPhase(areaId, "waiting");
  area.timer = window.setTimeout(() => send(areaId), delay * 1000);
  area.ticker = window.setInterval(() => updateCountdown(areaId), 1000);
}

function retryAllWaiting() {
  for (const [areaId, area] of Object.entries(state.areas)) {
    if (area.phase === "waiting" && area.pending) send(areaId);
  }
}

async function discard(areaId) {
  const area = areaState(areaId);
  clearTimers(area);
  if (area.pending) await state.store.delete(area.pending.id);
  area.pending = null;
  area.message = "";
  setPhase(areaId, area.photos.length ? "done" : "idle");
}

async function restorePending(auditId) {
  const items = await state.store.list(auditId);
  if (!items.length) return;
  announce(state.t("pendingRestored"));
  for (const item of items) {
    const area = areaState(item.area);
    if (area.pending) continue;
    area.pending = item;
    await send(item.area);
  }
}

function replaceArea(areaOut) {
  const index = state.audit.areas.findIndex((a) => a.area === areaOut.area);
  if (index >= 0) state.audit.areas[index] = areaOut;
}

// ---------------------------------------------------------------- rendering the main view

function areaName(area) {
  return state.lang === "en" ? area.name_en : area.name_id;
}

function shownStatus(area) {
  return area.photo_count ? area.status : "none";
}

function verdictText(status) {
  return status === "none" ? state.t("verdictNone") : state.t(`verdict_${status}`);
}

function isReadOnly() {
  return !state.audit || state.audit.status !== "draft";
}

function renderMain() {
  const { t, facility } = state;
  const level = facility.level === "FKTP" ? t("levelFKTP") : t("levelFKRTL");
  const main = h("main", { id: "main", class: "content" },
    h("h1", { id: "page-title", tabindex: "-1", text: t("pageTitle") }),
    h("section", { class: "card facility", "aria-labelledby": "facility-name" },
      h("p", { class: "eyebrow", text: t("facilityLabel") }),
      h("h2", { id: "facility-name", text: facility.name }),
      h("p", { class: "muted", text: `${facility.code} · ${level} · ${facility.region}` }),
    ),
    checkSection(),
    state.audit ? areaSection() : null,
    state.audit ? h("section", { id: "summary", class: "card", "aria-labelledby": "summary-title" }) : null,
    h("section", { id: "history", class: "card", "aria-labelledby": "history-title" }),
  );
  replace(app, topBar(), main);
  if (state.audit) {
    for (const area of state.audit.areas) updateArea(area.area);
    updateProgress();
    renderSummary();
  }
  renderHistory();
}

function checkSection() {
  const { t, audit } = state;
  const section = h("section", { id: "check", class: "card", "aria-labelledby": "check-title" });
  if (!audit) {
    append(section, [
      h("h2", { id: "check-title", tabindex: "-1", text: t("checkTitle") }),
      h("p", { text: t("checkNone") }),
      h("button", {
        type: "button",
        id: "start-check",
        class: "btn btn-primary btn-wide",
        onclick: (event) => startCheck(event.currentTarget),
        text: t("checkStart"),
      }),
      h("p", { id: "check-error", class: "error", role: "alert" }),
    ]);
    return section;
  }
  const status = t(`status${audit.status[0].toUpperCase()}${audit.status.slice(1)}`);
  append(section, [
    h("h2", { id: "check-title", tabindex: "-1", text: t("checkOf", { date: formatDate(audit.visit_date, state.lang) }) }),
    h("p", { class: "muted" }, h("span", { class: `pill pill-${audit.status}`, text: status })),
    h("div", { class: "progress-block" },
      h("progress", { id: "progress-bar", max: audit.areas.length, value: 0, "aria-labelledby": "progress-text" }),
      h("p", { id: "progress-text", class: "progress-text", "aria-live": "polite" }),
      h("p", { id: "progress-compliant", class: "muted" }),
    ),
    isReadOnly() ? h("p", { class: "note", text: t("readOnly") }) : null,
    isReadOnly() && state.currentId && state.currentId !== audit.id
      ? h("button", {
          type: "button",
          class: "btn",
          onclick: () => openAudit(state.currentId),
          text: t("backToCurrent"),
        })
      : null,
    isReadOnly() && !state.currentId
      ? h("button", {
          type: "button",
          id: "start-check",
          class: "btn btn-primary btn-wide",
          onclick: (event) => startCheck(event.currentTarget),
          text: t("newCheck"),
        })
      : null,
    h("p", { id: "check-error", class: "error", role: "alert" }),
  ]);
  return section;
}

function updateProgress() {
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

function areaSection() {
  const { t } = state;
  return h("section", { id: "areas", "aria-labelledby": "areas-title" },
    h("h2", { id: "areas-title", text: t("checklistTitle") }),
    h("p", { class: "muted", text: t("checklistIntro") }),
    h("ol", { class: "areas" }, state.audit.areas.map((area, index) => areaCard(area, index))),
  );
}

function countsText(area) {
  const { t } = state;
  const names = area.allowed_media.map((m) => t(`media${m[0].toUpperCase()}${m.slice(1)}`));
  const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} ${t("or")} ${names[names.length - 1]}` : names.join("");
  const spanduk = area.allowed_media.includes("spanduk") ? t("spandukHereOnly") : t("spandukNotHere");
  return `${t("countsPrefix")}${list}. ${spanduk}`;
}

function areaCard(area, index) {
  const { t } = state;
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

function setPhase(areaId, phase) {
  const area = areaState(areaId);
  area.phase = phase;
  const card = document.getElementById(`area-${areaId}`);
  if (card) card.dataset.phase = phase;
  updateStatus(areaId, true);
}

function updateStatus(areaId, phaseChanged = false) {
  const { t } = state;
  const area = areaState(areaId);
  const card = document.getElementById(`area-${areaId}`);
  if (!card) return;
  const status = card.querySelector("[data-role=status]");
  const actions = card.querySelector(".pending-actions");
  actions.hidden = !(area.pending && (area.phase === "waiting" || area.phase === "error"));
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
  switch (area.phase) {
    case "preparing":
      replace(status, h("p", { class: "working" }, spinner(), t("phasePreparing")));
      break;
    case "uploading":
      replace(status,
        h("p", { class: "working" }, spinner(), t("phaseUploading"), " ", h("span", { class: "percent", text: `${area.percent}%` })),
        h("progress", { max: 100, value: area.percent, "aria-label": t("phaseUploading") }));
      break;
    case "checking":
      replace(status, h("p", { class: "working" }, spinner(), t("phaseChecking")),
        h("progress", { "aria-label": t("phaseChecking") }));
      break;
    case "waiting":
      replace(status,
        h("p", { class: "warning" }, area.busy ? t("phaseBusy") : t("phaseWaiting")),
        h("p", { class: "countdown muted", "aria-live": "off" }));
      updateCountdown(areaId);
      break;
    case "error":
      replace(status, h("p", { class: "error", text: area.message }));
      break;
    case "done":
      replace(status,
        h("p", { class: "done" }, t("phaseDone", { verdict: verdictText(areaOut ? shownStatus(areaOut) : "none") })),
        area.sizes ? h("p", { class: "muted small", text: t("photoSizes", area.sizes) }) : null);
      break;
    default:
      status.replaceChildren();
  }
}

function updateCountdown(areaId) {
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

function updateArea(areaId, fresh = false) {
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
    parts.push(photoFigure(shown.photo, { url: shown.url, drawn: shown.drawn, alt }));
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

async function showEvidence(areaId, shown) {
  const blob = await guarded(() => api.blob(shown.photo.evidence_url));
  if (!blob) return;
  shown.url = objectUrl(blob);
  shown.drawn = true;
  updateArea(areaId);
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

// ---------------------------------------------------------------- summary and history

function renderSummary() {
  const { t, lang, audit } = state;
  const section = document.getElementById("summary");
  if (!section || !audit) return;
  const rows = audit.areas.map((area) => {
    const status = shownStatus(area);
    return h("tr", { dataset: { area: area.area, status } },
      h("th", { scope: "row", text: areaName(area) }),
      h("td", {}, h("span", { class: `verdict verdict-${status}`, text: verdictText(status) }),
        area.photo_count && area.reasons.length ? h("span", { class: "small muted block", text: pick(area.reasons[0], lang) }) : null),
    );
  });
  const total = audit.score && typeof audit.score.total === "number" ? audit.score.total : null;
  const canShare = typeof navigator.canShare === "function" && typeof navigator.share === "function";
  replace(section,
    h("h2", { id: "summary-title", tabindex: "-1", text: t("summaryTitle") }),
    h("p", { class: "muted", text: t("summaryIntro") }),
    h("table", { class: "summary-table" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col", text: t("summaryArea") }), h("th", { scope: "col", text: t("summaryVerdict") }))),
      h("tbody", {}, rows)),
    audit.status !== "draft" && total !== null ? h("p", { class: "score", text: t("scoreLabel", { score: total.toFixed(1) }) }) : null,
    h("div", { class: "summary-actions" },
      h("button", { type: "button", id: "save-image", class: "btn", onclick: () => saveSummaryImage(), text: t("saveImage") }),
      canShare ? h("button", { type: "button", id: "share", class: "btn", onclick: () => shareSummary(), text: t("share") }) : null,
      h("button", { type: "button", id: "print", class: "btn", onclick: () => window.print(), text: t("print") }),
      h("button", { type: "button", id: "report", class: "btn", onclick: () => downloadReport(), text: t("report") }),
      audit.status === "draft"
        ? h("button", { type: "button", id: "submit-check", class: "btn btn-primary", onclick: () => submitCheck(), text: t("submit") })
        : null,
    ),
    h("p", { id: "summary-status", class: "muted", role: "status" }),
  );
}

async function summaryBlob() {
  const { t, lang, audit, facility } = state;
  const done = audit.areas.filter((a) => a.photo_count > 0).length;
  const compliant = audit.areas.filter((a) => a.photo_count > 0 && a.status === "compliant").length;
  const rows = [];
  for (const area of audit.areas) {
    const status = shownStatus(area);
    const img = document.querySelector(`#area-${area.area} figure img`);
    let image = null;
    if (img) {
      try {
        await img.decode();
        image = img;
      } catch {
        image = null;
      }
    }
    rows.push({
      name: areaName(area),
      status,
      verdict: verdictText(status),
      detail: area.photo_count && area.reasons.length ? pick(area.reasons[0], lang) : "",
      image,
    });
  }
  const statusText = t(`status${audit.status[0].toUpperCase()}${audit.status.slice(1)}`);
  return summaryImage({
    title: t("imageTitle"),
    facility: facility.name,
    subtitle: `${facility.code} · ${t("checkOf", { date: formatDate(audit.visit_date, lang) })} · ${statusText}`,
    progress: `${t("progress", { done, total: audit.areas.length })} · ${t("progressCompliant", { count: compliant, total: audit.areas.length })}`,
    rows,
    footer: t("imageFooter", { date: new Date().toLocaleString(lang === "en" ? "en-GB" : "id-ID") }),
  });
}

function summaryFileName(extension) {
  return `janji-check-${state.facility.code}-${state.audit.visit_date}-${state.audit.id}.${extension}`;
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: name, class: "visually-hidden" });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function saveSummaryImage() {
  const blob = await summaryBlob();
  download(blob, summaryFileName("png"));
  document.getElementById("summary-status").textContent = state.t("savedImage");
}

async function shareSummary() {
  const blob = await summaryBlob();
  const file = new File([blob], summaryFileName("png"), { type: "image/png" });
  const data = { files: [file], title: state.t("imageTitle"), text: state.facility.name };
  try {
    if (navigator.canShare(data)) await navigator.share(data);
    else download(blob, file.name);
    document.getElementById("summary-status").textContent = state.t("shared");
  } catch {
    // the person closed the share sheet: nothing to do
  }
}

async function downloadReport() {
  const status = document.getElementById("summary-status");
  const blob = await guarded(() => api.blob(`/api/v1/audits/${state.audit.id}/report.html`), status);
  if (!blob) return;
  download(blob, summaryFileName("html"));
  status.textContent = state.t("reportSaved");
}

function renderHistory() {
  const { t, lang } = state;
  const section = document.getElementById("history");
  if (!section) return;
  const items = state.history.map((item) => {
    const shown = state.audit && state.audit.id === item.id;
    const date = formatDate(item.visit_date, lang);
    const status = t(`status${item.status[0].toUpperCase()}${item.status.slice(1)}`);
    return h("li", { class: "history-item", dataset: { auditId: item.id, status: item.status } },
      h("div", {},
        h("strong", { text: date }), " · ", h("span", { class: `pill pill-${item.status}`, text: status }),
        h("span", { class: "block muted", text: t("historyItem", { compliant: item.compliant_areas, total: item.areas }) }),
        item.score_total !== null && item.score_total !== undefined
          ? h("span", { class: "block muted", text: t("scoreLabel", { score: Number(item.score_total).toFixed(1) }) })
          : null,
      ),
      shown
        ? h("span", { class: "muted small", text: t("historyShowing") })
        : h("button", {
            type: "button",
            class: "btn",
            "aria-label": t("historyOpenLabel", { date }),
            onclick: () => openAudit(item.id),
            text: t("historyOpen"),
          }),
    );
  });
  replace(section,
    h("h2", { id: "history-title", text: t("historyTitle") }),
    items.length ? h("ul", { class: "history" }, items) : h("p", { class: "muted", text: t("historyEmpty") }),
  );
}

boot();
