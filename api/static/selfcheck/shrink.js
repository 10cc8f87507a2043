// Shrink a photo in the browser before upload: upright (EXIF orientation applied), long side
// at most LONG_SIDE pixels, JPEG. The original's EXIF block (capture time, GPS, camera) is kept
// with its orientation set to 1, so the service can still check when and where it was taken.

export const LONG_SIDE = 2400; // pixels: enough for the text check of a poster across a room
export const JPEG_QUALITY = 0.85;
const HEAD_BYTES = 256 * 1024; // the EXIF block lies in the first 64 KiB after SOI

/**
 * Shrink a picked or captured photo. Never fails: when the photo cannot be shrunk it is sent
 * as it is and the service decodes it.
 * @param {File|Blob} file The photo.
 * @param {{longSide?: number, quality?: number}} [options]
 * @returns {Promise<{blob: Blob, width: number, height: number, shrunk: boolean, displayable: boolean}>}
 *   `shrunk` is false when the original is sent unchanged; `displayable` is false when the
 *   browser could not decode the photo (e.g. HEIC in Chrome or Firefox), so an <img> of it
 *   would be broken.
 */
export async function shrinkPhoto(file, options = {}) {
  const longSide = options.longSide || LONG_SIDE;
  const quality = options.quality || JPEG_QUALITY;
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    return { blob: file, width: 0, height: 0, shrunk: false, displayable: false };
  }
  try {
    const scale = Math.min(1, longSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no canvas");
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = "high";
    context.drawImage(bitmap, 0, 0, width, height);
    const jpeg = await new Promise((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("encode"))), "image/jpeg", quality),
    );
    canvas.width = canvas.height = 0; // free the pixels now on low-memory phones
    const exif = exifSegment(await file.slice(0, HEAD_BYTES).arrayBuffer());
    const blob = exif ? withExif(jpeg, exif) : jpeg;
    return { blob, width, height, shrunk: true, displayable: true };
  } catch {
    // out of memory, no canvas, the encoder refused: send the original, which was decoded
    return { blob: file, width: bitmap.width, height: bitmap.height, shrunk: false, displayable: true };
  } finally {
    bitmap.close();
  }
}

/**
 * Return a copy of the APP1 "Exif" segment of a JPEG (marker included) with orientation 1.
 * @param {ArrayBuffer} buffer The start of a file.
 * @returns {Uint8Array|null} null when the file is not a JPEG or has no EXIF block.
 */
export function exifSegment(buffer) {
  const view = new DataView(buffer);
  if (view.byteLength < 4 || view.getUint16(0) !== 0xffd8) return null;
  let offset = 2;
  while (offset + 4 <= view.byteLength) {
    if (view.getUint8(offset) !== 0xff) return null;
    const marker = view.getUint8(offset + 1);
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return null; // image data: no EXIF before it
    const length = view.getUint16(offset + 2);
    const end = offset + 2 + length;
    if (end > view.byteLength) return null;
    if (marker === 0xe1 && length >= 16 && isExifHeader(view, offset + 4)) {
      const segment = new Uint8Array(buffer.slice(offset, end));
      resetOrientation(segment, 10);
      return segment;
    }
    offset = end;
  }
  return null;
}

function isExifHeader(view, at) {
  const expected = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"
  return expected.every((byte, i) => view.getUint8(at + i) === byte);
}

/** Set the orientation tag (0x0112) of IFD0 to 1: the pixels are already upright. */
function resetOrientation(segment, tiffStart) {
  const view = new DataView(segment.buffer, segment.byteOffset, segment.byteLength);
  const order = view.getUint16(tiffStart);
  if (order !== 0x4949 && order !== 0x4d4d) return;
  const little = order === 0x4949;
  const ifd = tiffStart + view.getUint32(tiffStart + 4, little);
  if (ifd + 2 > segment.length) return;
  const entries = view.getUint16(ifd, little);
  for (let i = 0; i < entries; i += 1) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > segment.length) return;
    if (view.getUint16(entry, little) === 0x0112) view.setUint16(entry + 8, 1, little);
  }
}

/** Insert an APP1 EXIF segment right after the SOI marker of a JPEG blob. */
function withExif(jpeg, segment) {
  return new Blob([jpeg.slice(0, 2), segment, jpeg.slice(2)], { type: "image/jpeg" });
}
