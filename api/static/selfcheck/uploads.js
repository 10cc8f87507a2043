// The photos of each area on their way to the service: prepared (shrunk) in the browser, kept
// on the device until sent (pending.js), sent one request after the other, retried after a
// countdown when the service is busy or unreachable, else kept for the person to retry or
// discard. The area cards show where they are (areas.js).

import { ApiError } from "./api.js";
import { showEvidence, updateArea, updateCountdown, updateProgress, updateStatus } from "./areas.js";
import { announce, guarded } from "./feedback.js";
import { shrinkPhoto } from "./shrink.js";
import { api, areaState, clearTimers, hooks, objectUrl, state } from "./state.js";
import { renderSummary, updateSubmit } from "./summary-section.js";

const RETRY_DELAYS = [2, 4, 8, 16, 30, 60]; // seconds between automatic retries
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

export async function onFiles(areaId, files) {
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

function setPhase(areaId, phase) {
  const area = areaState(areaId);
  area.phase = phase;
  const card = document.getElementById(`area-${areaId}`);
  if (card) card.dataset.phase = phase;
  updateStatus(areaId, true);
  updateSubmit();
}

/** Send the area's uploads one after the other, until none is left or one has to wait. */
export async function send(areaId) {
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

async function refreshAudit() {
  const audit = await guarded(() => api.get(`/api/v1/audits/${state.audit.id}`));
  if (audit && state.audit && audit.id === state.audit.id) {
    state.audit = audit;
    updateProgress();
    renderSummary();
  }
}

function replaceArea(areaOut) {
  const index = state.audit.areas.findIndex((a) => a.area === areaOut.area);
  if (index >= 0) state.audit.areas[index] = areaOut;
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
    await hooks.signOut(t("sessionEnded"));
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

export function retryAllWaiting() {
  for (const [areaId, area] of Object.entries(state.areas)) {
    if (area.phase === "waiting") send(areaId);
  }
}

/** Drop the first waiting upload (the one whose reason is shown), then send the next. */
export async function discard(areaId) {
  const area = areaState(areaId);
  if (area.sending || !area.queue.length) return;
  clearTimers(area);
  await forget(area, area.queue[0]);
  area.message = "";
  setPhase(areaId, area.photos.length ? "done" : "idle");
  await send(areaId);
}

export async function restorePending(auditId) {
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
