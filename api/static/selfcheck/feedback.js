// What the page tells the person besides its views: announcements for screen readers, the
// words for a failed API call, and API calls guarded so that a failure is shown (or, for an
// ended session, signs out).

import { ApiError } from "./api.js";
import { hooks, state } from "./state.js";

const announcer = document.getElementById("announcer");

export function announce(text) {
  announcer.textContent = "";
  window.setTimeout(() => {
    announcer.textContent = text;
  }, 50);
}

export function errorText(error) {
  const { t } = state;
  if (error instanceof ApiError && error.status === 0) return t("networkError");
  return t("serverError", { message: error.message || String(error) });
}

/** Run an API call; a 401 signs out, anything else is shown in `where` (or announced). */
export async function guarded(work, where = null) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      await hooks.signOut(state.t("sessionEnded"));
      return undefined;
    }
    if (where) where.textContent = errorText(error);
    else announce(errorText(error));
    return undefined;
  }
}
