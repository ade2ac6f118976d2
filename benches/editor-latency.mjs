// Keystroke-to-preview latency of the editor, measured in headless Chromium on the static app
// (web/dist/, WebAssembly engine): for each sample, 20 single-key edits in a measure's result
// cell, each timed from the key to the frame after the preview's next render (#preview
// data-renders): the moment the new page is on the screen.
// Prints median and worst per sample. Not a test: figures only.
//
// Usage: node benches/editor-latency.mjs [DIST_DIR]   (after scripts/build-web)
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const require = createRequire(join(root, 'tests/browser/package.json'));
const { chromium } = require('playwright-core');
const { serveStatic } = await import(join(root, 'tests/browser/static-server.mjs'));
const dist = process.argv[2] || join(root, 'web/dist');
const server = await serveStatic(dist);
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ita-latency-')), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run'],
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(60000);
  await page.goto(server.url);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  for (const sample of ['short-example.json', 'sawang-2567.json']) {
    const count = await page.$eval('#preview', (p) => Number(p.dataset.renders));
    await page.setInputFiles('#open-file', join(root, 'samples', sample));
    await page.waitForFunction((n) => Number(document.querySelector('#preview').dataset.renders) > n, count);
    const pages = await page.$eval('#preview', (p) => p.dataset.pages);
    await page.locator('[name="measures[0].result"]').click();
    await page.keyboard.press('Control+End');
    const times = [];
    for (let i = 0; i < 20; i++) {
      const ms = await page.evaluate(() => new Promise((done) => {
        const preview = document.querySelector('#preview');
        const before = Number(preview.dataset.renders);
        const start = performance.now();
        new MutationObserver((_, observer) => {
          if (Number(preview.dataset.renders) > before) {
            observer.disconnect();
            // Until the changed preview is on the screen: the frame after it was drawn.
            requestAnimationFrame(() => setTimeout(() => done(performance.now() - start), 0));
          }
        }).observe(preview, { attributes: true, attributeFilter: ['data-renders'] });
        const area = document.activeElement;
        area.value += 'ก';
        area.dispatchEvent(new InputEvent('input', { bubbles: true, data: 'ก', inputType: 'insertText' }));
      }));
      times.push(ms);
      await page.waitForTimeout(150);
    }
    times.sort((a, b) => a - b);
    console.log(`${sample} (${pages} pages): median ${times[10].toFixed(0)} ms, worst ${times[19].toFixed(0)} ms over 20 edits`);
  }
} finally {
  await context.close();
  await server.close();
}
