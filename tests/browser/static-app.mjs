// The static web app (web/dist/) in headless Chromium, from a plain file server with no
// ita-report behind it (every /api/ request fails): the page starts the WebAssembly engine,
// shows the preview, lists a problem, imports a Word file and downloads the PDF.
//
// Usage: node static-app.mjs DIST_DIR report.docx OUT.pdf   (tests/web.rs runs it)
// Prints one JSON line of what it saw: {engine, first_preview_ms, ...}.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.mjs';

const [dist, docx, pdfPath] = process.argv.slice(2);
if (!dist || !docx || !pdfPath) {
  console.error('usage: node static-app.mjs DIST_DIR report.docx OUT.pdf');
  process.exit(2);
}
const server = await serveStatic(dist);
const profile = mkdtempSync(join(tmpdir(), 'ita-report-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  acceptDownloads: true,
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const seen = {};
const errors = [];
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(60000);
  page.on('pageerror', (e) => errors.push(String(e)));
  const renders = () => page.$eval('#preview', (p) => Number(p.dataset.renders));
  const waitRendersAbove = (n) =>
    page.waitForFunction((n) => Number(document.querySelector('#preview').dataset.renders) > n, n);

  const started = Date.now();
  await page.goto(server.url);
  // The start screen: look at the example (labelled as one).
  await page.click('#show-example');
  await waitRendersAbove(0);
  seen.first_preview_ms = Date.now() - started;
  seen.engine = await page.evaluate(() => document.body.dataset.engine);
  seen.pages = await page.$eval('#preview', (p) => p.querySelectorAll('.page img').length);
  if (seen.engine !== 'wasm') throw new Error(`the page runs on ${seen.engine}, not the WebAssembly engine`);
  if (seen.pages < 1) throw new Error('the preview shows no page');

  // A mistake is found by the engine in the page and listed.
  const name = page.locator('.field[data-path="organization.name"] input');
  const typed = await name.inputValue();
  let count = await renders();
  await name.fill('');
  await page.waitForFunction(() => !document.querySelector('#problems').hidden);
  seen.problem = (await page.textContent('#problems')).trim();
  await name.fill(typed);
  await page.waitForFunction(() => document.querySelector('#problems').hidden);

  // A Word file is imported by the engine in the page.
  count = await renders();
  await page.setInputFiles('#open-file', docx);
  await waitRendersAbove(count);
  seen.imported_organization = await name.inputValue();

  // The PDF is made in the page and downloaded.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('#download-pdf'),
  ]);
  await download.saveAs(pdfPath);
  seen.download_name = download.suggestedFilename();
  seen.api_requests = server.seen.apiRequests;
  seen.page_errors = errors;
  console.log(JSON.stringify(seen));
} finally {
  await context.close();
  await server.close();
}
