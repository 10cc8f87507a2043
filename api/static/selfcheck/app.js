// The facility self-check page: sign in with the facility token, photograph the five areas,
// see what was found and the verdict on each photo, save or share the summary, see the history.
//
// This module is the controller: start, language, sign-in and sign-out, opening and starting a
// self-check, and the main view. The parts of the page are in their own modules: the area
// cards (areas.js), the photos' uploads (uploads.js), the summary and submit (summary-section.js)
// and the history (history.js); the state they share is in state.js.

import { ApiError } from "./api.js";
import { areaSection, updateArea, updateProgress } from "./areas.js";
import { append, h, replace } from "./dom.js";
import { errorText, guarded } from "./feedback.js";
import { loadHistory, renderHistory } from "./history.js";
import { DEFAULT_LANGUAGE, LANGUAGES, formatDate, translator } from "./i18n.js";
import { openPendingStore } from "./pending.js";
import { api, areaState, clearTimers, hooks, isReadOnly, objectUrl, state } from "./state.js";
import { renderSummary } from "./summary-section.js";
import { discard, onFiles, restorePending, retryAllWaiting, send } from "./uploads.js";

const TOKEN_KEY = "janjicheck.token";
const LANG_KEY = "janjicheck.lang";

const app = document.getElementById("app");

// The other modules call these back (they cannot import this module, which imports them).
hooks.signOut = signOut;
hooks.renderMain = renderMain;

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

// ---------------------------------------------------------------- opening and starting a self-check

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

// ---------------------------------------------------------------- the main view

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
    state.audit ? areaSection({ onFiles, send, discard }) : null,
    state.audit ? h("section", { id: "summary", class: "card", "aria-labelledby": "summary-title" }) : null,
    h("section", { id: "history", class: "card", "aria-labelledby": "history-title" }),
  );
  replace(app, topBar(), main);
  if (state.audit) {
    for (const area of state.audit.areas) updateArea(area.area);
    updateProgress();
    renderSummary();
  }
  renderHistory(openAudit);
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

boot();
