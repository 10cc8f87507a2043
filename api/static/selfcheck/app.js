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
            onclick: () => confirmSignOut(),
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

/** Sign out from the button: photos still waiting to be sent are deleted only when confirmed. */
async function confirmSignOut() {
  const count = await state.store.photoCount();
  if (count > 0 && !window.confirm(state.t("signOutPending", { count }))) return;
  await signOut("", { keepPending: false });
}

/**
 * Leave the facility's session.
 * @param {string} message Shown on the sign-in page.
 * @param {{keepPending?: boolean}} [options] `keepPending` keeps photos waiting to be sent on
 *   the device (an ended session: they go out after the next sign-in to their self-check);
 *   a sign-out from the button deletes them (a shared phone).
 */
async function signOut(message = "", { keepPending = true } = {}) {
  for (const area of Object.values(state.areas)) clearTimers(area);
  for (const url of state.urls) URL.revokeObjectURL(url);
  state.urls.clear();
  if (!keepPending) await state.store.clear();
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
      message: "", // why the first waiting upload is kept (phase error) or waits (phase waiting)
      reason: "", // the server's words for a retry later
      notes: [], // why photos of the last pick were refused (they are gone)
      queue: [], // uploads still to send, oldest first (the first is being sent or waits)
      sending: false,
      preparing: 0, // photos being prepared (not yet in the queue)
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

/** Photos of the self-check shown that are not sent yet (being prepared, sent or waiting). */
function unsentCount() {
  let count = 0;
  for (const area of Object.values(state.areas)) {
    count += area.preparing + area.queue.reduce((sum, item) => sum + item.files.length, 0);
  }
  return count;
}

/** Finishing is offered only when every photo is sent (or discarded), and says why not. */
function updateSubmit() {
  const button = document.getElementById("submit-check");
  const reason = document.getElementById("submit-waiting");
  if (!button || !reason) return;
  const count = unsentCount();
  button.disabled = count > 0;
  reason.textContent = count ? state.t("submitWaiting", { count }) : "";
}

async function submitCheck() {
  const { t } = state;
  const status = document.getElementById("summary-status");
  // Also the photos of this self-check kept on the device and not restored yet.
  const kept = (await state.store.list(state.audit.id)).reduce((sum, item) => sum + item.files.length, 0);
  const count = Math.max(unsentCount(), kept);
  if (count) {
    status.textContent = t("submitWaiting", { count });
    return;
  }
  if (!window.confirm(t("submitConfirm"))) return;
  const audit = await guarded(() => api.post(`/api/v1/audits/${state.audit.id}/submit`), status);
  if (!audit) return;
  state.currentId = null;
  await loadHistory();
  state.audit = audit;
  renderMain();
  announce(t("submitted"));
  document.getElementById("summary-status").textContent = t("submitted");
}

// ---------------------------------------------------------------- photos: shrink, keep, send

const MAX_FILES_PER_REQUEST = 10; // the service's max_files_per_request (api/settings.py)

// Refusals after which sending the same photo again cannot succeed; the service says why.
const REFUSED = new Set([
  "unsupported_image",
  "corrupt_image",
  "empty_file",
  "image_too_large",
  "image_too_small",
  "file_too_large",
  "invalid_filename",
  "audit_not_draft",
]);

function newId() {
  return `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** A file name not yet in `taken` (the service names a refused photo by its file name). */
function uniqueName(name, taken) {
  let unique = name;
  for (let n = 2; taken.has(unique); n += 1) unique = name.replace(/(\.[^.]*)?$/, `-${n}$1`);
  taken.add(unique);
  return unique;
}

async function onFiles(areaId, files) {
  if (!files.length || !state.audit || state.audit.status !== "draft") return;
  const auditId = state.audit.id;
  const area = areaState(areaId);
  area.notes = [];
  area.preparing += files.length;
  if (!area.sending) setPhase(areaId, "preparing");
  else updateStatus(areaId, true);
  updateSubmit();
  const prepared = [];
  const names = new Set();
  let originalBytes = 0;
  for (const file of files) {
    originalBytes += file.size;
    const result = await shrinkPhoto(file).catch(() => ({ blob: file, shrunk: false, displayable: true }));
    const base = file.name || "photo";
    const name = result.shrunk ? `${base.replace(/\.[^.]*$/, "")}.jpg` : base;
    prepared.push({ blob: result.blob, name: uniqueName(name, names), displayable: result.displayable });
  }
  const sentBytes = prepared.reduce((sum, f) => sum + f.blob.size, 0);
  area.sizes = { kb: Math.round(sentBytes / 1024), original: Math.round(originalBytes / 1024) };
  // The service takes at most MAX_FILES_PER_REQUEST photos a request: a bigger pick goes in parts.
  for (let i = 0; i < prepared.length; i += MAX_FILES_PER_REQUEST) {
    const item = { id: newId(), auditId, area: areaId, files: prepared.slice(i, i + MAX_FILES_PER_REQUEST), createdAt: Date.now() };
    area.queue.push(item);
    await state.store.put(item);
  }
  area.preparing -= files.length;
  area.attempt = 0;
  if (state.areas[areaId] !== area) return; // another self-check was opened: sent when this one is
  updateStatus(areaId, true);
  await send(areaId);
}

/** Send the area's uploads one after the other, until none is left or one has to wait. */
async function send(areaId) {
  const area = areaState(areaId);
  const item = area.queue[0];
  if (!item || area.sending) return;
  area.sending = true;
  clearTimers(area);
  area.percent = 0;
  area.message = "";
  setPhase(areaId, "uploading");
  let answer = null;
  let failure = null;
  try {
    answer = await api.upload(
      `/api/v1/audits/${item.auditId}/areas/${encodeURIComponent(areaId)}/photos`,
      item.files,
      {
        onProgress: (fraction) => {
          area.percent = Math.round(fraction * 100);
          if (state.areas[areaId] === area) updateStatus(areaId);
        },
        onSent: () => state.areas[areaId] === area && setPhase(areaId, "checking"),
      },
    );
  } catch (error) {
    failure = error;
  }
  area.sending = false;
  if (answer) await state.store.delete(item.id);
  if (state.areas[areaId] !== area || area.queue[0] !== item) return; // signed out or another check opened
  if (answer) await sent(areaId, item, answer);
  else if (!(await failed(areaId, item, failure))) return; // it waits for a retry or the person
  await send(areaId); // the next upload, if any
}

async function sent(areaId, item, answer) {
  const area = areaState(areaId);
  area.queue.shift();
  area.attempt = 0;
  area.photos = answer.photos.map((photo, i) => shownPhoto(areaId, photo, item.files[i]));
  replaceArea(answer.area);
  setPhase(areaId, "done");
  updateArea(areaId, true);
  updateProgress();
  await refreshAudit();
}

/** The local photo when this browser can show it, else the service's evidence image. */
function shownPhoto(areaId, photo, file) {
  if (file && file.displayable !== false) return { photo, url: objectUrl(file.blob), drawn: false };
  const shown = { photo, url: null, drawn: true };
  void showEvidence(areaId, shown);
  return shown;
}

/** Handle a failed upload; return whether to go on with the next one. */
async function failed(areaId, item, error) {
  const { t } = state;
  const area = areaState(areaId);
  if (!(error instanceof ApiError)) {
    hold(areaId, t("photoKept", { message: `${error.message || error}.` }));
    return false;
  }
  if (error.status === 401) {
    await signOut(t("sessionEnded"));
    return false;
  }
  if (error.transient) {
    scheduleRetry(areaId, error);
    return false;
  }
  if (item.files.length > 1 && (error.status === 413 || REFUSED.has(error.code))) {
    await splitUpload(area, item, error);
    return true;
  }
  if (REFUSED.has(error.code)) {
    await forget(area, item);
    addNote(area, error, null);
    setPhase(areaId, "error");
    return true;
  }
  hold(areaId, t("photoKept", { message: rejectionText(error).replace(/\.?$/, ".") }));
  return false;
}

/**
 * One refused photo, or a request too large for a proxy, must not cost the other photos sent
 * with it: drop the photo the service names and send the others again, else send in halves.
 */
async function splitUpload(area, item, error) {
  const bad = item.files.findIndex((file) => file.name === (error.details && error.details.filename));
  let parts;
  if (REFUSED.has(error.code) && bad >= 0) {
    addNote(area, error, item.files[bad].name);
    parts = [item.files.filter((_, i) => i !== bad)];
  } else {
    const half = Math.ceil(item.files.length / 2);
    parts = [item.files.slice(0, half), item.files.slice(half)];
  }
  const items = parts.map((files) => ({ ...item, id: newId(), files }));
  for (const part of items) await state.store.put(part);
  await state.store.delete(item.id);
  area.queue.splice(area.queue.indexOf(item), 1, ...items);
}

function addNote(area, error, name) {
  const { t } = state;
  const message = rejectionText(error);
  const text = error.code === "audit_not_draft"
    ? t("auditClosed")
    : name ? t("photoRejectedNamed", { name, message }) : t("photoRejected", { message });
  if (!area.notes.includes(text)) area.notes.push(text);
}

/** Keep the first waiting upload and say why it was not sent; the person retries or discards. */
function hold(areaId, message) {
  areaState(areaId).message = message;
  setPhase(areaId, "error");
}

async function forget(area, item) {
  await state.store.delete(item.id);
  const index = area.queue.indexOf(item);
  if (index >= 0) area.queue.splice(index, 1);
}

/** The page's own words for a refused photo, else the API's message. */
function rejectionText(error) {
  const key = `error_${error.code}`;
  const text = state.t(key);
  return text === key ? error.message : text;
}

function scheduleRetry(areaId, error) {
  const { t } = state;
  const area = areaState(areaId);
  const backoff = RETRY_DELAYS[Math.min(area.attempt, RETRY_DELAYS.length - 1)];
  const delay = Math.max(1, error.retryAfter ?? backoff);
  area.attempt += 1;
  if (error.status === 0) area.message = t("phaseWaiting");
  else if (error.status === 503 || error.status === 429) area.message = t("phaseBusy");
  else area.message = t("phaseTrouble");
  area.reason = error.status === 0 ? "" : error.message;
  area.retryAt = Date.now() + delay * 1000;
  setPhase(areaId, "waiting");
  area.timer = window.setTimeout(() => send(areaId), delay * 1000);
  area.ticker = window.setInterval(() => updateCountdown(areaId), 1000);
}

function retryAllWaiting() {
  for (const [areaId, area] of Object.entries(state.areas)) {
    if (area.phase === "waiting") send(areaId);
  }
}

/** Drop the first waiting upload (the one whose reason is shown), then send the next. */
async function discard(areaId) {
  const area = areaState(areaId);
  if (area.sending || !area.queue.length) return;
  clearTimers(area);
  await forget(area, area.queue[0]);
  area.message = "";
  setPhase(areaId, area.photos.length ? "done" : "idle");
  await send(areaId);
}

async function restorePending(auditId) {
  const items = await state.store.list(auditId);
  if (!items.length) return;
  announce(state.t("pendingRestored"));
  for (const item of items) {
    const area = areaState(item.area);
    if (!area.queue.some((queued) => queued.id === item.id)) area.queue.push(item);
  }
  updateSubmit();
  for (const areaId of new Set(items.map((item) => item.area))) await send(areaId);
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
  updateSubmit();
}

function updateStatus(areaId, phaseChanged = false) {
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
async function showEvidence(areaId, shown) {
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
        ? h("button", {
            type: "button",
            id: "submit-check",
            class: "btn btn-primary",
            "aria-describedby": "submit-waiting",
            onclick: () => submitCheck(),
            text: t("submit"),
          })
        : null,
    ),
    audit.status === "draft" ? h("p", { id: "submit-waiting", class: "warning" }) : null,
    h("p", { id: "summary-status", class: "muted", role: "status" }),
  );
  updateSubmit();
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
