// The summary section of the self-check shown: the verdict of each area, saving it as an image
// (drawn by summary.js), sharing, printing, the service's report, and submitting the self-check.

import { areaName, shownStatus, verdictText } from "./areas.js";
import { h, replace } from "./dom.js";
import { announce, guarded } from "./feedback.js";
import { loadHistory } from "./history.js";
import { formatDate, pick } from "./i18n.js";
import { api, hooks, state } from "./state.js";
import { summaryImage } from "./summary.js";

export function renderSummary() {
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

/** Photos of the self-check shown that are not sent yet (being prepared, sent or waiting). */
function unsentCount() {
  let count = 0;
  for (const area of Object.values(state.areas)) {
    count += area.preparing + area.queue.reduce((sum, item) => sum + item.files.length, 0);
  }
  return count;
}

/** Finishing is offered only when every photo is sent (or discarded), and says why not. */
export function updateSubmit() {
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
  hooks.renderMain();
  announce(t("submitted"));
  document.getElementById("summary-status").textContent = t("submitted");
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
