// Every string the page shows, one dictionary per language (Indonesian is the default).
// Area names, verdict reasons and advice come from the API in both languages.

export const LANGUAGES = ["id", "en"];
export const DEFAULT_LANGUAGE = "id";

const id = {
  appName: "Janji Check",
  pageTitle: "Pemeriksaan mandiri Janji Layanan JKN",
  switchTo: "English",
  switchToLabel: "Switch the page to English",
  signOut: "Keluar",
  signOutPending:
    "{count} foto belum terkirim dan akan dihapus dari perangkat ini. Tetap keluar?",

  signInTitle: "Pemeriksaan mandiri Janji Layanan JKN",
  signInIntro:
    "Periksa sendiri, sebelum auditor datang, bahwa Janji Layanan JKN terpasang di kelima " +
    "area pelayanan. Cukup dengan kamera ponsel.",
  tokenLabel: "Token fasilitas",
  tokenHint: "Token diawali jc_ dan diberikan oleh admin Janji Check untuk fasilitas Anda.",
  remember: "Ingat token di perangkat ini",
  signIn: "Masuk",
  signingIn: "Memeriksa token…",
  tokenMissing: "Isi token fasilitas terlebih dahulu.",
  tokenInvalid: "Token tidak berlaku. Periksa kembali token dari admin.",
  tokenNotFacility:
    "Token ini bukan token fasilitas. Halaman ini untuk petugas fasilitas; gunakan token " +
    "fasilitas Anda.",
  sessionEnded: "Sesi berakhir atau token dicabut. Silakan masuk lagi.",
  networkError: "Tidak dapat terhubung ke server. Periksa koneksi internet lalu coba lagi.",
  serverError: "Terjadi kesalahan: {message}",

  facilityLabel: "Fasilitas",
  levelFKTP: "FKTP",
  levelFKRTL: "FKRTL",

  checkTitle: "Pemeriksaan mandiri",
  checkNone: "Belum ada pemeriksaan mandiri yang sedang berjalan.",
  checkStart: "Mulai pemeriksaan mandiri",
  checkStarting: "Memulai…",
  checkOf: "Pemeriksaan tanggal {date}",
  statusDraft: "sedang berjalan",
  statusSubmitted: "selesai",
  statusClosed: "ditutup",
  readOnly: "Pemeriksaan ini sudah selesai dan hanya bisa dilihat.",
  backToCurrent: "Kembali ke pemeriksaan yang berjalan",
  progress: "{done} dari {total} area selesai",
  progressCompliant: "{count} dari {total} area sesuai",
  checklistTitle: "Lima area yang diperiksa",
  checklistIntro:
    "Foto setiap area sehingga media Janji Layanan JKN terlihat jelas dan tulisannya terbaca.",

  countsPrefix: "Yang dihitung: ",
  mediaPoster: "poster",
  mediaBanner: "banner",
  mediaSpanduk: "spanduk",
  or: "atau",
  spandukHereOnly: "Spanduk hanya dihitung di ruang ini.",
  spandukNotHere: "Spanduk tidak dihitung di sini.",
  nextBadge: "Berikutnya",

  takePhoto: "Ambil foto",
  pickGallery: "Pilih dari galeri",
  takeAnother: "Foto lagi",
  cameraInputLabel: "Foto {area} dengan kamera",
  galleryInputLabel: "Pilih foto {area} dari galeri",

  verdictNone: "Belum difoto",
  verdict_compliant: "Sesuai",
  verdict_missing: "Tidak ditemukan",
  verdict_not_enough_media: "Media kurang",
  verdict_wrong_media: "Media tidak sesuai",
  verdict_unverifiable: "Perlu foto ulang",

  phasePreparing: "Menyiapkan foto…",
  phaseUploading: "Mengunggah foto…",
  phaseUploadingPercent: "Mengunggah foto… {percent}%",
  phaseChecking: "Memeriksa foto…",
  phaseDone: "Selesai diperiksa: {verdict}",
  phaseWaiting:
    "Koneksi terputus. Foto tersimpan di perangkat ini dan akan dikirim ulang otomatis.",
  phaseBusy: "Server sedang sibuk. Foto tersimpan dan akan dikirim ulang otomatis.",
  phaseTrouble: "Server sedang bermasalah. Foto tersimpan dan akan dikirim ulang otomatis.",
  serverSaid: "Pesan server: {message}",
  unsentPhotos:
    "{count} foto area ini belum terkirim. Semua foto dikirim dan ikut dinilai; foto baru " +
    "tidak menggantikan foto sebelumnya.",
  photoKept:
    "Foto belum terkirim: {message} Foto tetap tersimpan di perangkat ini; coba lagi atau " +
    "batalkan.",
  discardMany: "Batalkan {count} foto ini",
  retryIn: "Mencoba lagi dalam {seconds} detik.",
  retryOffline: "Menunggu koneksi internet…",
  retryNow: "Coba lagi",
  discard: "Batalkan foto ini",
  photoRejected: "Foto tidak dapat diperiksa: {message}",
  photoRejectedNamed: "Foto {name} tidak dapat diperiksa: {message}",
  error_unsupported_image:
    "File ini bukan foto yang dapat diperiksa (JPEG, PNG, WebP, HEIC, BMP atau TIFF). Pilih foto lain.",
  error_corrupt_image: "File foto rusak atau terpotong. Foto ulang lalu kirim lagi.",
  error_empty_file: "File foto kosong. Foto ulang lalu kirim lagi.",
  error_image_too_large: "Ukuran foto (jumlah piksel) terlalu besar. Pilih foto lain.",
  error_file_too_large: "File foto terlalu besar untuk dikirim. Pilih foto lain.",
  error_payload_too_large: "Kiriman terlalu besar. Kirim lebih sedikit foto sekaligus.",
  error_too_many_files: "Terlalu banyak foto sekaligus. Kirim lebih sedikit foto.",
  error_image_too_small: "Foto terlalu kecil untuk diperiksa. Foto ulang dengan resolusi penuh.",
  error_http_413: "Kiriman ditolak karena terlalu besar (HTTP 413).",
  pendingRestored: "Foto yang belum terkirim ditemukan dan akan dikirim.",
  auditClosed: "Pemeriksaan ini sudah selesai; mulai pemeriksaan baru untuk menambah foto.",
  photoSizes: "{kb} KB dikirim (diperkecil dari {original} KB)",
  photoSent: "{kb} KB dikirim",

  foundTitle: "Yang ditemukan di foto",
  foundNone: "Tidak ada media Janji Layanan yang terlihat di foto ini.",
  moreDetections: "{count} temuan lain tidak ditampilkan di sini; semuanya ada di gambar bukti.",
  label_janji_poster: "Poster Janji Layanan",
  label_janji_banner: "Banner Janji Layanan",
  label_janji_spanduk: "Spanduk Janji Layanan",
  label_other_sign: "Poster atau papan lain",
  form_janji_poster: "Poster",
  form_janji_banner: "Banner",
  form_janji_spanduk: "Spanduk",
  promisesRead: "{read} dari {total} janji terbaca",
  textRejected: "tulisannya bukan Janji Layanan",
  textIdentified: "ini {name}, bukan Janji Layanan",
  textUnreadable: "tulisannya belum terbaca",
  textNotChecked: "tulisannya tidak diperiksa",
  confidence: "keyakinan {percent}%",
  countedMedium: "{text} — dihitung",
  possibleMedium:
    "Kemungkinan {medium} Janji Layanan ({confidence}) — tidak dihitung; ambil foto yang " +
    "lebih dekat dan lebih jelas",
  poster_hak_kewajiban: "Hak dan Kewajiban Peserta",
  poster_alur_pelayanan: "Alur Pelayanan",
  poster_antrean_online: "Antrean Online",
  poster_care_center_165: "BPJS Kesehatan Care Center 165",
  poster_maklumat_pelayanan: "Maklumat Pelayanan",
  photoQuality: "Kualitas foto",
  quality_blurry: "Foto buram: pegang kamera dengan stabil, fokuskan, lalu foto ulang.",
  quality_too_dark: "Foto terlalu gelap: nyalakan lampu lalu foto ulang.",
  quality_too_bright: "Foto terlalu terang: hindari cahaya langsung lalu foto ulang.",
  quality_glare: "Ada pantulan cahaya: foto dari samping agar tidak silau lalu foto ulang.",
  quality_too_small: "Resolusi foto terlalu kecil: foto ulang dengan resolusi penuh.",
  reasonsTitle: "Hasil area",
  adviceTitle: "Yang perlu dilakukan",
  flagsTitle: "Catatan bukti",
  photoAlt: "Foto {area} dengan kotak pada media yang ditemukan",
  evidenceAlt: "Gambar bukti {area} (wajah disamarkan, kotak pada media yang ditemukan)",
  earlierPhotos: "{count} foto sebelumnya di area ini ikut dinilai.",
  showEvidence: "Tampilkan gambar bukti (wajah disamarkan)",
  evidenceLoading: "Memuat gambar bukti dari server…",
  evidenceUnavailable: "Gambar foto ini tidak dapat ditampilkan di sini; hasil pemeriksaannya ada di bawah.",
  nextArea: "Lanjut: {area}",
  allPhotographed: "Kelima area sudah difoto. Lihat ringkasan di bawah.",
  toSummary: "Lihat ringkasan",

  summaryTitle: "Ringkasan",
  summaryIntro: "Simpan atau bagikan hasil pemeriksaan ini.",
  summaryArea: "Area",
  summaryVerdict: "Hasil",
  saveImage: "Simpan gambar",
  share: "Bagikan",
  print: "Cetak / simpan PDF",
  report: "Unduh laporan lengkap",
  submit: "Selesaikan pemeriksaan",
  submitConfirm:
    "Selesaikan pemeriksaan ini? Setelah selesai, foto tidak dapat ditambahkan lagi.",
  submitted: "Pemeriksaan diselesaikan dan disimpan di riwayat.",
  submitWaiting:
    "{count} foto belum terkirim. Pemeriksaan dapat diselesaikan setelah semua foto terkirim " +
    "atau dibatalkan.",
  newCheck: "Mulai pemeriksaan baru",
  savedImage: "Gambar ringkasan disimpan.",
  shared: "Ringkasan dibagikan.",
  reportSaved: "Laporan diunduh.",
  imageTitle: "Ringkasan pemeriksaan mandiri Janji Layanan JKN",
  imageFooter: "Dibuat dengan Janji Check pada {date}",
  scoreLabel: "Skor {score}",

  historyTitle: "Riwayat pemeriksaan mandiri",
  historyEmpty: "Belum ada riwayat pemeriksaan.",
  historyItem: "{compliant} dari {total} area sesuai",
  historyOpen: "Lihat",
  historyOpenLabel: "Lihat pemeriksaan tanggal {date}",
  historyShowing: "sedang ditampilkan",
  loading: "Memuat…",
  noscript: "Halaman ini memerlukan JavaScript.",
};

