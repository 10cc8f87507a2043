// The summary of a self-check drawn as one PNG image, to save or share (e.g. in a chat).

const WIDTH = 1080; // pixels
const PAD = 48;
const ROW = 150; // minimum row height
const THUMB_W = 200;
const THUMB_H = 150;
const COLORS = {
  compliant: "#1a7f37",
  not_enough_media: "#9a6700",
  wrong_media: "#b42318",
  missing: "#b42318",
  unverifiable: "#5b4fa3",
  none: "#6b7280",
};
const MARKS = {
  compliant: "✓",
  not_enough_media: "!",
  wrong_media: "✗",
  missing: "✗",
  unverifiable: "?",
  none: "–",
};
const FONT = '"Noto Sans", "DejaVu Sans", Roboto, Arial, sans-serif';

/**
 * @typedef {Object} SummaryRow
 * @property {string} name Area name.
 * @property {string} status Verdict id, or "none" when not photographed.
 * @property {string} verdict Verdict in words.
 * @property {string} detail First reason in words.
 * @property {HTMLImageElement|null} image A loaded picture of the area, if any.
 */

/**
 * Draw the summary image.
 * @param {{title: string, facility: string, subtitle: string, progress: string,
 *   rows: SummaryRow[], footer: string}} data Texts already in the page's language.
 * @returns {Promise<Blob>} A PNG.
 */
export async function summaryImage(data) {
  const canvas = document.createElement("canvas");
  canvas.width = WIDTH;
  const ctx = canvas.getContext("2d");
  const layouts = data.rows.map((row) => layoutRow(ctx, row));
  const height = PAD + 270 + layouts.reduce((sum, l) => sum + l.height, 0) + 80;
  canvas.height = height; // resets the context: measure first, then draw
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, WIDTH, height);
  ctx.fillStyle = "#0b5f35";
  ctx.fillRect(0, 0, WIDTH, 120);
  ctx.fillStyle = "#ffffff";
  ctx.textBaseline = "alphabetic";
  ctx.font = `bold 38px ${FONT}`;
  fitText(ctx, data.title, PAD, 76, WIDTH - 2 * PAD);

  ctx.fillStyle = "#111827";
  ctx.font = `bold 40px ${FONT}`;
  fitText(ctx, data.facility, PAD, 185, WIDTH - 2 * PAD);
  ctx.font = `28px ${FONT}`;
  ctx.fillStyle = "#374151";
  fitText(ctx, data.subtitle, PAD, 230, WIDTH - 2 * PAD);
  ctx.font = `bold 30px ${FONT}`;
  ctx.fillStyle = "#0b5f35";
  fitText(ctx, data.progress, PAD, 280, WIDTH - 2 * PAD);

  let y = PAD + 270;
  data.rows.forEach((row, index) => {
    const layout = layouts[index];
    ctx.strokeStyle = "#d1d5db";
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(PAD, y - 20);
    ctx.lineTo(WIDTH - PAD, y - 20);
    ctx.stroke();
    const color = COLORS[row.status] || COLORS.none;
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.arc(PAD + 30, y + 30, 30, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = "#ffffff";
    ctx.font = `bold 34px ${FONT}`;
    ctx.textAlign = "center";
    ctx.fillText(MARKS[row.status] || MARKS.none, PAD + 30, y + 42);
    ctx.textAlign = "left";
    let lineY = y + 22;
    ctx.fillStyle = "#111827";
    ctx.font = NAME_FONT;
    for (const line of layout.name) {
      ctx.fillText(line, TEXT_X, lineY);
      lineY += NAME_LINE;
    }
    ctx.fillStyle = color;
    ctx.font = VERDICT_FONT;
    fitText(ctx, row.verdict, TEXT_X, lineY + 4, layout.width);
    lineY += VERDICT_LINE;
    ctx.fillStyle = "#374151";
    ctx.font = DETAIL_FONT;
    for (const line of layout.detail) {
      ctx.fillText(line, TEXT_X, lineY);
      lineY += DETAIL_LINE;
    }
    if (row.image) drawThumb(ctx, row.image, WIDTH - PAD - THUMB_W, y - 5);
    y += layout.height;
  });
  ctx.fillStyle = "#4b5563";
  ctx.font = `22px ${FONT}`;
  fitText(ctx, data.footer, PAD, height - 40, WIDTH - 2 * PAD);
  const blob = await new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("encode"))), "image/png"),
  );
  canvas.width = canvas.height = 0;
  return blob;
}

const TEXT_X = PAD + 80;
const NAME_FONT = `bold 30px ${FONT}`;
const VERDICT_FONT = `bold 28px ${FONT}`;
const DETAIL_FONT = `24px ${FONT}`;
const NAME_LINE = 36;
const VERDICT_LINE = 40;
const DETAIL_LINE = 30;

/** Wrap a row's texts and return its lines and height (pixels). */
function layoutRow(ctx, row) {
  const width = WIDTH - TEXT_X - PAD - (row.image ? THUMB_W + 24 : 0);
  ctx.font = NAME_FONT;
  const name = wrapLines(ctx, row.name, width, 3);
  ctx.font = DETAIL_FONT;
  const detail = wrapLines(ctx, row.detail, width, 3);
  const textHeight = 22 + name.length * NAME_LINE + VERDICT_LINE + detail.length * DETAIL_LINE;
  return { width, name, detail, height: Math.max(ROW, textHeight + 24, THUMB_H + 40) };
}

function fitText(ctx, text, x, y, width) {
  let shown = text;
  while (shown.length > 1 && ctx.measureText(shown).width > width) shown = `${shown.slice(0, -2)}…`;
  ctx.fillText(shown, x, y);
}

/** Split text at spaces into at most `maxLines` lines that fit `width` (the last one cut). */
function wrapLines(ctx, text, width, maxLines) {
  const words = String(text || "").split(/\s+/).filter(Boolean);
  const lines = [];
  let line = "";
  for (let i = 0; i < words.length; i += 1) {
    const attempt = line ? `${line} ${words[i]}` : words[i];
    if (ctx.measureText(attempt).width <= width || !line) {
      line = attempt;
      continue;
    }
    if (lines.length === maxLines - 1) {
      line = `${line} ${words.slice(i).join(" ")}`;
      break;
    }
    lines.push(line);
    line = words[i];
  }
  if (line) lines.push(line);
  return lines.map((l) => {
    let shown = l;
    while (shown.length > 1 && ctx.measureText(shown).width > width) shown = `${shown.slice(0, -2)}…`;
    return shown;
  });
}

function drawThumb(ctx, image, x, y) {
  const scale = Math.max(THUMB_W / image.naturalWidth, THUMB_H / image.naturalHeight);
  const sw = THUMB_W / scale;
  const sh = THUMB_H / scale;
  const sx = (image.naturalWidth - sw) / 2;
  const sy = (image.naturalHeight - sh) / 2;
  ctx.drawImage(image, sx, sy, sw, sh, x, y, THUMB_W, THUMB_H);
  ctx.strokeStyle = "#9ca3af";
  ctx.lineWidth = 2;
  ctx.strokeRect(x, y, THUMB_W, THUMB_H);
}
