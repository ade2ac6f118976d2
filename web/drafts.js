// Drafts kept in this browser (IndexedDB): every change is written at once, so a reload, a
// crash or a closed tab loses nothing. Each draft has a version counter; a write from a tab
// that did not see the latest version is refused (that tab asks the clerk), and every write
// is announced to the other tabs on a BroadcastChannel.

const DB_NAME = 'ita-report';
const STORE = 'drafts';
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('ita-report-drafts') : null;

let opened = null;
function db() {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opened;
}

function transaction(mode, work) {
  return db().then((base) => new Promise((resolve, reject) => {
    const tx = base.transaction(STORE, mode);
    let answer;
    tx.oncomplete = () => resolve(answer);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
    work(tx.objectStore(STORE), (value) => { answer = value; });
  }));
}

/** A new draft id. */
export function newDraftId() {
  return `d-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Every draft, newest first: {id, organization, fiscal_year, saved_at, version}. */
export function listDrafts() {
  return transaction('readonly', (store, done) => {
    const request = store.getAll();
    request.onsuccess = () => done(request.result
      .map(({ id, organization, fiscal_year, saved_at, version }) => ({ id, organization, fiscal_year, saved_at, version }))
      .sort((a, b) => String(b.saved_at).localeCompare(String(a.saved_at))));
  });
}

/** One draft with its dataset, or undefined. */
export function readDraft(id) {
  return transaction('readonly', (store, done) => {
    const request = store.get(id);
    request.onsuccess = () => done(request.result);
  });
}

/**
 * Writes the draft if the stored one is not newer than `seen` (the version this tab last
 * read or wrote). Resolves {ok: true, version} or {ok: false, stored} (another tab wrote).
 */
export function writeDraft(id, seen, record, force = false) {
  return transaction('readwrite', (store, done) => {
    const request = store.get(id);
    request.onsuccess = () => {
      const stored = request.result;
      if (!force && stored && stored.version > seen) {
        done({ ok: false, stored });
        return;
      }
      const version = Math.max(seen, stored?.version ?? 0) + 1;
      store.put({ ...record, id, version, saved_at: new Date().toISOString() });
      done({ ok: true, version });
    };
  }).then((answer) => {
    if (answer.ok) channel?.postMessage({ id, version: answer.version });
    return answer;
  });
}

export function deleteDraft(id) {
  return transaction('readwrite', (store) => store.delete(id));
}

/** Calls `listener({id, version})` when another tab writes a draft. */
export function onOtherTabWrite(listener) {
  channel?.addEventListener('message', (event) => listener(event.data));
}
