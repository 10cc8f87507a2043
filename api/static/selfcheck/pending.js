// Photos waiting to be sent, kept in IndexedDB so that a lost connection or a closed tab does
// not lose them. Falls back to memory when IndexedDB is unavailable (some private modes).

const DB_NAME = "janjicheck-selfcheck";
const STORE = "pending";

/**
 * @typedef {Object} PendingUpload
 * @property {string} id Unique id.
 * @property {number} auditId The self-check.
 * @property {string} area The area id.
 * @property {Array<{blob: Blob, name: string, displayable?: boolean}>} files The photos (at most
 *   the service's limit of one request); `displayable` is false when this browser cannot show one.
 * @property {number} createdAt Milliseconds since the epoch.
 */

/** Open the store of pending uploads. */
export async function openPendingStore() {
  const memory = new Map();
  let db = null;
  try {
    db = await new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "id" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } catch {
    db = null;
  }

  function run(mode, work) {
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const result = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(result.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }

  /** Every upload kept, in memory or in IndexedDB. @returns {Promise<PendingUpload[]>} */
  async function all() {
    const items = new Map(memory);
    if (db) {
      const stored = await run("readonly", (store) => store.getAll()).catch(() => []);
      for (const item of stored) items.set(item.id, item);
    }
    return [...items.values()];
  }

  return {
    /** Keep an upload (memory always; IndexedDB when available). @param {PendingUpload} item */
    async put(item) {
      memory.set(item.id, item);
      if (db) {
        try {
          await run("readwrite", (store) => store.put(item));
        } catch {
          // quota or private mode: the copy in memory still survives a lost connection
        }
      }
    },
    /** Forget an upload that was sent or discarded. @param {string} id */
    async delete(id) {
      memory.delete(id);
      if (db) await run("readwrite", (store) => store.delete(id)).catch(() => undefined);
    },
    /** Uploads still waiting for an audit, oldest first. @param {number} auditId */
    async list(auditId) {
      return (await all())
        .filter((item) => item.auditId === auditId)
        .sort((a, b) => a.createdAt - b.createdAt);
    },
    /** How many photos wait to be sent, for any self-check. */
    async photoCount() {
      return (await all()).reduce((sum, item) => sum + item.files.length, 0);
    },
    /** Forget every pending upload (sign-out on a shared phone). */
    async clear() {
      memory.clear();
      if (db) await run("readwrite", (store) => store.clear()).catch(() => undefined);
    },
  };
}
