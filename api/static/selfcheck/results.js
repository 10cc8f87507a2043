// What was found in a photo: the boxes drawn over it and the findings in words.

import { h, svg } from "./dom.js";

const JANJI_LABELS = new Set(["janji_poster", "janji_banner", "janji_spanduk"]);
const PROMISES = { fkrtl: 6, fktp: 7 }; // promise lines of the hospital and primary-care posters
const MAX_LISTED = 8; // detections shown on the photo and in the list (the rest are summed up)
const KIND_ORDER = { counted: 0, rejected: 1, possible: 2, other: 3 };
const MEDIUM_KEY = { janji_poster: "mediaPoster", janji_banner: "mediaBanner", janji_spanduk: "mediaSpanduk" };

/**
 * The detections worth showing, most telling first: Janji media that count, rejected ones
 * (lookalikes), possible ones (not counted), then other signs; by confidence within each.
 * @param {Object} photo The API's photo.
 * @returns {{shown: Object[], hidden: number}}
 */
export function listedDetections(photo) {
  const all = [...(photo.detections || [])];
  all.sort((a, b) =>
    KIND_ORDER[detectionKind(a)] - KIND_ORDER[detectionKind(b)] || (b.confidence || 0) - (a.confidence || 0));
  return { shown: all.slice(0, MAX_LISTED), hidden: Math.max(0, all.length - MAX_LISTED) };
}

/**
 * The kind of a detection, for its colour and wording. The service decides what counts as
 * Janji Layanan evidence (``accepted``); the page only shows that decision.
 * @param {{label: string, verified: boolean|null, accepted: boolean}} detection
 * @returns {"counted"|"rejected"|"possible"|"other"}
 */
export function detectionKind(detection) {
  if (!JANJI_LABELS.has(detection.label)) return "other";
  if (detection.verified === false) return "rejected";
  return detection.accepted === true ? "counted" : "possible";
}

/**
 * Describe one detection, e.g. "Poster Janji Layanan, 6 dari 6 janji terbaca, keyakinan 91%
 * — dihitung".
 * @param {Object} detection One detection of the API (label, verified, promises_read,
 *   variant, accepted, ...).
 * @param {(key: string, params?: Object) => string} t Translator.
 * @param {string} level The facility's level ("FKTP" or "FKRTL"): which poster applies when
 *   the text check does not say.
 * @returns {string}
 */
export function describeDetection(detection, t, level) {
  const kind = detectionKind(detection);
  const confidence = t("confidence", { percent: Math.round((detection.confidence || 0) * 100) });
  if (kind === "possible") {
    return t("possibleMedium", { medium: t(MEDIUM_KEY[detection.label]), confidence });
  }
  // A medium whose text showed it is something else is named by its form alone ("Poster").
  const parts = [t(kind === "rejected" ? `form_${detection.label}` : `label_${detection.label}`)];
  const known = detection.identified_as ? t(`poster_${detection.identified_as}`) : null;
  if (kind === "other") {
    if (known) parts.push(known);
    return parts.join(": ");
  }
  if (kind === "rejected") {
    parts.push(known ? t("textIdentified", { name: known }) : t("textRejected"));
  } else if (detection.verified === true) {
    // The poster its text showed: FKRTL has 6 promises, FKTP 7 points; else the facility's.
    const variant = detection.variant || (level === "FKTP" ? "fktp" : "fkrtl");
    const read = (detection.promises_read || []).length;
    const total = Math.max(PROMISES[variant] || PROMISES.fkrtl, ...(detection.promises_read || [0]));
    parts.push(t("promisesRead", { read, total }));
  } else if (detection.verification === "not_checked") {
    parts.push(t("textNotChecked"));
  } else {
    parts.push(t("textUnreadable"));
  }
  parts.push(confidence);
  const text = parts.join(", ");
  return kind === "counted" ? t("countedMedium", { text }) : text;
}

/**
 * A photo with its detections: the local picture with boxes drawn over it, or the server's
 * evidence image (boxes already drawn, faces blurred) when the local one is gone or cannot be
 * shown; while there is no picture to show, a note in its place (never a broken image).
 * @param {Object} photo The API's photo (width, height, detections).
 * @param {{url: string|null, drawn: boolean, alt: string, placeholder?: string,
 *   onError?: () => void}} image Where the picture is (null: none yet), whether the boxes are
 *   already in it, the note shown instead of it, and what to do when it cannot be decoded.
 * @returns {HTMLElement} A figure.
 */
