// Drives the `ita-report serve` editor in headless Chromium: loads the page, types Thai into
// a cell (also through an input-method composition), sees the preview change, shows a
// problem at its field, adds a measure, saves, and downloads the PDF.
//
// Usage: node editor.mjs BASE_URL OUT.pdf   (tests/serve.rs runs it against the real binary)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base, pdfPath] = process.argv.slice(2);
if (!base || !pdfPath) {
  console.error('usage: node editor.mjs BASE_URL OUT.pdf');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const profile = mkdtempSync(join(tmpdir(), 'ita-report-chromium-'));
const step = (text) => console.log(`editor: ${text}`);

const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  acceptDownloads: true,
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(20000);
  page.on('pageerror', (e) => console.error(`page error: ${e}`));

  const renders = () => page.$eval('#preview', (p) => Number(p.dataset.renders));
  const previewHtml = () => page.$eval('#preview', (p) => p.innerHTML);
  const waitRendersAbove = (n) =>
    page.waitForFunction((n) => Number(document.querySelector('#preview').dataset.renders) > n, n);

  await page.goto(base);
  await waitRendersAbove(0);
  const pages = await page.$eval('#preview', (p) => p.querySelectorAll('.page img').length);
  if (pages < 1) throw new Error('the preview shows no page');
  step(`page loaded, preview of ${pages} page(s)`);

  // Typing Thai into a cell re-renders the preview.
  let before = await previewHtml();
  let count = await renders();
  const result = page.locator('textarea[name="measures[0].result"]');
  await result.click();
  await page.keyboard.press('Control+End');
  const started = Date.now();
  await page.keyboard.type('\nทดสอบพิมพ์ไทยในตาราง');
  await waitRendersAbove(count);
  step(`typed Thai, preview re-rendered ${Date.now() - started} ms after the first key`);
  if ((await previewHtml()) === before) throw new Error('the preview did not change after typing');

  // An input-method composition is never interrupted: no re-render until it ends.
  const cdp = await context.newCDPSession(page);
  // First let a render still under way for the typing above finish (on a busy machine it
  // can land late), so that any render counted below comes from the composition.
  for (let stable = 0; stable < 3;) {
    const before = await renders();
    await page.waitForTimeout(300);
    stable = (await renders()) === before ? stable + 1 : 0;
  }
  count = await renders();
  await cdp.send('Input.imeSetComposition', { text: 'ก', selectionStart: 1, selectionEnd: 1 });
  await cdp.send('Input.imeSetComposition', { text: 'กา', selectionStart: 2, selectionEnd: 2 });
  await page.waitForTimeout(1200);
  if ((await renders()) !== count) throw new Error('the preview re-rendered during an IME composition');
  await cdp.send('Input.insertText', { text: 'กา' });
  await waitRendersAbove(count);
  const value = await result.inputValue();
  if (!value.endsWith('ทดสอบพิมพ์ไทยในตารางกา')) throw new Error(`the cell holds ${JSON.stringify(value)}`);
  step('IME composition: no re-render while composing, one after it');

  // A problem is shown at its field.
  const name = page.locator('.field[data-path="organization.name"] input');
  const orgName = await name.inputValue();
  await name.fill('');
  await page.waitForSelector('.field[data-path="organization.name"].has-error');
  await name.fill(orgName);
  await page.waitForSelector('.field[data-path="organization.name"].has-error', { state: 'detached' })
    .catch(() => {});
  await page.waitForFunction(() => !document.querySelector('.field.has-error'));
  step('an empty organisation name is shown at its field, and cleared when fixed');

  // Adding a measure adds a row.
  const measures = await page.locator('fieldset.measure').count();
  before = await previewHtml();
  count = await renders();
  await page.click('#add-measure');
  if ((await page.locator('fieldset.measure').count()) !== measures + 1) throw new Error('no measure was added');
  const added = page.locator(`textarea[name="measures[${measures}].measure"]`);
  await added.fill('มาตรการเพิ่มใหม่จากเบราว์เซอร์');
  await page.waitForFunction(
    ([n, html]) => Number(document.querySelector('#preview').dataset.renders) > n
      && document.querySelector('#preview').innerHTML !== html
      && !document.querySelector('#preview').classList.contains('stale'),
    [count, before]);
  step(`added measure ${measures + 1}, preview updated`);

  // Save writes the file given on the command line.
  await page.click('#save');
  await page.waitForFunction(() => document.querySelector('#status').textContent.includes('บันทึกลงไฟล์แล้ว'));
  step('saved');

  // Download the PDF.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-pdf')]);
  await download.saveAs(pdfPath);
  step(`downloaded the PDF to ${pdfPath}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log('editor: all steps passed');
