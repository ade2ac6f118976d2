// The engine's worker: runs the WebAssembly engine (engine/ita_report_web.js, built by
// scripts/build-web) off the page's thread, so typing never waits for a render, and so the
// page can end a render that takes too long by ending the worker.
import init, * as engine from './engine/ita_report_web.js';

const ready = init({ module_or_path: new URL('./engine/ita_report_web_bg.wasm', import.meta.url) });

self.onmessage = async (event) => {
  const { id, name, args } = event.data;
  try {
    await ready;
    const value = engine[name](...args);
    const transfer = value instanceof Uint8Array ? [value.buffer] : [];
    self.postMessage({ id, ok: true, value }, transfer);
  } catch (error) {
    // The engine's own failures are plain objects {kind, message, problems?}; anything else
    // (a trap: a bug) becomes one too. The engine starts afresh on its next call.
    const failure = error && typeof error === 'object' && 'kind' in error
      ? error
      : { kind: 'internal', message: String(error && error.message || error) };
    self.postMessage({ id, ok: false, error: failure });
  }
};
ready.then(
  () => self.postMessage({ id: -1, ok: true, value: 'ready' }),
  (error) => self.postMessage({ id: -1, ok: false, error: { kind: 'unavailable', message: String(error) } }),
);
