// The state of the page, shared by its modules; the client of the service's API (it sends the
// state's token); and the hooks by which the modules call the controller (app.js) back.

import { createClient } from "./api.js";
import { DEFAULT_LANGUAGE, translator } from "./i18n.js";

export const state = {
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

export const api = createClient(() => state.token);

/**
 * The controller's own steps that the other modules call back; app.js sets them at start. They
 * are kept here because app.js imports those modules: they need not import it back (no cycle).
 */
export const hooks = {
  /** @type {?function(string): Promise<void>} Sign out (a 401), the message for the sign-in page. */
  signOut: null,
  /** @type {?function(): void} Draw the main view again from the state (after a submit). */
  renderMain: null,
};

export function areaState(areaId) {
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

export function clearTimers(area) {
  window.clearTimeout(area.timer);
  window.clearInterval(area.ticker);
  area.timer = null;
  area.ticker = null;
}

export function objectUrl(blob) {
  const url = URL.createObjectURL(blob);
  state.urls.add(url);
  return url;
}

export function isReadOnly() {
  return !state.audit || state.audit.status !== "draft";
}
