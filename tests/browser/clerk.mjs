// A clerk's walk through the static editor (web/dist/, WebAssembly engine, no server): a new
// report from the start screen, Thai typed through an input method, numbers that must stay
// text, a reload that finds everything, the PDF downloaded under the organisation's name, a
// period switched and back, a year slip that does not spread, a delete undone, a Word file
// opened, next year's report, 375 px without horizontal scrolling, axe-core, Thai places.
//
// Usage: node clerk.mjs DIST_DIR report.docx OUT.pdf SHOTS_DIR   (tests/editor.rs runs it)
// Prints one JSON line of what it saw; throws (exit 1) at the first step that fails.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.mjs';

const [dist, docx, pdfPath, shots] = process.argv.slice(2);
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const server = await serveStatic(dist);
const profile = mkdtempSync(join(tmpdir(), 'ita-report-clerk-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  acceptDownloads: true,
  viewport: { width: 1366, height: 768 },
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--no-first-run'],
});
const seen = { steps: [] };
const errors = [];
const step = (s) => seen.steps.push(s);
const expect = (ok, what) => { if (!ok) throw new Error(what); };

try {
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(60000);
  page.on('pageerror', (e) => errors.push(String(e)));
  const renders = () => page.$eval('#preview', (p) => Number(p.dataset.renders));
  const rendered = (n) => page.waitForFunction((n) => Number(document.querySelector('#preview').dataset.renders) > n, n);
  const kept = () => page.waitForFunction(() => document.querySelector('#saved-state').textContent === 'บันทึกไว้ในเครื่องนี้แล้ว');
  const value = (name) => page.locator(`[name="${name}"]`).inputValue();
  const noSideScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const axe = async () => {
    await page.evaluate(axeSource);
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  };

  await page.goto(server.url);
  await page.waitForSelector('#start:not([hidden])');
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  await page.screenshot({ path: join(shots, 'start-1366.png'), fullPage: true });
  seen.axe_start = await axe();
  expect(seen.axe_start.length === 0, `axe on the start screen: ${seen.axe_start}`);
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await noSideScroll(), 'the start screen scrolls sideways at 375 px');
  await page.screenshot({ path: join(shots, 'start-375.png'), fullPage: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  step('start screen');

  // The start form's controls are named by the dataset paths they fill, and no name is
  // used twice in the page (the editor's form is not in the page meanwhile).
  const duplicateNames = () => page.evaluate(() => {
    const names = [...document.querySelectorAll('[name]')].map((c) => c.name);
    return names.filter((n, i) => names.indexOf(n) !== i);
  });
  expect((await duplicateNames()).length === 0, `names used twice: ${await duplicateNames()}`);
  // A new report, by keyboard: Tab through the start form, Enter to create it.
  await page.locator('[name="organization.name"]').focus();
  await page.keyboard.type('นาดี');
  await page.keyboard.press('Tab');
  await page.keyboard.type('เมือง');
  await page.keyboard.press('Tab');
  await page.keyboard.type('ขอนแก่น');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2568');
  await page.locator('[name="signatories[0].name"]').fill('นางสาวสมใจ ใจดี');
  await page.locator('[name="signatories[0].position"]').fill('นักวิเคราะห์นโยบายและแผน');
  await page.locator('[name="organization.name"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#editor:not([hidden])');
  await rendered(0);
  expect(await value('organization.name') === 'องค์การบริหารส่วนตำบลนาดี', 'organisation name');
  expect(await value('organization.short_name') === 'อบต.นาดี', 'short name');
  expect(await value('fiscal_year') === '๒๕๖๘', `fiscal year shown as ${await value('fiscal_year')}`);
  expect(await value('signatories[0].name') === 'นางสาวสมใจ ใจดี', 'the reporter signs');
  expect(await page.locator('[name="signatories[1].name"]').count() === 0, 'no signatory from an example');
  expect(await value('measures[0].period.start') === '๑ ต.ค. ๒๕๖๗', `period start ${await value('measures[0].period.start')}`);
  // The testing contract: every control that holds data is named by its dataset path.
  const unnamed = await page.$$eval('#form input, #form textarea', (cs) => cs.filter((c) => !c.name).length);
  expect(unnamed === 0, `${unnamed} controls without a name`);
  expect((await duplicateNames()).length === 0, `names used twice: ${await duplicateNames()}`);
  await kept();
  step('new report');

  // Thai through an input method: the model changes only when the composition ends.
  const cdp = await context.newCDPSession(page);
  await page.locator('[name="measures[0].measure"]').click();
  // A render still under way for the edits above may land late on a busy machine: let the
  // preview settle first, so any render counted below comes from the composition.
  for (let stable = 0; stable < 3;) {
    const seen = await renders();
    await page.waitForTimeout(300);
    stable = (await renders()) === seen ? stable + 1 : 0;
  }
  let count = await renders();
  await cdp.send('Input.imeSetComposition', { text: 'ม', selectionStart: 1, selectionEnd: 1 });
  await cdp.send('Input.imeSetComposition', { text: 'มา', selectionStart: 2, selectionEnd: 2 });
  await page.waitForTimeout(500);
  expect(await renders() === count, 'the preview re-rendered during a composition');
  await cdp.send('Input.insertText', { text: 'มาตรการเผยแพร่ข้อมูล' });
  await rendered(count);
  step('IME composition');

  // Numbers that must stay text, and a list the parser recognises.
  await page.locator('[name="measures[0].result"]').fill('๙๙.๘๒ คะแนน');
  await page.locator('[name="measures[0].outcome"]').fill('1.5 ล้านบาท');
  await page.locator('[name="measures[0].method"]').fill('๑. ประชุมชี้แจง\n๒. เผยแพร่ทางเว็บไซต์');
  await page.waitForFunction(() => document.querySelector('[data-path="measures[0].method"] .structure').textContent.includes('รายการมีเลขข้อ ๒ ข้อ'));
  seen.result_structure = await page.textContent('[data-path="measures[0].result"] .structure');
  expect(seen.result_structure === 'ย่อหน้า ๑', `"๙๙.๘๒ คะแนน" read as ${seen.result_structure}`);
  await kept();
  step('cell text through the engine parser');

  // Reload: everything is still there.
  count = await renders();
  await page.reload();
  await page.waitForSelector('#editor:not([hidden])');
  await rendered(0);
  expect(await value('measures[0].result') === '๙๙.๘๒ คะแนน', `after reload: ${await value('measures[0].result')}`);
  expect(await value('measures[0].outcome') === '1.5 ล้านบาท', 'outcome after reload');
  expect(await value('measures[0].measure') === 'มาตรการเผยแพร่ข้อมูล', 'measure after reload');
  expect((await page.textContent('#saved-state')) === 'บันทึกไว้ในเครื่องนี้แล้ว', 'saved state shown');
  step('reload restores the draft');

  // The PDF, named after the organisation and year.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-pdf')]);
  await download.saveAs(pdfPath);
  seen.download_name = download.suggestedFilename();
  expect(seen.download_name === 'ITA-อบต.นาดี-2568.pdf', `downloaded as ${seen.download_name}`);
  step('PDF downloaded');

  // Period: dates -> text -> dates keeps both.
  const kind = page.locator('[data-role="period-kind"]').first();
  await kind.selectOption('text');
  await page.waitForSelector('[name="measures[0].period"]');
  const asText = await value('measures[0].period');
  expect(asText.includes('๑ ต.ค. ๒๕๖๗'), `dates as text: ${asText}`);
  await page.locator('[name="measures[0].period"]').fill('ตลอดปีงบประมาณ');
  await page.waitForFunction(() => document.body.dataset.kept);
  await page.waitForTimeout(200);
  await page.locator('[data-role="period-kind"]').first().selectOption('dates');
  await page.waitForSelector('[name="measures[0].period.start"]');
  expect(await value('measures[0].period.start') === '๑ ต.ค. ๒๕๖๗', 'dates back');
  await page.locator('[data-role="period-kind"]').first().selectOption('text');
  await page.waitForSelector('[name="measures[0].period"]');
  expect(await value('measures[0].period') === 'ตลอดปีงบประมาณ', `text back: ${await value('measures[0].period')}`);
  await page.locator('[data-role="period-kind"]').first().selectOption('dates');
  await page.waitForSelector('[name="measures[0].period.start"]');
  step('period switch keeps the data');

  // A Thai date typed, and a year slip that does not spread.
  await page.locator('[name="measures[0].period.end"]').fill('31 มี.ค. 68');
  await page.waitForFunction(() => document.querySelector('[name="measures[0].period.end"]').dataset.iso === '2025-03-31');
  await page.locator('[name="fiscal_year"]').fill('25682568');
  count = await renders();
  await page.click('#add-measure');
  await rendered(count);
  expect(await value('measures[1].period.start') === '๑ ต.ค. ๒๕๖๗', `the slip spread: ${await value('measures[1].period.start')}`);
  await page.waitForFunction(() => !document.querySelector('#problems').hidden);
  seen.problems = await page.textContent('#problems');
  expect(seen.problems.includes('ปีงบประมาณ'), `the slip is named in Thai: ${seen.problems}`);
  expect(!/measures\[|fiscal_year|organization\./.test(seen.problems), `a JSON path shown: ${seen.problems}`);
  // Every word of it Thai: the engine's Thai message and hint, no English left.
  expect(!/[A-Za-z]{3,}/.test(seen.problems), `English in the problems: ${seen.problems}`);
  // A date typo is told in Thai by the engine's date reader, and nothing is kept of it.
  await page.locator('[name="measures[1].period.end"]').fill('31 ก.พ. 2568');
  await page.waitForFunction(() => document.querySelector('[data-path="measures[1].period.end"]').classList.contains('typing-error'));
  seen.date_typo = await page.textContent('[data-path="measures[1].period.end"] .be');
  expect(seen.date_typo.includes('กุมภาพันธ์') && !/[A-Za-z]{3,}/.test(seen.date_typo), `date typo: ${seen.date_typo}`);
  await page.locator('[name="measures[1].period.end"]').fill('30 ก.ย. 2568');
  await page.waitForFunction(() => document.querySelector('[name="measures[1].period.end"]').dataset.iso === '2025-09-30');
  await page.locator('[name="fiscal_year"]').fill('2568');
  await page.waitForFunction(() => document.querySelector('#problems').hidden);
  step('Thai dates; a year slip stays in its field');

  // Delete a measure, then undo it (Ctrl+Z), then redo (Ctrl+Y).
  await page.locator('[name="measures[1].measure"]').fill('มาตรการที่จะถูกลบ');
  await page.waitForTimeout(1100);
  const before = await page.locator('fieldset.measure').count();
  await page.click('fieldset.measure[data-index="1"] .remove-measure');
  expect(await page.locator('fieldset.measure').count() === before - 1, 'not deleted');
  await page.keyboard.press('Control+z');
  await page.waitForFunction((n) => document.querySelectorAll('fieldset.measure').length === n, before);
  expect(await value('measures[1].measure') === 'มาตรการที่จะถูกลบ', 'the undone delete lost the text');
  await page.keyboard.press('Control+y');
  await page.waitForFunction((n) => document.querySelectorAll('fieldset.measure').length === n, before - 1);
  await page.keyboard.press('Control+z');
  await page.waitForFunction((n) => document.querySelectorAll('fieldset.measure').length === n, before);
  // Move measure 2 up: it is measure 1 now, and its button has the focus.
  await page.click('fieldset.measure[data-index="1"] .move-up');
  await page.waitForFunction(() => document.querySelector('[name="measures[0].measure"]').value === 'มาตรการที่จะถูกลบ');
  seen.focus_after_move = await page.evaluate(() => document.activeElement.closest('fieldset.measure')?.dataset.index);
  expect(seen.focus_after_move === '0', `focus after a move: ${seen.focus_after_move}`);
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('[name="measures[0].measure"]').value === 'มาตรการเผยแพร่ข้อมูล');
  step('undo a delete and a move');

  await page.screenshot({ path: join(shots, 'editor-1366.png') });
  seen.axe_editor = await axe();
  expect(seen.axe_editor.length === 0, `axe in the editor: ${seen.axe_editor}`);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForTimeout(300);
  expect(await noSideScroll(), `the editor is ${await page.evaluate(() => document.documentElement.scrollWidth)} px wide at 375 px`);
  await page.screenshot({ path: join(shots, 'editor-375.png') });
  await page.setViewportSize({ width: 1366, height: 768 });
  step('375 px, axe-core');

  // A Word file opened from the toolbar.
  count = await renders();
  await page.setInputFiles('#open-file', docx);
  await rendered(count);
  seen.word_organization = await value('organization.name');
  expect(seen.word_organization !== '' && seen.word_organization !== 'องค์การบริหารส่วนตำบลนาดี', 'the Word file was not opened');
  // What the import could not fully understand is listed, in Thai, with its place.
  await page.waitForSelector('#import-notes:not([hidden])');
  seen.import_notes = await page.textContent('#import-notes-list');
  expect(seen.import_notes.includes('ตาราง ๑, แถว') && !/[A-Za-z]{3,}/.test(seen.import_notes), `import notes: ${seen.import_notes}`);
  step('Word file opened');

  // A workbook whose table has no organisation above it: the clerk is asked, not refused.
  count = await renders();
  page.once('dialog', (dialog) => dialog.accept('องค์การบริหารส่วนตำบลทดสอบ'));
  await page.setInputFiles('#open-file', join(dirname(docx), 'merged.xlsx'));
  await rendered(count);
  seen.asked_organization = await value('organization.name');
  expect(seen.asked_organization === 'องค์การบริหารส่วนตำบลทดสอบ', `organisation asked: ${seen.asked_organization}`);
  count = await renders();
  await page.setInputFiles('#open-file', docx);
  await rendered(count);
  step('a file without the organisation: asked');

  // The preview follows the measure being edited, and an edit redraws only what changed.
  const last = (await page.locator('fieldset.measure').count()) - 1;
  seen.word_pages = Number(await page.$eval('#preview', (p) => p.dataset.pages));
  await page.$eval('#preview-pane', (p) => { p.scrollTop = 0; });
  await page.locator(`[name="measures[${last}].result"]`).focus();
  await page.waitForFunction((i) => document.querySelector('#preview').dataset.following === String(i), last);
  seen.follow_scroll = await page.$eval('#preview-pane', (p) => p.scrollTop);
  expect(seen.follow_scroll > 0, 'the preview did not scroll to the last measure');
  count = await renders();
  await page.keyboard.press('End');
  await page.keyboard.type('ก');
  await rendered(count);
  seen.pages_replaced = Number(await page.$eval('#preview', (p) => p.dataset.replaced));
  expect(seen.pages_replaced >= 1 && seen.pages_replaced <= 2, `an edit redrew ${seen.pages_replaced} of ${seen.word_pages} pages`);
  await page.keyboard.press('Control+z');
  step('preview follows the measure; an edit redraws its page');

  // The plan of measures, from the same data, downloaded under its own name.
  count = await renders();
  await page.locator('#document').selectOption('plan');
  await rendered(count);
  const [plan] = await Promise.all([page.waitForEvent('download'), page.click('#download-pdf')]);
  seen.plan_name = plan.suggestedFilename();
  expect(seen.plan_name.startsWith('ITA-แผน-'), `plan downloaded as ${seen.plan_name}`);
  await page.locator('#document').selectOption('report');
  step('plan document');

  // Next year's report from the Nadee draft.
  await page.click('#home');
  await page.waitForSelector('#start:not([hidden])');
  const nadee = page.locator('li.draft', { hasText: 'อบต.นาดี' }).first();
  await nadee.locator('.next-year-draft').click();
  await page.waitForSelector('#editor:not([hidden])');
  expect(await value('fiscal_year') === '๒๕๖๙', `next year: ${await value('fiscal_year')}`);
  expect(await value('measures[0].measure') === 'มาตรการเผยแพร่ข้อมูล', 'measures kept');
  expect(await value('measures[0].result') === '', 'results cleared');
  expect(await value('measures[0].period.start') === '๑ ต.ค. ๒๕๖๘', `period moved: ${await value('measures[0].period.start')}`);
  step("next year's report");

  // A second tab on the same draft: the first tab is told, and overwrites nothing silently.
  await page.waitForFunction(() => document.querySelector('#saved-state').textContent === 'บันทึกไว้ในเครื่องนี้แล้ว');
  const other = await context.newPage();
  await other.goto(server.url);
  await other.waitForSelector('#start:not([hidden])');
  await other.locator('li.draft', { hasText: '๒๕๖๙' }).first().locator('.continue-draft').click();
  await other.waitForSelector('#editor:not([hidden])');
  await other.locator('[name="organization.district"]').fill('อำเภอจากแท็บที่สอง');
  await page.waitForSelector('#conflict:not([hidden])');
  await page.locator('[name="organization.province"]').fill('จังหวัดจากแท็บแรก');
  await page.waitForTimeout(300);
  seen.conflict_state = await page.textContent('#saved-state');
  expect(seen.conflict_state.includes('ยังไม่ได้บันทึก'), `first tab: ${seen.conflict_state}`);
  await page.click('#take-theirs');
  await page.waitForFunction(() => document.querySelector('[name="organization.district"]').value === 'อำเภอจากแท็บที่สอง');
  await other.close();
  step('two tabs on one draft');

  seen.page_errors = errors;
  expect(errors.length === 0, `page errors: ${errors}`);
  console.log(JSON.stringify(seen));
} finally {
  await context.close();
  await server.close();
}
