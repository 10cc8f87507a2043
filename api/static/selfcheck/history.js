// The facility's self-checks, newest first: loaded after sign-in, a start and a submit, and
// listed at the foot of the page to open one.

import { h, replace } from "./dom.js";
import { guarded } from "./feedback.js";
import { formatDate } from "./i18n.js";
import { api, state } from "./state.js";

const HISTORY_LIMIT = 20;

export async function loadHistory() {
  const page = await guarded(() =>
    api.get(`/api/v1/facilities/${state.facility.id}/audits?kind=self_check&limit=${HISTORY_LIMIT}`),
  );
  if (page) state.history = page.items;
}

/**
 * Draw the list of self-checks.
 * @param {function(number): Promise<void>} openAudit Opens a self-check of the list (app.js).
 */
export function renderHistory(openAudit) {
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
