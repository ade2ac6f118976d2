// The report engine as the editor sees it. On a static copy of web/dist/ (any web server, no
// ita-report running) it is the WebAssembly engine, in a worker; where the page has no engine
// module but `ita-report serve` answers, it is that server's HTTP API. Both give the same
// answers: render, check, preview, previewReport ({pages, measures}: where each measure's row
// starts), importFile, extract, parseCell, cellText, readDate, each a Promise. Failures reject with
// {kind, message, problems?, warnings?}: `kind` is 'invalid-dataset', 'options', 'render',
// 'import', 'not-a-report', 'timeout', 'internal' or 'unavailable'.

/** A render that takes longer than this is ended (the worker with it) and reported. */
export const TIME_LIMIT_MS = 60000;
const START_LIMIT_MS = 30000;

/** The engine: the worker's if it starts, else the server's. */
export async function openEngine() {
  try {
    return await workerEngine();
  } catch (workerFailure) {
    if (await serverAnswers()) return serverEngine();
    throw workerFailure;
  }
}

// ---- The WebAssembly engine, in a worker ---------------------------------------------------

async function workerEngine() {
  let worker = await startWorker();
  let nextId = 1;
  const pending = new Map();

  function listen(w) {
    w.onmessage = (event) => {
      const { id, ok, value, error } = event.data;
      const call = pending.get(id);
      if (!call) return;
      pending.delete(id);
      clearTimeout(call.timer);
      if (ok) call.resolve(value); else call.reject(error);
    };
  }
  listen(worker);

  function call(name, args, transfer = []) {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(async () => {
        // The work cannot be interrupted inside the engine: end the worker, start another.
        pending.delete(id);
        worker.terminate();
        for (const other of pending.values()) {
          clearTimeout(other.timer);
          other.reject(failure('timeout', 'the engine was restarted'));
        }
        pending.clear();
        reject(failure('timeout', `the work took longer than ${TIME_LIMIT_MS / 1000} s and was stopped`));
        worker = await startWorker();
        listen(worker);
      }, TIME_LIMIT_MS);
      pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, name, args }, transfer);
    });
  }

  return {
    kind: 'wasm',
    render: (json, options = {}) => call('render', [json, options]),
    check: (json) => call('check', [json]),
    preview: (json, options = {}) => call('preview', [json, options]),
    previewReport: (json, options = {}) => call('previewReport', [json, options]),
    importFile: (name, bytes, options = {}) => call('importFileWithWarnings', [name, bytes, options]),
    extract: (bytes) => call('extract', [bytes]),
    parseCell: (text) => call('parseCell', [text]),
    cellText: (rich) => call('cellText', [rich]),
    readDate: (text) => call('readDate', [text]),
  };
}

/** A worker whose engine has loaded, or a rejection saying why not. */
function startWorker() {
  return new Promise((resolve, reject) => {
    let worker;
    try {
      worker = new Worker(new URL('./engine-worker.js', import.meta.url), { type: 'module' });
    } catch (error) {
      reject(failure('unavailable', String(error)));
      return;
    }
    const timer = setTimeout(() => {
      worker.terminate();
      reject(failure('unavailable', 'the engine did not start in time'));
    }, START_LIMIT_MS);
    worker.onerror = (event) => {
      clearTimeout(timer);
      worker.terminate();
      reject(failure('unavailable', event.message || 'the engine could not be loaded'));
    };
    worker.onmessage = (event) => {
      if (event.data.id !== -1) return;
      clearTimeout(timer);
      if (event.data.ok) resolve(worker);
      else {
        worker.terminate();
        reject(event.data.error);
      }
    };
  });
}

// ---- The HTTP API of `ita-report serve` ---------------------------------------------------

async function serverAnswers() {
  try {
    const response = await fetch('healthz', { cache: 'no-store' });
    return response.ok;
  } catch {
    return false;
  }
}

function serverEngine() {
  async function post(path, body, type = 'application/json') {
    let response;
    try {
      response = await fetch(path, { method: 'POST', headers: { 'Content-Type': type }, body });
    } catch (error) {
      throw failure('unavailable', String(error));
    }
    if (response.ok) return response;
    const answer = await response.json().catch(() => ({}));
    const kind = answer.reason ? 'import'
      : response.status === 422 ? 'invalid-dataset'
        : response.status === 503 ? 'timeout'
          : response.status === 400 ? 'options' : 'render';
    throw {
      kind,
      message: answer.error || `HTTP ${response.status}`,
      problems: answer.problems || [],
      reason: answer.reason,
      message_th: answer.error_th,
      warnings: answer.warnings || [],
      warnings_th: answer.warnings_th || [],
    };
  }
  const query = (options) => new URLSearchParams(
    Object.entries(options).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, String(v)]),
  ).toString();
  return {
    kind: 'server',
    render: async (json, options = {}) =>
      new Uint8Array(await (await post(`api/render?${query(options)}`, json)).arrayBuffer()),
    check: async (json) => (await post('api/check', json)).json(),
    preview: async (json, options = {}) =>
      (await (await post(`api/preview?${query(options)}`, json)).json()).pages,
    previewReport: async (json, options = {}) => {
      const answer = await (await post(`api/preview?${query(options)}`, json)).json();
      return { pages: answer.pages, measures: answer.measures || [] };
    },
    importFile: async (name, bytes, options = {}) =>
      (await post(`api/import?${query({ file_name: name, ...options })}`, bytes, 'application/octet-stream')).json(),
    extract: async (bytes) => {
      try {
        return await (await post('api/extract', bytes, 'application/pdf')).text();
      } catch (error) {
        // 422 without problems: the PDF carries no dataset (not made by this tool).
        if (error.kind === 'invalid-dataset' && !error.problems.length) error.kind = 'not-a-report';
        throw error;
      }
    },
    parseCell: async (text) =>
      (await post('api/cell/parse', JSON.stringify(text))).json(),
    cellText: async (rich) =>
      (await post('api/cell/text', JSON.stringify(rich ?? ''))).text(),
    readDate: async (text) =>
      (await post('api/date', JSON.stringify(String(text ?? '')))).json(),
  };
}

function failure(kind, message) {
  return { kind, message };
}