export function photoFigure(photo, image) {
  if (!image.url) {
    return h("figure", { class: "photo", dataset: { photoId: photo.id } },
      h("div", { class: "photo-frame" }, h("p", { class: "photo-placeholder", text: image.placeholder })));
  }
  const img = h("img", {
    src: image.url,
    alt: image.alt,
    width: photo.width || undefined,
    height: photo.height || undefined,
    decoding: "async",
    onerror: image.onError,
  });
  const frame = h("div", { class: "photo-frame" }, img);
  if (!image.drawn && photo.width && photo.height) frame.append(boxesOverlay(photo));
  return h("figure", { class: "photo", dataset: { photoId: photo.id } }, frame);
}

/**
 * An SVG overlay (in the photo's pixel coordinates) with a box and a number per detection.
 * @param {Object} photo The API's photo.
 * @returns {SVGElement}
 */
export function boxesOverlay(photo) {
  const { width, height } = photo;
  const overlay = svg("svg", {
    class: "boxes",
    viewBox: `0 0 ${width} ${height}`,
    preserveAspectRatio: "none",
    "aria-hidden": "true",
    focusable: "false",
  });
  const stroke = Math.max(3, Math.round(Math.max(width, height) / 250));
  const font = Math.max(14, Math.round(Math.max(width, height) / 28));
  listedDetections(photo).shown.forEach((detection, index) => {
    const [x1, y1, x2, y2] = detection.box;
    const kind = detectionKind(detection);
    const group = svg("g", { class: `box box-${kind}`, "data-kind": kind });
    group.append(
      svg("rect", {
        x: x1,
        y: y1,
        width: Math.max(1, x2 - x1),
        height: Math.max(1, y2 - y1),
        "stroke-width": stroke,
        fill: "none",
      }),
    );
    const tagWidth = font * 1.4;
    const tagY = y1 >= font * 1.3 ? y1 - font * 1.3 : y1;
    group.append(
      svg("rect", { class: "tag", x: x1, y: tagY, width: tagWidth, height: font * 1.3 }),
      svg("text", {
        x: x1 + tagWidth / 2,
        y: tagY + font * 1.02,
        "font-size": font,
        "text-anchor": "middle",
        text: String(index + 1),
      }),
    );
    overlay.append(group);
  });
  return overlay;
}

/**
 * The findings of one photo as a numbered list (numbers match the boxes).
 * @param {Object} photo The API's photo.
 * @param {(key: string, params?: Object) => string} t Translator.
 * @param {string} level The facility's level.
 * @returns {HTMLElement}
 */
export function findingsList(photo, t, level) {
  const detections = photo.detections || [];
  const { shown, hidden } = listedDetections(photo);
  const list = h("ol", { class: "findings" });
  shown.forEach((detection) => {
    list.append(
      h("li", { class: `finding finding-${detectionKind(detection)}` },
        h("span", { class: "swatch", "aria-hidden": "true" }),
        describeDetection(detection, t, level)),
    );
  });
  const hasJanji = detections.some((d) => JANJI_LABELS.has(d.label));
  return h("div", { class: "found" },
    h("h4", { text: t("foundTitle") }),
    detections.length ? list : null,
    hidden ? h("p", { class: "muted small", text: t("moreDetections", { count: hidden }) }) : null,
    hasJanji ? null : h("p", { class: "muted", text: t("foundNone") }),
  );
}

/**
 * The quality problems of one photo, worded as advice.
 * @param {Object} photo The API's photo (quality.issues).
 * @param {(key: string, params?: Object) => string} t Translator.
 * @returns {HTMLElement|null}
 */
export function qualityNotes(photo, t) {
  const issues = (photo.quality && photo.quality.issues) || [];
  if (!issues.length) return null;
  return h("div", { class: "quality" },
    h("h4", { text: t("photoQuality") }),
    h("ul", {}, issues.map((issue) => {
      const key = `quality_${issue.code}`;
      const text = t(key);
      return h("li", { dataset: { code: issue.code }, text: text === key ? issue.message : text });
    })),
  );
}