const en = {
  appName: "Janji Check",
  pageTitle: "Janji Layanan JKN self-check",
  switchTo: "Bahasa Indonesia",
  switchToLabel: "Ganti bahasa halaman ke Bahasa Indonesia",
  signOut: "Sign out",
  signOutPending: "{count} photos are not sent yet and will be deleted from this device. Sign out anyway?",

  signInTitle: "Janji Layanan JKN self-check",
  signInIntro:
    "Check for yourself, before the auditor comes, that the Janji Layanan JKN is displayed " +
    "in all five service areas. A phone camera is all you need.",
  tokenLabel: "Facility token",
  tokenHint: "The token starts with jc_ and is given to your facility by the Janji Check admin.",
  remember: "Remember the token on this device",
  signIn: "Sign in",
  signingIn: "Checking the token…",
  tokenMissing: "Enter your facility token first.",
  tokenInvalid: "The token is not valid. Check the token you were given.",
  tokenNotFacility:
    "This is not a facility token. This page is for facility staff; use your facility's token.",
  sessionEnded: "The session ended or the token was revoked. Please sign in again.",
  networkError: "Cannot reach the server. Check the internet connection and try again.",
  serverError: "Something went wrong: {message}",

  facilityLabel: "Facility",
  levelFKTP: "FKTP (primary care)",
  levelFKRTL: "FKRTL (referral care)",

  checkTitle: "Self-check",
  checkNone: "No self-check is in progress.",
  checkStart: "Start a self-check",
  checkStarting: "Starting…",
  checkOf: "Self-check of {date}",
  statusDraft: "in progress",
  statusSubmitted: "finished",
  statusClosed: "closed",
  readOnly: "This self-check is finished and can only be viewed.",
  backToCurrent: "Back to the self-check in progress",
  progress: "{done} of {total} areas done",
  progressCompliant: "{count} of {total} areas compliant",
  checklistTitle: "The five areas to check",
  checklistIntro:
    "Photograph each area so that its Janji Layanan JKN media are clearly visible and readable.",

  countsPrefix: "What counts: ",
  mediaPoster: "poster",
  mediaBanner: "banner",
  mediaSpanduk: "spanduk",
  or: "or",
  spandukHereOnly: "A spanduk counts only in this room.",
  spandukNotHere: "A spanduk does not count here.",
  nextBadge: "Next",

  takePhoto: "Take a photo",
  pickGallery: "Pick from gallery",
  takeAnother: "Another photo",
  cameraInputLabel: "Photograph the {area} with the camera",
  galleryInputLabel: "Pick a photo of the {area} from the gallery",

  verdictNone: "Not photographed yet",
  verdict_compliant: "Compliant",
  verdict_missing: "Not found",
  verdict_not_enough_media: "Not enough media",
  verdict_wrong_media: "Wrong media",
  verdict_unverifiable: "Retake needed",

  phasePreparing: "Preparing the photo…",
  phaseUploading: "Uploading the photo…",
  phaseUploadingPercent: "Uploading the photo… {percent}%",
  phaseChecking: "Checking the photo…",
  phaseDone: "Checked: {verdict}",
  phaseWaiting:
    "The connection was lost. The photo is kept on this device and will be sent again " +
    "automatically.",
  phaseBusy: "The server is busy. The photo is kept and will be sent again automatically.",
  phaseTrouble: "The server has a problem. The photo is kept and will be sent again automatically.",
  serverSaid: "The server said: {message}",
  unsentPhotos:
    "Photos of this area not sent yet: {count}. All of them are sent and count; a new photo " +
    "does not replace an earlier one.",
  photoKept: "The photo was not sent: {message} It is kept on this device; retry or discard it.",
  discardMany: "Discard these {count} photos",
  retryIn: "Trying again in {seconds} seconds.",
  retryOffline: "Waiting for an internet connection…",
  retryNow: "Retry",
  discard: "Discard this photo",
  photoRejected: "The photo could not be checked: {message}",
  photoRejectedNamed: "The photo {name} could not be checked: {message}",
  error_unsupported_image:
    "This file is not a photo that can be checked (JPEG, PNG, WebP, HEIC, BMP or TIFF). Pick another one.",
  error_corrupt_image: "The photo file is damaged or cut off. Take it again and resend it.",
  error_empty_file: "The photo file is empty. Take it again and resend it.",
  error_image_too_large: "The photo has too many pixels. Pick another one.",
  error_file_too_large: "The photo file is too large to send. Pick another one.",
  error_payload_too_large: "Too much to send at once. Send fewer photos at a time.",
  error_too_many_files: "Too many photos at once. Send fewer photos.",
  error_image_too_small: "The photo is too small to be checked. Retake it at full resolution.",
  error_http_413: "The upload was refused as too large (HTTP 413).",
  pendingRestored: "Photos not yet sent were found and will be sent.",
  auditClosed: "This self-check is finished; start a new one to add photos.",
  photoSizes: "{kb} KB sent (shrunk from {original} KB)",
  photoSent: "{kb} KB sent",

  foundTitle: "Found in the photo",
  foundNone: "No Janji Layanan medium is visible in this photo.",
  moreDetections: "{count} more findings are not shown here; the evidence image shows them all.",
  label_janji_poster: "Janji Layanan poster",
  label_janji_banner: "Janji Layanan banner",
  label_janji_spanduk: "Janji Layanan spanduk",
  label_other_sign: "Another poster or sign",
  form_janji_poster: "Poster",
  form_janji_banner: "Banner",
  form_janji_spanduk: "Spanduk",
  promisesRead: "{read} of {total} promises readable",
  textRejected: "its text is not Janji Layanan",
  textIdentified: "this is {name}, not Janji Layanan",
  textUnreadable: "its text could not be read yet",
  textNotChecked: "its text was not checked",
  confidence: "{percent}% confidence",
  countedMedium: "{text} — counted",
  possibleMedium:
    "Possible Janji Layanan {medium} ({confidence}) — not counted; take a closer, clearer photo",
  poster_hak_kewajiban: "Hak dan Kewajiban Peserta",
  poster_alur_pelayanan: "Alur Pelayanan (service flow)",
  poster_antrean_online: "Antrean Online (online queue)",
  poster_care_center_165: "BPJS Kesehatan Care Center 165",
  poster_maklumat_pelayanan: "Maklumat Pelayanan (service declaration)",
  photoQuality: "Photo quality",
  quality_blurry: "The photo is blurred: hold the camera steady, focus and retake it.",
  quality_too_dark: "The photo is too dark: turn on the light and retake it.",
  quality_too_bright: "The photo is too bright: avoid direct light and retake it.",
  quality_glare: "There is glare: take the photo from a slight angle and retake it.",
  quality_too_small: "The photo's resolution is too small: retake it at full resolution.",
  reasonsTitle: "Area result",
  adviceTitle: "What to do",
  flagsTitle: "Evidence notes",
  photoAlt: "Photo of the {area} with boxes on the media found",
  evidenceAlt: "Evidence image of the {area} (faces blurred, boxes on the media found)",
  earlierPhotos: "{count} earlier photos of this area also count.",
  showEvidence: "Show the evidence image (faces blurred)",
  evidenceLoading: "Loading the evidence image from the server…",
  evidenceUnavailable: "This photo cannot be shown here; its check result is below.",
  nextArea: "Next: {area}",
  allPhotographed: "All five areas are photographed. See the summary below.",
  toSummary: "See the summary",

  summaryTitle: "Summary",
  summaryIntro: "Save or share the result of this self-check.",
  summaryArea: "Area",
  summaryVerdict: "Result",
  saveImage: "Save image",
  share: "Share",
  print: "Print / save as PDF",
  report: "Download the full report",
  submit: "Finish the self-check",
  submitConfirm: "Finish this self-check? Afterwards no more photos can be added.",
  submitted: "The self-check is finished and saved in the history.",
  submitWaiting:
    "Photos not sent yet: {count}. The self-check can be finished once every photo is sent " +
    "or discarded.",
  newCheck: "Start a new self-check",
  savedImage: "Summary image saved.",
  shared: "Summary shared.",
  reportSaved: "Report downloaded.",
  imageTitle: "Janji Layanan JKN self-check summary",
  imageFooter: "Made with Janji Check on {date}",
  scoreLabel: "Score {score}",

  historyTitle: "Self-check history",
  historyEmpty: "No self-checks yet.",
  historyItem: "{compliant} of {total} areas compliant",
  historyOpen: "View",
  historyOpenLabel: "View the self-check of {date}",
  historyShowing: "shown now",
  loading: "Loading…",
  noscript: "This page needs JavaScript.",
};

