// The web app's figures, measured in one run against the native program as the baseline:
// the engine module's size (raw and gzip), the time from a cold page load to the first
// preview, and the render time of the 8-page sample in Chromium's WebAssembly engine
// against `ita-report render` in-process time on the same machine.
//
// Usage: node benches/web.mjs   (from the repository; needs web/dist/ from scripts/build-web,
// target/release/ita-report, tests/browser/node_modules and Debian's chromium)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(join(process.cwd(), 'tests/browser/package.json'));
const { chromium } = require('playwright-core');
const { serveStatic } = await import(join(process.cwd(), 'tests/browser/static-server.mjs'));

const RUNS = 15;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const wasmPath = 'web/dist/engine/ita_report_web_bg.wasm';
const wasm = readFileSync(wasmPath);
const sample = readFileSync('samples/sawang-2567.json', 'utf8');

// Native baseline: whole-process renders of the sample.
const out = join(mkdtempSync(join(tmpdir(), 'ita-bench-')), 'sample.pdf');
const native = [];
for (let i = 0; i < RUNS; i += 1) {
  const t = process.hrtime.bigint();
  execFileSync('target/release/ita-report', ['render', 'samples/sawang-2567.json', '-o', out], { stdio: 'ignore' });
  native.push(Number(process.hrtime.bigint() - t) / 1e6);
}

const server = await serveStatic('web/dist');
const launch = () => chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ita-bench-chromium-')), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
// Cold page loads: a new browser profile each time (nothing cached), to the first preview.
const firstPreview = [];
for (let i = 0; i < 5; i += 1) {
  const context = await launch();
  const page = context.pages()[0] ?? await context.newPage();
  const t = Date.now();
  await page.goto(server.url);
  await page.waitForFunction(() => Number(document.querySelector('#preview').dataset.renders) > 0, null, { timeout: 120000 });
  firstPreview.push(Date.now() - t);
  await context.close();
}
// Renders of the sample in the page's engine (warm, as while editing).
const context = await launch();
const page = context.pages()[0] ?? await context.newPage();
await page.goto(server.url);
await page.waitForFunction(() => Number(document.querySelector('#preview').dataset.renders) > 0, null, { timeout: 120000 });
const inPage = await page.evaluate(async ({ sample, runs }) => {
  const { openEngine } = await import('./engine.js');
  const engine = await openEngine();
  const render = [];
  const preview = [];
  let first;
  for (let i = 0; i < runs; i += 1) {
    let t = performance.now();
    const pdf = await engine.render(sample);
    render.push(performance.now() - t);
    first ??= pdf.length;
    t = performance.now();
    await engine.preview(sample);
    preview.push(performance.now() - t);
  }
  return { render, preview, bytes: first };
}, { sample, runs: RUNS });
await context.close();
await server.close();

const figures = {
  wasm_bytes: statSync(wasmPath).size,
  wasm_gzip_bytes: gzipSync(wasm, { level: 9 }).length,
  first_preview_cold_ms_median: median(firstPreview),
  first_preview_cold_ms_all: firstPreview,
  native_render_process_ms_median: Math.round(median(native)),
  chromium_render_ms_median: Math.round(median(inPage.render)),
  chromium_preview_ms_median: Math.round(median(inPage.preview)),
  ratio_chromium_to_native_render: +(median(inPage.render) / median(native)).toFixed(2),
};
console.log(JSON.stringify(figures, null, 2));
