// The JSON API of the service, called with the facility's bearer token.

/** An API failure: HTTP status (0 when the server could not be reached) and the error body. */
export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, 0 for a network failure or timeout.
   * @param {string} code The error code of the API's error body ("network" when unreachable).
   * @param {string} message The API's message for a person.
   * @param {number|null} retryAfter Seconds from a Retry-After header, if any.
   * @param {Object} details The error body's details (e.g. the refused file's name).
   */
  constructor(status, code, message, retryAfter = null, details = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
    this.details = details;
  }

  /** Whether sending the same request later may succeed (network, timeout, busy, server trouble). */
  get transient() {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

const UPLOAD_TIMEOUT_MS = 5 * 60 * 1000;

function errorFrom(status, text, retryAfterHeader) {
  let code = `http_${status}`;
  let message = `HTTP ${status}`;
  let details = {};
  try {
    const body = JSON.parse(text);
    if (body && body.error) {
      code = body.error.code || code;
      message = body.error.message || message;
      details = body.error.details || {};
    }
  } catch {
    // not JSON (e.g. a proxy's error page): keep the status
  }
  return new ApiError(status, code, message, retryAfterSeconds(retryAfterHeader), details);
}

/** Seconds to wait from a Retry-After header (seconds or an HTTP date); null when absent. */
function retryAfterSeconds(header) {
  if (!header || !header.trim()) return null;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/**
 * Make a client of the API.
 * @param {() => string|null} getToken Returns the bearer token.
 */
export function createClient(getToken) {
  const headers = () => {
    const token = getToken();
    return token ? { Authorization: `Bearer ${token}` } : {};
  };

  async function request(method, path, body) {
    let response;
    try {
      response = await fetch(path, {
        method,
        headers: body === undefined ? headers() : { ...headers(), "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: "no-store",
      });
    } catch {
      throw new ApiError(0, "network", "network");
    }
    if (!response.ok) {
      throw errorFrom(response.status, await response.text(), response.headers.get("Retry-After"));
    }
    return response;
  }

  return {
    /** GET a JSON resource. */
    async get(path) {
      return (await request("GET", path)).json();
    },

    /** POST a JSON body and return the JSON answer. */
    async post(path, body) {
      return (await request("POST", path, body)).json();
    },

    /** GET a binary resource (an evidence image, a report) as a Blob. */
    async blob(path) {
      return (await request("GET", path)).blob();
    },

    /**
     * Upload photos as multipart "files" with progress (XHR: fetch has no upload progress).
     * @param {string} path
     * @param {Array<{blob: Blob, name: string}>} files
     * @param {{onProgress?: (fraction: number) => void, onSent?: () => void}} hooks
     * @returns {Promise<*>} The JSON answer.
     */
    upload(path, files, hooks = {}) {
      return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open("POST", path);
        for (const [name, value] of Object.entries(headers())) xhr.setRequestHeader(name, value);
        xhr.timeout = UPLOAD_TIMEOUT_MS;
        xhr.upload.addEventListener("progress", (event) => {
          if (event.lengthComputable && hooks.onProgress) hooks.onProgress(event.loaded / event.total);
        });
        xhr.upload.addEventListener("load", () => hooks.onSent && hooks.onSent());
        xhr.addEventListener("load", () => {
          if (xhr.status >= 200 && xhr.status < 300) {
            try {
              resolve(JSON.parse(xhr.responseText));
            } catch {
              reject(new ApiError(xhr.status, "bad_response", "The answer was not JSON."));
            }
          } else {
            reject(errorFrom(xhr.status, xhr.responseText, xhr.getResponseHeader("Retry-After")));
          }
        });
        xhr.addEventListener("error", () => reject(new ApiError(0, "network", "network")));
        xhr.addEventListener("timeout", () => reject(new ApiError(0, "network", "timeout")));
        xhr.addEventListener("abort", () => reject(new ApiError(0, "network", "aborted")));
        const form = new FormData();
        for (const file of files) form.append("files", file.blob, file.name);
        xhr.send(form);
      });
    },
  };
}