export const STRINGS = { id, en };

/**
 * Return a translator for a language: t(key, params) fills {name} placeholders.
 * @param {string} lang "id" or "en".
 * @returns {(key: string, params?: Object<string, *>) => string}
 */
export function translator(lang) {
  const table = STRINGS[lang] || STRINGS[DEFAULT_LANGUAGE];
  return (key, params = {}) => {
    const text = table[key] ?? STRINGS[DEFAULT_LANGUAGE][key] ?? key;
    return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
  };
}

/**
 * Pick the Indonesian or English text of a bilingual API message.
 * @param {{text_id?: string, text_en?: string, message?: string}} message
 * @param {string} lang
 * @returns {string}
 */
export function pick(message, lang) {
  if (!message) return "";
  const text = lang === "en" ? message.text_en : message.text_id;
  return text || message.text_en || message.text_id || message.message || "";
}

/**
 * Format a date (YYYY-MM-DD or Date) for the language, e.g. "14 Mar 2025".
 * @param {string|Date} value
 * @param {string} lang
 * @returns {string}
 */
export function formatDate(value, lang) {
  const date = typeof value === "string" ? new Date(`${value.slice(0, 10)}T12:00:00`) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toLocaleDateString(lang === "en" ? "en-GB" : "id-ID", {
    day: "numeric",
    month: "short",
    year: "numeric",
  });
}
