// Two tabs on one file given to `ita-report serve FILE.json`: the first saves; the second,
// which opened the file before that save, is refused (409) and asked; it can then replace the
// file or load the newer version. Every message it shows is Thai.
//
// Usage: node stale-save.mjs BASE_URL   (tests/editor.rs runs it against the real binary)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base] = process.argv.slice(2);
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ita-report-stale-')), {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run'],
});
const expect = (ok, what) => { if (!ok) throw new Error(what); };
const seen = {};
try {
  const open = async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(30000);
    await page.goto(base);
    await page.waitForFunction(() => Number(document.querySelector('#preview').dataset.renders) > 0);
    return page;
  };
  const first = await open();
  const second = await open();
  const status = (page) => page.textContent('#status');

  await first.locator('[name="organization.name"]').fill('เทศบาลตำบลแท็บแรก');
  await first.click('#save');
  await first.waitForFunction(() => document.querySelector('#status').textContent.includes('บันทึกลงไฟล์แล้ว'));

  await second.locator('[name="organization.name"]').fill('เทศบาลตำบลแท็บที่สอง');
  await second.click('#save');
  await second.waitForSelector('#stale:not([hidden])');
  seen.refused = await status(second);
  expect(/[ก-๙]/.test(seen.refused) && !/[A-Za-z]{3}/.test(seen.refused.replace(/ita-report|JSON/g, '')), `not Thai: ${seen.refused}`);

  await second.click('#reload-file');
  await second.waitForFunction(() => document.querySelector('[name="organization.name"]').value === 'เทศบาลตำบลแท็บแรก');
  await second.locator('[name="organization.name"]').fill('เทศบาลตำบลแท็บที่สอง');
  await second.click('#save');
  await second.waitForFunction(() => document.querySelector('#status').textContent.includes('บันทึกลงไฟล์แล้ว'));
  seen.saved_after_reload = true;

  // Now the first tab is the stale one; it chooses to replace the file.
  await first.locator('[name="organization.province"]').fill('จังหวัดจากแท็บแรก');
  await first.click('#save');
  await first.waitForSelector('#stale:not([hidden])');
  await first.click('#replace-file');
  await first.waitForFunction(() => document.querySelector('#status').textContent.includes('บันทึกลงไฟล์แล้ว'));
  seen.replaced = true;
  console.log(JSON.stringify(seen));
} finally {
  await context.close();
}
