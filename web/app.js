// ita-report editor: a start screen (new report, open a file, continue a draft, next year's
// report), a form over the dataset JSON whose every control is named by its dataset path, a
// live preview (SVG pages from the engine: WebAssembly in the page, or `ita-report serve`),
// problems named as the clerk sees the place. Every change is kept in this browser at once
// (drafts.js) and can be undone. Cell text is parsed by the engine's one cell parser (the same
// as import), so nothing the clerk types is changed. Plain JS modules, no build step.
import { openEngine } from './engine.js';
import { deleteDraft, listDrafts, newDraftId, onOtherTabWrite, readDraft, writeDraft } from './drafts.js';
import {
  arabicDigits, failureWords, nextYearDate, thaiDigits, validYear,
} from './thai.js';

/** The pause after a keystroke before the preview is made (edits in it are coalesced). */
const PREVIEW_DELAY_MS = 60;
/** Keystrokes in one field closer than this are one undo step. */
const UNDO_GROUP_MS = 1000;
const CELLS = [
  ['measure', 'มาตรการ/กิจกรรม'],
  ['method', 'วิธีการดำเนินการ'],
  ['responsible', 'ผู้รับผิดชอบ'],
  ['period', 'ระยะเวลา'],
  ['result', 'ผลการดำเนินการ'],
  ['outcome', 'ผลลัพธ์หรือความสำเร็จ'],
];
const ORGANIZATION_TYPES = [
  ['องค์การบริหารส่วนตำบล', 'อบต.'],
  ['เทศบาลตำบล', 'ทต.'],
  ['เทศบาลเมือง', 'ทม.'],
  ['เทศบาลนคร', 'ทน.'],
  ['องค์การบริหารส่วนจังหวัด', 'อบจ.'],
];

const state = {
  engine: null,
  dataset: null,
  example: false, // an example is shown: never kept as a draft, never the start of a report
  file: null, // the file `ita-report serve FILE.json` edits
  canSave: false,
  serverVersion: null,
  draftId: null,
  draftVersion: 0,
  conflict: false,
  undo: [],
  redo: [],
  snapshot: null,
  lastEdit: { key: null, at: 0 },
  composing: false,
  timer: null,
  rendering: false,
  again: false,
  pending: new Set(),
  textOf: new Map(),
  dateTextOf: new Map(), // ISO date → "๑ ต.ค. ๒๕๖๗", as the engine writes it
  measurePlaces: [], // where each measure's row starts in the preview: {page, top} or null
  followed: null, // the measure and page the preview last scrolled to
  lastGoodYear: 2568,
  focusedMeasure: null,
};
const periodMemory = new WeakMap();

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function setStatus(text, error = false) {
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('error', error);
}

function setSaved(text, error = false) {
  const saved = $('saved-state');
  saved.textContent = text;
  saved.classList.toggle('error', error);
}

// ---- Cell text through the engine's one parser ---------------------------------------------

function blocksOf(rich) {
  if (rich === undefined || rich === null || rich === '') return [];
  return Array.isArray(rich) ? rich : [rich];
}

/** The text a clerk edits for a cell's rich value (cached; the engine writes it). */
async function cellText(rich) {
  if (typeof rich === 'string' && !rich.includes('\n')) return rich;
  const key = JSON.stringify(rich ?? '');
  if (!state.textOf.has(key)) state.textOf.set(key, await state.engine.cellText(rich ?? ''));
  return state.textOf.get(key);
}

/** What the parser recognised, in words: "ย่อหน้า ๑ · รายการมีเลขข้อ ๓ ข้อ". */
function structureWords(rich) {
  const words = [];
  for (const block of blocksOf(rich)) {
    if (typeof block === 'string') words.push('ย่อหน้า');
    else if (block && Array.isArray(block.list)) {
      const kind = { dash: 'รายการแบบขีด', bullet: 'รายการแบบจุด', plain: 'รายการ' }[block.style] || 'รายการมีเลขข้อ';
      words.push(`${kind} ${thaiDigits(block.list.length)} ข้อ`);
    }
  }
  const out = [];
  for (const w of words) {
    const last = out[out.length - 1];
    if (w === 'ย่อหน้า' && last && last.word === w) last.n++;
    else out.push({ word: w, n: 1 });
  }
  return out.map(({ word, n }) => (word === 'ย่อหน้า' ? `ย่อหน้า ${thaiDigits(n)}` : word)).join(' · ');
}

/** Runs `work` and remembers it until it ends, so save and download wait for every edit. */
function track(promise) {
  state.pending.add(promise);
  promise.finally(() => state.pending.delete(promise));
  return promise;
}

async function settled() {
  while (state.pending.size) await Promise.allSettled([...state.pending]);
}

// ---- Changes, drafts, undo ----------------------------------------------------------------

/** Every change to the dataset ends here: one undo step, kept in the browser, previewed. */
function commit(key = null) {
  const snap = JSON.stringify(state.dataset);
  if (snap === state.snapshot) return;
  const now = Date.now();
  const grouped = key && state.lastEdit.key === key && now - state.lastEdit.at < UNDO_GROUP_MS;
  if (!grouped && state.snapshot !== null) {
    state.undo.push(state.snapshot);
    if (state.undo.length > 500) state.undo.shift();
  }
  state.redo = [];
  state.lastEdit = { key, at: now };
  state.snapshot = snap;
  updateUndoButtons();
  keep();
  schedulePreview();
}

function updateUndoButtons() {
  $('undo').disabled = state.undo.length === 0;
  $('redo').disabled = state.redo.length === 0;
}

async function restoreSnapshot(from, to) {
  if (from.length === 0) return;
  await settled();
  to.push(state.snapshot);
  state.snapshot = from.pop();
  state.dataset = JSON.parse(state.snapshot);
  state.lastEdit = { key: null, at: 0 };
  updateUndoButtons();
  const focused = document.activeElement?.name;
  await buildForm();
  const again = focused && document.querySelector(`[name="${CSS.escape(focused)}"]`);
  if (again) again.focus();
  keep();
  schedulePreview();
}

const undo = () => restoreSnapshot(state.undo, state.redo).then(() => setStatus('เลิกทำแล้ว (ทำซ้ำ: Ctrl+Y)'));
const redo = () => restoreSnapshot(state.redo, state.undo).then(() => setStatus('ทำซ้ำแล้ว'));

/** Keeps the dataset in this browser at once (IndexedDB), unless it is an example. */
let keeping = Promise.resolve();
function keep(force = false) {
  if (state.example || !state.draftId) return;
  const record = {
    dataset: state.dataset,
    organization: state.dataset.organization?.short_name || state.dataset.organization?.name || '',
    fiscal_year: state.dataset.fiscal_year,
    file: state.file,
    server_version: state.serverVersion,
  };
  setSaved('กำลังบันทึกในเครื่อง…');
  keeping = keeping.then(async () => {
    if (state.conflict && !force) {
      setSaved('ยังไม่ได้บันทึก: ร่างนี้ถูกแก้ในแท็บอื่น เลือกฉบับที่จะใช้ด้านบน', true);
      return;
    }
    try {
      const answer = await writeDraft(state.draftId, state.draftVersion, record, force);
      if (answer.ok) {
        state.draftVersion = answer.version;
        state.conflict = false;
        $('conflict').hidden = true;
        setSaved('บันทึกไว้ในเครื่องนี้แล้ว');
        document.body.dataset.kept = String(answer.version);
      } else {
        showConflict();
      }
    } catch {
      setSaved('บันทึกในเครื่องไม่ได้ (เบราว์เซอร์ไม่อนุญาต) ให้กด "ดาวน์โหลดไฟล์ข้อมูล" เพื่อเก็บงานไว้', true);
    }
  });
  return keeping;
}

function showConflict() {
  state.conflict = true;
  $('conflict').hidden = false;
  setSaved('ยังไม่ได้บันทึก: ร่างนี้ถูกแก้ในแท็บอื่น', true);
}

onOtherTabWrite(({ id, version }) => {
  if (id === state.draftId && version > state.draftVersion) showConflict();
});

async function keepMine() {
  await keep(true);
}

async function takeTheirs() {
  const draft = await readDraft(state.draftId);
  if (!draft) return;
  state.conflict = false;
  $('conflict').hidden = true;
  await openDataset(draft.dataset, { draftId: draft.id, draftVersion: draft.version, file: draft.file, serverVersion: draft.server_version });
  setSaved('บันทึกไว้ในเครื่องนี้แล้ว');
}

// ---- The form ------------------------------------------------------------------------------

/** A field: label, control, and a place for its problems; `path` is its dataset path. */
function field(label, path, control, hint) {
  const id = `f-${path.replace(/[^a-z0-9_]/gi, '-')}`;
  if (control.matches?.('input, textarea, select')) control.id = id;
  const box = el('div', { class: 'field', 'data-path': path },
    el('label', { for: control.id ? id : null, class: 'label' }, label), control);
  if (hint) box.append(el('div', { class: 'hint' }, hint));
  box.append(el('div', { class: 'field-error', hidden: true, 'aria-live': 'polite' }));
  return box;
}

function watchTyping(control, onValue) {
  control.addEventListener('compositionstart', () => { state.composing = true; });
  control.addEventListener('compositionend', () => {
    state.composing = false;
    onValue(control.value);
  });
  control.addEventListener('input', (event) => {
    // Never change the model (nor re-render) while an input method composes a syllable.
    if (event.isComposing || state.composing) return;
    onValue(control.value);
  });
  control.addEventListener('focus', () => {
    const m = /^measures\[(\d+)\]/.exec(control.name || '');
    state.focusedMeasure = m ? Number(m[1]) : null;
    state.followed = null;
    followMeasure();
  });
}

function textInput(path, value, onValue, attrs = {}) {
  const input = el('input', { type: 'text', name: path, ...attrs });
  input.value = value ?? '';
  watchTyping(input, (v) => { onValue(v); commit(path); });
  return input;
}

function setOptional(object, key, value) {
  if (value === '' || value === undefined) delete object[key];
  else object[key] = value;
}

/** A rich-text cell: the engine parses what is typed, and the form says what it recognised. */
function richArea(path, text, rich, onValue) {
  const area = el('textarea', { rows: '3', name: path });
  area.value = text;
  area.rows = Math.min(14, Math.max(3, text.split('\n').length + 1));
  const seen = el('div', { class: 'hint structure', 'aria-live': 'polite' }, structureWords(rich));
  let seq = 0;
  watchTyping(area, (typed) => {
    const mine = ++seq;
    track(state.engine.parseCell(typed).then((parsed) => {
      if (mine !== seq) return;
      state.textOf.set(JSON.stringify(parsed), typed);
      onValue(typed.trim() === '' ? '' : parsed);
      seen.textContent = structureWords(parsed);
      commit(path);
    }, (error) => setStatus(failureWords(error), true)));
  });
  const box = el('div', { class: 'rich' }, area, seen);
  box.control = area;
  return box;
}

function fiscalYearBounds() {
  const ce = state.lastGoodYear - 543;
  return { start: `${ce - 1}-10-01`, end: `${ce}-09-30` };
}

/** An ISO date as the editor shows it ("๑ ต.ค. ๒๕๖๗"), written by the engine (cached). */
async function dateText(iso) {
  if (!iso) return '';
  if (!state.dateTextOf.has(iso)) {
    const answer = await state.engine.readDate(iso);
    state.dateTextOf.set(iso, answer.problem ? iso : answer.text);
  }
  return state.dateTextOf.get(iso);
}

/**
 * A date typed as day, Thai month and Buddhist-Era year, read by the engine (the same reader as
 * import's periods); only a whole, valid date is kept.
 */
function dateInput(path, iso, text, onIso) {
  const input = el('input', { type: 'text', name: path, placeholder: 'เช่น ๑ ต.ค. ๒๕๖๗', inputmode: 'text', 'data-iso': iso || '' });
  input.value = text || iso || '';
  const note = el('span', { class: 'be', 'aria-live': 'polite' });
  let seq = 0;
  let last = null;
  const read = (typed) => {
    const mine = ++seq;
    track(state.engine.readDate(typed).then((answer) => {
      if (mine !== seq) return;
      last = answer;
      const box = input.closest('.field');
      if (answer.problem) {
        note.textContent = answer.problem.message_th;
        box?.classList.add('typing-error');
        return;
      }
      box?.classList.remove('typing-error');
      note.textContent = answer.iso ? `= ${answer.text}` : '';
      if (answer.iso) state.dateTextOf.set(answer.iso, answer.text);
      input.dataset.iso = answer.iso;
      onIso(answer.iso);
      commit(path);
    }, (error) => setStatus(failureWords(error), true)));
  };
  watchTyping(input, read);
  input.addEventListener('blur', async () => {
    await settled();
    if (last && !last.problem && last.iso && input.value !== last.text) input.value = last.text;
  });
  const wrap = el('span', { class: 'date' }, input, note);
  wrap.control = input;
  return wrap;
}

function periodIsDates(period) {
  return period && typeof period === 'object' && !Array.isArray(period) && 'start' in period;
}

function periodEditor(measure, index, texts) {
  const text = texts.get(`measures[${index}].period`) ?? '';
  const path = `measures[${index}].period`;
  const isDates = periodIsDates(measure.period);
  const box = el('div', { class: 'period' });
  const mode = el('select', { 'aria-label': `ชนิดของระยะเวลา มาตรการที่ ${thaiDigits(index + 1)}`, 'data-role': 'period-kind' },
    el('option', { value: 'dates' }, 'ช่วงวันที่'),
    el('option', { value: 'text' }, 'ข้อความ'));
  mode.value = isDates ? 'dates' : 'text';
  mode.addEventListener('change', async () => {
    // Switching keeps both: the other form comes back as it was when switched back.
    const memory = periodMemory.get(measure) || {};
    if (mode.value === 'dates') {
      memory.text = measure.period;
      measure.period = memory.dates || fiscalYearBounds();
    } else {
      memory.dates = measure.period;
      measure.period = memory.text
        ?? `${await dateText(measure.period.start)} – ${await dateText(measure.period.end)}`;
    }
    periodMemory.set(measure, memory);
    commit();
    await buildForm();
    document.querySelector(`[data-role="period-kind"][aria-label$="${thaiDigits(index + 1)}"]`)?.focus();
  });
  box.append(mode);
  if (isDates) {
    const dates = el('div', { class: 'period-dates' });
    for (const [key, label] of [['start', 'ตั้งแต่'], ['end', 'ถึง']]) {
      const input = dateInput(`${path}.${key}`, measure.period[key], texts.get(`${path}.${key}`), (iso) => { measure.period[key] = iso; });
      dates.append(field(label, `${path}.${key}`, input.control.parentElement ? input : input));
      input.control.id = `f-${path}-${key}`.replace(/[^a-z0-9_-]/gi, '-');
      dates.lastChild.querySelector('label').setAttribute('for', input.control.id);
    }
    box.append(dates);
  } else {
    const area = richArea(path, text, measure.period, (v) => { measure.period = v; });
    area.control.setAttribute('aria-label', `ระยะเวลา มาตรการที่ ${thaiDigits(index + 1)}`);
    box.append(area);
  }
  return field('ระยะเวลา', path, box);
}

function measureEditor(measure, index, count, texts) {
  const move = (delta) => async () => {
    const list = state.dataset.measures;
    const [m] = list.splice(index, 1);
    list.splice(index + delta, 0, m);
    commit();
    await buildForm();
    // Focus and scroll follow the measure to its new place.
    const moved = document.querySelector(`fieldset.measure[data-index="${index + delta}"]`);
    moved?.scrollIntoView({ block: 'nearest' });
    const button = moved?.querySelector(delta < 0 ? '.move-up' : '.move-down');
    (button && !button.disabled ? button : moved?.querySelector('textarea'))?.focus();
  };
  const remove = async () => {
    state.dataset.measures.splice(index, 1);
    commit();
    await buildForm();
    setStatus(`ลบมาตรการที่ ${thaiDigits(index + 1)} แล้ว (กด "เลิกทำ" หรือ Ctrl+Z เพื่อเอากลับมา)`);
    const next = document.querySelector(`fieldset.measure[data-index="${Math.min(index, count - 2)}"] textarea`) || $('add-measure');
    next?.focus();
  };
  const n = thaiDigits(index + 1);
  const legend = el('legend', {}, `มาตรการที่ ${n}`,
    el('button', { type: 'button', class: 'move-up', 'aria-label': `เลื่อนมาตรการที่ ${n} ขึ้น`, title: 'เลื่อนขึ้น', onclick: move(-1), disabled: index === 0 }, '↑'),
    el('button', { type: 'button', class: 'move-down', 'aria-label': `เลื่อนมาตรการที่ ${n} ลง`, title: 'เลื่อนลง', onclick: move(1), disabled: index === count - 1 }, '↓'),
    el('button', { type: 'button', class: 'remove-measure', 'aria-label': `ลบมาตรการที่ ${n}`, title: 'ลบมาตรการนี้', onclick: remove }, '✕ ลบ'));
  const box = el('fieldset', { class: 'measure', 'data-index': String(index) }, legend);
  for (const [key, label] of CELLS) {
    const path = `measures[${index}].${key}`;
    if (key === 'period') {
      box.append(periodEditor(measure, index, texts));
    } else {
      const area = richArea(path, texts.get(path) ?? '', measure[key], (v) => { measure[key] = v; });
      box.append(field(label, path, area));
      area.control.id = `f-${path}`.replace(/[^a-z0-9_-]/gi, '-');
      box.lastChild.querySelector('label').setAttribute('for', area.control.id);
    }
  }
  return box;
}

/** The text of every rich cell, from the engine, before the form is built. */
async function cellTexts(d) {
  const texts = new Map();
  const jobs = [['introduction', d.introduction]];
  d.measures.forEach((m, i) => {
    for (const [key] of CELLS) {
      if (key === 'period' && periodIsDates(m.period)) continue;
      jobs.push([`measures[${i}].${key}`, m[key]]);
    }
  });
  const dates = [['report_date', d.report_date]];
  d.measures.forEach((m, i) => {
    if (periodIsDates(m.period)) {
      dates.push([`measures[${i}].period.start`, m.period.start], [`measures[${i}].period.end`, m.period.end]);
    }
  });
  await Promise.all([
    ...jobs.map(async ([path, rich]) => {
      try {
        texts.set(path, await cellText(rich));
      } catch {
        texts.set(path, typeof rich === 'string' ? rich : JSON.stringify(rich));
      }
    }),
    ...dates.map(async ([path, iso]) => {
      try {
        texts.set(path, await dateText(typeof iso === 'string' ? iso : ''));
      } catch {
        texts.set(path, typeof iso === 'string' ? iso : '');
      }
    }),
  ]);
  return texts;
}

let building = 0;
async function buildForm() {
  const d = state.dataset;
  d.organization = d.organization && typeof d.organization === 'object' ? d.organization : {};
  if (!Array.isArray(d.measures)) d.measures = [];
  state.lastGoodYear = validYear(d.fiscal_year) ?? state.lastGoodYear;
  const mine = ++building;
  const texts = await cellTexts(d);
  if (mine !== building) return;
  const org = d.organization;
  const form = $('form');
  const scroll = $('form-pane').scrollTop;
  form.replaceChildren();
  $('example-banner').hidden = !state.example;

  const head = el('fieldset', {}, el('legend', {}, 'หน่วยงานและปีงบประมาณ'));
  head.append(field('ชื่อหน่วยงาน', 'organization.name', textInput('organization.name', org.name, (v) => { org.name = v; })));
  head.append(field('ชื่อย่อ (เช่น อบต.นาดี)', 'organization.short_name', textInput('organization.short_name', org.short_name, (v) => setOptional(org, 'short_name', v))));
  head.append(field('อำเภอ', 'organization.district', textInput('organization.district', org.district, (v) => setOptional(org, 'district', v))));
  head.append(field('จังหวัด', 'organization.province', textInput('organization.province', org.province, (v) => setOptional(org, 'province', v))));
  const yearNote = el('div', { class: 'be', 'aria-live': 'polite' });
  head.append(field('ปีงบประมาณ (พ.ศ.)', 'fiscal_year', textInput('fiscal_year', d.fiscal_year === undefined ? '' : thaiDigits(d.fiscal_year), (v) => {
    const year = validYear(v);
    // A slip ("25682568") stays in this field (the problem list names it); new dates keep
    // using the last good year, so it never spreads.
    yearNote.textContent = year ? '' : 'ปี พ.ศ. ต้องเป็นตัวเลข ๔ หลัก เช่น ๒๕๖๘';
    if (year) state.lastGoodYear = year;
    d.fiscal_year = year ?? v;
  }, { inputmode: 'numeric' }), yearNote));
  head.append(field('ชื่อรายงาน (ถ้าไม่ใช้ชื่อมาตรฐาน)', 'title', textInput('title', d.title, (v) => setOptional(d, 'title', v))));
  const itaBox = el('div', { class: 'grid' });
  itaBox.append(field('ส่งประเมิน ITA ปี (พ.ศ.)', 'assessment_year', textInput('assessment_year', d.assessment_year === undefined || d.assessment_year === null ? '' : thaiDigits(d.assessment_year), (v) => {
    // Empty: the engine's default (the fiscal year + 1). A slip stays here, named by the problem list.
    setOptional(d, 'assessment_year', v.trim() === '' ? '' : validYear(v) ?? v);
  }, { inputmode: 'numeric', placeholder: 'ปีงบประมาณ + ๑' })));
  itaBox.append(field('ข้อ OIT (เช่น O26)', 'ita_item', textInput('ita_item', d.ita_item, (v) => setOptional(d, 'ita_item', v.trim()), { placeholder: 'ตามปีที่ประเมิน' })));
  itaBox.append(field('รอบการรายงาน (ถ้ามี)', 'round', textInput('round', d.round, (v) => setOptional(d, 'round', v), { placeholder: 'เช่น รอบ ๑๒ เดือน' })));
  head.append(itaBox);
  const intro = richArea('introduction', texts.get('introduction') ?? '', d.introduction, (v) => setOptional(d, 'introduction', v));
  head.append(field('บทนำ', 'introduction', intro,
    'แต่ละบรรทัดเป็นหนึ่งย่อหน้า; "๑." หรือ "1." ขึ้นต้นข้อที่มีเลข, "-" ขึ้นต้นข้อแบบขีด, "•" แบบจุด; ย่อหน้าเข้าไปเพื่อซ้อนรายการ'));
  intro.control.id = 'f-introduction';
  head.querySelector('[data-path="introduction"] label').setAttribute('for', 'f-introduction');
  form.append(head);

  d.measures.forEach((m, i) => form.append(measureEditor(m, i, d.measures.length, texts)));
  form.append(el('button', { type: 'button', id: 'add-measure', onclick: addMeasure }, '+ เพิ่มมาตรการ'));
  form.append(signatureEditor(texts));
  $('form-pane').scrollTop = scroll;
}

function signatureEditor(texts) {
  const d = state.dataset;
  const box = el('fieldset', { class: 'signatures' }, el('legend', {}, 'ผู้ลงนามและวันที่รายงาน'));
  const date = dateInput('report_date', d.report_date, texts.get('report_date'), (iso) => setOptional(d, 'report_date', iso));
  box.append(field('วันที่รายงาน', 'report_date', date));
  date.control.id = 'f-report_date';
  box.lastChild.querySelector('label').setAttribute('for', 'f-report_date');
  const people = Array.isArray(d.signatories) ? d.signatories : [];
  people.forEach((person, i) => {
    const path = `signatories[${i}]`;
    const remove = async () => {
      people.splice(i, 1);
      if (people.length === 0) delete d.signatories;
      commit();
      await buildForm();
      $('add-signatory')?.focus();
    };
    const row = el('div', { class: 'signatory' });
    for (const [key, label] of [['role', 'หน้าที่ (เช่น ผู้รายงาน)'], ['name', 'ชื่อ'], ['position', 'ตำแหน่ง']]) {
      row.append(field(label, `${path}.${key}`, textInput(`${path}.${key}`, person[key], (v) => setOptional(person, key, v))));
    }
    row.append(el('button', { type: 'button', 'aria-label': `ลบผู้ลงนามคนที่ ${thaiDigits(i + 1)}`, onclick: remove }, '✕ ลบผู้ลงนาม'));
    box.append(row);
  });
  box.append(el('button', {
    type: 'button',
    id: 'add-signatory',
    onclick: async () => {
      d.signatories = people;
      people.push({ role: 'ผู้รายงาน', name: '', position: '' });
      commit();
      await buildForm();
      document.querySelector(`[name="signatories[${people.length - 1}].name"]`)?.focus();
    },
  }, '+ เพิ่มผู้ลงนาม'));
  return box;
}

async function addMeasure() {
  state.dataset.measures.push({
    measure: '',
    method: '',
    responsible: '',
    period: fiscalYearBounds(),
    result: '',
    outcome: '',
  });
  commit();
  await buildForm();
  const boxes = document.querySelectorAll('fieldset.measure');
  const last = boxes[boxes.length - 1];
  last?.scrollIntoView({ block: 'nearest' });
  last?.querySelector('textarea')?.focus();
}

// ---- Preview and problems ------------------------------------------------------------------

/** Edits close together make one render; while one renders, the next waits for it. */
function schedulePreview() {
  clearTimeout(state.timer);
  state.timer = setTimeout(() => {
    if (state.composing) return; // compositionend commits and schedules again
    refreshPreview();
  }, PREVIEW_DELAY_MS);
}

async function refreshPreview() {
  if (state.rendering) { state.again = true; return; }
  state.rendering = true;
  const preview = $('preview');
  let report;
  let failed;
  let replaced = 0;
  try {
    await settled();
    report = await state.engine.previewReport(JSON.stringify(state.dataset), renderChoices());
  } catch (error) {
    failed = error;
  }
  // The next render waits for these pages to be on the screen, so pages land in order.
  if (report) replaced = await showPages(preview, report.pages);
  state.rendering = false;
  if (state.again) { state.again = false; refreshPreview(); }
  if (report) {
    const { pages } = report;
    showProblems([]);
    preview.classList.remove('stale');
    preview.dataset.replaced = String(replaced);
    state.measurePlaces = report.measures || [];
    preview.dataset.renders = String(Number(preview.dataset.renders) + 1);
    preview.dataset.pages = String(pages.length);
    $('page-count').textContent = `ตัวอย่างรายงาน ${thaiDigits(pages.length)} หน้า`;
    followMeasure();
  } else {
    preview.classList.add('stale');
    showProblems(failed?.problems || [], failed?.problems?.length ? null : failureWords(failed));
    preview.dataset.renders = String(Number(preview.dataset.renders) + 1);
  }
}

/**
 * Puts the pages in the preview, replacing only those whose drawing changed, each as an image
 * of its SVG decoded before it replaces the old one (no flicker). Eight pages of SVG put into
 * the page's own DOM cost more than making them; as images, and only the one or two an edit
 * changes, they cost little. Resolves to how many pages were replaced.
 */
async function showPages(preview, pages) {
  const shown = [...preview.querySelectorAll(':scope > .page')];
  if (shown.length === 0) preview.replaceChildren();
  const changed = [];
  pages.forEach((svg, i) => {
    let box = shown[i];
    if (!box) {
      box = el('div', { class: 'page' });
      preview.append(box);
    }
    if (box.svgText === svg) return;
    box.svgText = svg;
    const image = el('img', { alt: `หน้า ${thaiDigits(i + 1)}` });
    image.src = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    changed.push(image.decode().catch(() => {}).then(() => {
      const old = box.querySelector('img');
      box.replaceChildren(image);
      if (old) URL.revokeObjectURL(old.src);
    }));
  });
  for (const extra of shown.slice(pages.length)) {
    const old = extra.querySelector('img');
    if (old) URL.revokeObjectURL(old.src);
    extra.remove();
  }
  await Promise.all(changed);
  return changed.length;
}

/**
 * Scrolls the preview to the row of the measure being edited, when the preview has its own
 * scroll area beside the form (on a narrow screen it is below the form: the clerk stays put).
 */
function followMeasure() {
  const index = state.focusedMeasure;
  const place = index === null || index === undefined ? null : state.measurePlaces?.[index];
  if (!place) return;
  // Once per measure and page: measuring the pane costs a layout, not worth it on every render.
  const key = `${index}:${place.page}`;
  if (state.followed === key) return;
  state.followed = key;
  const pane = $('preview-pane');
  if (getComputedStyle(pane).overflowY !== 'auto' || pane.scrollHeight <= pane.clientHeight) return;
  const page = $('preview').querySelectorAll(':scope > .page')[place.page];
  if (!page) return;
  const y = page.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop
    + place.top * page.offsetHeight;
  if (y < pane.scrollTop + 40 || y > pane.scrollTop + pane.clientHeight - 120) {
    pane.scrollTop = Math.max(0, y - 60);
  }
  $('preview').dataset.following = String(index);
}

/** A problem in the clerk's words: the Thai message when the engine has one. */
function problemWords(p) {
  const message = p.message_th || p.message;
  const hint = p.hint_th || p.hint;
  return message + (hint ? ` (${hint})` : '');
}

/** Shows each problem at its field (the longest matching path) and all of them in a list. */
function showProblems(problems, error) {
  for (const box of document.querySelectorAll('.field')) {
    box.classList.remove('has-error');
    const slot = box.querySelector(':scope > .field-error');
    if (slot) { slot.textContent = ''; slot.hidden = true; }
  }
  const list = $('problems');
  list.replaceChildren();
  list.hidden = problems.length === 0 && !error;
  if (error && problems.length === 0) list.append(el('li', {}, error));
  const fields = [...document.querySelectorAll('.field[data-path]')];
  for (const p of problems) {
    const path = p.path || '';
    // The engine names the place as the form does ("มาตรการที่ ๑ › ระยะเวลา › ถึง").
    const place = p.place_th || '';
    let best = null;
    for (const box of fields) {
      const fp = box.dataset.path;
      const under = path === fp || path.startsWith(`${fp}.`) || path.startsWith(`${fp}[`);
      if (under && (!best || fp.length > best.dataset.path.length)) best = box;
    }
    const go = best ? el('button', {
      type: 'button', class: 'link',
      onclick: () => { const c = best.querySelector('input, textarea, select'); c?.focus(); c?.scrollIntoView({ block: 'center' }); },
    }, place || 'ไปที่ช่องนี้') : (place ? el('strong', {}, place) : null);
    list.append(el('li', {}, go, go ? ': ' : '', problemWords(p)));
    if (best) {
      best.classList.add('has-error');
      const slot = best.querySelector(':scope > .field-error');
      slot.hidden = false;
      slot.textContent = (slot.textContent ? `${slot.textContent}\n` : '') + problemWords(p);
    }
  }
}

// ---- Files ---------------------------------------------------------------------------------

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function datasetJson() {
  return `${JSON.stringify(state.dataset, null, 2)}\n`;
}

/** "ITA-อบต.นาดี-2568": the organisation's short name (else its name) and the fiscal year. */
export function downloadName(dataset, kind = 'report') {
  const org = dataset.organization || {};
  const who = String(org.short_name || org.name || 'รายงาน').trim().replace(/[\\/:*?"<>|\s]+/g, '');
  const year = validYear(dataset.fiscal_year);
  return `ITA-${kind === 'plan' ? 'แผน-' : ''}${who || 'รายงาน'}${year ? `-${year}` : ''}`;
}

/** The render choices the clerk made: which document (the report, or the plan of measures). */
function renderChoices() {
  return { document: $('document').value };
}

async function save() {
  await settled();
  if (!state.canSave) {
    download(new Blob([datasetJson()], { type: 'application/json' }), `${downloadName(state.dataset)}.json`);
    setStatus('ดาวน์โหลดไฟล์ข้อมูลแล้ว');
    return;
  }
  await saveToServer(false);
}

async function saveToServer(replace) {
  let response;
  try {
    response = await fetch('api/save', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'If-Match': replace ? '*' : `"${state.serverVersion}"` },
      body: datasetJson(),
    });
  } catch {
    setStatus('บันทึกไม่สำเร็จ: ติดต่อโปรแกรม ita-report ไม่ได้ ตรวจว่าโปรแกรมยังเปิดอยู่ แล้วกดบันทึกอีกครั้ง (งานยังอยู่ในเครื่องนี้)', true);
    return;
  }
  const body = await response.json().catch(() => ({}));
  $('stale').hidden = true;
  if (response.ok) {
    state.serverVersion = body.version;
    keep();
    setStatus(body.ok
      ? `บันทึกลงไฟล์แล้ว: ${body.saved}`
      : `บันทึกลงไฟล์แล้ว (ยังมีปัญหา ${thaiDigits(body.problems.length)} ข้อ): ${body.saved}`, !body.ok);
  } else if (response.status === 409) {
    $('stale').hidden = false;
    setStatus('ยังไม่ได้บันทึก: ไฟล์นี้ถูกบันทึกจากแท็บหรือโปรแกรมอื่นหลังจากที่เปิดไว้ เลือกว่าจะบันทึกทับหรือโหลดฉบับในไฟล์', true);
  } else {
    setStatus(`บันทึกไม่สำเร็จ (รหัส ${response.status}) ลองอีกครั้ง หรือกด "ดาวน์โหลดไฟล์ข้อมูล" เพื่อเก็บงานไว้`, true);
  }
}

async function loadServerFile() {
  const first = await serverDataset();
  if (!first) return;
  $('stale').hidden = true;
  await openDataset(first.dataset, { file: first.file, canSave: true, serverVersion: first.version, draftId: state.draftId, draftVersion: state.draftVersion });
  keep(true);
  setStatus('โหลดฉบับในไฟล์แล้ว');
}

async function downloadPdf() {
  setStatus('กำลังสร้าง PDF…');
  await settled();
  let pdf;
  try {
    pdf = await state.engine.render(JSON.stringify(state.dataset), renderChoices());
  } catch (error) {
    showProblems(error.problems || [], failureWords(error));
    setStatus('สร้าง PDF ไม่สำเร็จ: แก้ปัญหาที่แสดงไว้ แล้วลองอีกครั้ง', true);
    return;
  }
  download(new Blob([pdf], { type: 'application/pdf' }), `${downloadName(state.dataset, $('document').value)}.pdf`);
  setStatus('ดาวน์โหลด PDF แล้ว');
}

/** A dataset from a file: JSON, a PDF this tool made, or Word/Excel/ODS/CSV/text. */
async function readFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let warnings = [];
  let data;
  if (/\.json$/i.test(file.name)) {
    try {
      data = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));
    } catch {
      throw { kind: 'json', message: 'not JSON' };
    }
  } else if (/\.pdf$/i.test(file.name)) {
    data = JSON.parse(await state.engine.extract(bytes));
  } else {
    const imported = await importAsking(file.name, bytes);
    data = JSON.parse(imported.dataset);
    warnings = imported.warnings_th || imported.warnings || [];
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw { kind: 'json', message: 'not an object' };
  return { data, warnings };
}

/**
 * Imports a Word, spreadsheet or text file. A file with the measure table but without the
 * organisation's name or the fiscal year above it is not refused: the clerk is asked for
 * what is missing and the file is read again with it.
 */
async function importAsking(name, bytes) {
  const options = {};
  for (;;) {
    try {
      return await state.engine.importFile(name, bytes, options);
    } catch (error) {
      if (error?.reason === 'no-organization' && options.org === undefined) {
        const org = window.prompt(`${name}: ไม่พบชื่อหน่วยงานเหนือตาราง ใส่ชื่อหน่วยงาน (เช่น องค์การบริหารส่วนตำบลนาดี)`, '');
        if (!org || !org.trim()) throw error;
        options.org = org.trim();
      } else if (error?.reason === 'no-fiscal-year' && options.year === undefined) {
        const typed = window.prompt(`${name}: ไม่พบปีงบประมาณเหนือตาราง ใส่ปีงบประมาณ (พ.ศ.)`, thaiDigits(state.lastGoodYear));
        const year = validYear(typed);
        if (!year) throw error;
        options.year = year;
      } else {
        throw error;
      }
    }
  }
}

function fileFailure(name, error) {
  if (error?.kind === 'json') {
    return `${name} ไม่ใช่ไฟล์ข้อมูลรายงาน (JSON) ที่อ่านได้ ให้เปิดไฟล์ที่ดาวน์โหลดจากโปรแกรมนี้ หรือไฟล์ Word/Excel ของรายงาน`;
  }
  // The engine's own Thai words when it has them (why an import failed), else by kind.
  return `${name}: ${error?.message_th || failureWords(error)}`;
}

/** What an import could not fully understand, in Thai, above the form until the next file. */
function showImportNotes(name, notes) {
  const box = $('import-notes');
  box.hidden = notes.length === 0;
  $('import-notes-title').textContent = `ตรวจ ${thaiDigits(notes.length)} จุดที่อ่านจาก ${name} ได้ไม่ครบ:`;
  $('import-notes-list').replaceChildren(...notes.map((note) => el('li', {}, note)));
}

/**
 * Reads a file and opens what it holds, `prepare`d first (next year's report); lists what
 * the import could not read. Null (and a Thai sentence in the status line) when it fails.
 */
async function openRead(file, prepare = (data) => data) {
  setStatus(`กำลังเปิด ${file.name}…`);
  let read;
  try {
    read = await readFile(file);
  } catch (error) {
    setStatus(fileFailure(file.name, error), true);
    return null;
  }
  await openDataset(prepare(read.data), {});
  showImportNotes(file.name, read.warnings);
  return read;
}

async function openFile(file) {
  const read = await openRead(file);
  if (!read) return;
  setStatus(read.warnings.length
    ? `เปิด ${file.name} แล้ว: ตรวจ ${thaiDigits(read.warnings.length)} จุดที่อ่านได้ไม่ครบ (รายการอยู่เหนือแบบฟอร์ม)`
    : `เปิด ${file.name} แล้ว`, read.warnings.length > 0);
}

/** Next year's report from last year's: measures kept, periods a year later, results cleared. */
export function nextYear(last) {
  const d = JSON.parse(JSON.stringify(last));
  const year = validYear(d.fiscal_year);
  if (year) d.fiscal_year = year + 1;
  const assessed = validYear(d.assessment_year);
  if (assessed) d.assessment_year = assessed + 1;
  const bump = (text) => text.replace(/(25[0-9]{2})|(๒๕[๐-๙]{2})/g, (all, arabic) =>
    (arabic ? String(Number(arabic) + 1) : thaiDigits(Number(arabicDigits(all)) + 1)));
  const bumpRich = (rich) => (typeof rich === 'string' ? bump(rich)
    : Array.isArray(rich) ? rich.map(bumpRich)
      : rich && typeof rich === 'object' ? { ...rich, list: (rich.list || []).map(bumpRich) } : rich);
  for (const m of d.measures || []) {
    if (periodIsDates(m.period)) m.period = { start: nextYearDate(m.period.start), end: nextYearDate(m.period.end) };
    else m.period = bumpRich(m.period);
    m.result = '';
    m.outcome = '';
  }
  if (typeof d.introduction === 'string' || Array.isArray(d.introduction)) d.introduction = bumpRich(d.introduction);
  delete d.report_date;
  return d;
}

async function startNextYear(file) {
  if (!await openRead(file, nextYear)) return;
  setStatus(`เริ่มรายงานปี ${thaiDigits(state.dataset.fiscal_year)} จาก ${file.name} แล้ว: ใส่ผลการดำเนินการของปีนี้`);
}

// ---- The start screen ----------------------------------------------------------------------

/**
 * Shows the start screen or the editor. Only one of them holds form controls at a time, so
 * each dataset path names one control in the page (the start form's controls are named by
 * the paths they fill).
 */
function showStart(show) {
  $('start').hidden = !show;
  $('editor').hidden = show;
  document.body.classList.toggle('starting', show);
  const slot = $('new-report-slot');
  if (!show) {
    slot.replaceChildren();
    return;
  }
  $('form').replaceChildren();
  slot.replaceChildren($('new-report-template').content.cloneNode(true));
  $('new-report').addEventListener('submit', newReport);
  // The year a report is usually made for: the fiscal year that ends (or ended) this year.
  $('new-report').elements.fiscal_year.value = thaiDigits(new Date().getFullYear() + 543);
}

async function fillDrafts() {
  const list = $('drafts');
  list.replaceChildren();
  let drafts = [];
  try { drafts = await listDrafts(); } catch { /* no IndexedDB: nothing to list */ }
  $('drafts-box').hidden = drafts.length === 0;
  for (const draft of drafts) {
    const when = new Date(draft.saved_at);
    // The browser's own Thai calendar (Buddhist Era, Thai digits) for a moment in time.
    const stamp = Number.isNaN(when.getTime()) ? ''
      : `${when.toLocaleString('th-TH-u-nu-thai', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })} น.`;
    const title = `${draft.organization || 'ยังไม่มีชื่อหน่วยงาน'} ปีงบประมาณ ${thaiDigits(draft.fiscal_year ?? '')}`;
    list.append(el('li', { class: 'draft' },
      el('button', { type: 'button', class: 'continue-draft', onclick: () => continueDraft(draft.id) }, `ทำต่อ: ${title}`),
      el('span', { class: 'hint' }, ` บันทึกล่าสุด ${stamp}`),
      el('button', { type: 'button', class: 'next-year-draft', 'aria-label': `เริ่มรายงานปีถัดไปจาก ${title}`, onclick: () => nextYearFromDraft(draft.id) }, 'ทำรายงานปีถัดไปจากร่างนี้'),
      el('button', {
        type: 'button', class: 'delete-draft', 'aria-label': `ลบร่าง ${title}`,
        onclick: async () => {
          if (!window.confirm(`ลบร่าง "${title}" ออกจากเครื่องนี้? ลบแล้วเอากลับมาไม่ได้`)) return;
          await deleteDraft(draft.id);
          fillDrafts();
        },
      }, 'ลบร่าง')));
  }
}

async function continueDraft(id) {
  const draft = await readDraft(id);
  if (!draft) return;
  await openDataset(draft.dataset, { draftId: id, draftVersion: draft.version, file: draft.file, canSave: Boolean(draft.file) && state.serverFile === draft.file, serverVersion: draft.server_version });
  setSaved('บันทึกไว้ในเครื่องนี้แล้ว');
}

async function nextYearFromDraft(id) {
  const draft = await readDraft(id);
  if (!draft) return;
  await openDataset(nextYear(draft.dataset), {});
  setStatus(`เริ่มรายงานปี ${thaiDigits(state.dataset.fiscal_year)} แล้ว: ใส่ผลการดำเนินการของปีนี้`);
}

/**
 * The organisation of a new report from its typed name and chosen type: a name that already
 * says its type ("องค์การบริหารส่วนตำบลนาดี", "อบต.นาดี", "อบต นาดี") keeps it; a bare place
 * name ("นาดี") gets the chosen type; "other" keeps the name as typed (เมืองพัทยา).
 */
export function organizationOf(typed, typeIndex) {
  const name = typed.replace(/\s+/g, ' ').trim();
  const named = (full, short, place) => ({ name: `${full}${place}`, short_name: `${short}${place}` });
  for (const [full, short] of ORGANIZATION_TYPES) {
    if (name.startsWith(full)) return named(full, short, name.slice(full.length).trim());
  }
  for (const [full, short] of ORGANIZATION_TYPES) {
    for (const prefix of [short, short.replace('.', '')]) {
      if (name.startsWith(prefix)) return named(full, short, name.slice(prefix.length).trim());
    }
  }
  const type = ORGANIZATION_TYPES[Number(typeIndex)];
  return type ? named(type[0], type[1], name) : { name };
}

function newReport(event) {
  event.preventDefault();
  const form = event.target;
  const value = (name) => form.elements[name].value.trim();
  const typed = value('organization.name');
  const year = validYear(value('fiscal_year'));
  if (!typed || !year) {
    $('new-error').textContent = !typed ? 'ใส่ชื่อหน่วยงาน เช่น นาดี หรือ อบต.นาดี' : 'ใส่ปีงบประมาณเป็นปี พ.ศ. ๔ หลัก เช่น ๒๕๖๘';
    form.elements[!typed ? 'organization.name' : 'fiscal_year'].focus();
    return;
  }
  const organization = organizationOf(typed, $('new-type').value);
  if (value('organization.district')) organization.district = value('organization.district');
  if (value('organization.province')) organization.province = value('organization.province');
  const signatories = [];
  ['ผู้รายงาน', 'ผู้รับรอง'].forEach((role, i) => {
    const name = value(`signatories[${i}].name`);
    const position = value(`signatories[${i}].position`);
    if (name || position) signatories.push({ role, name, position });
  });
  const ce = year - 543;
  const dataset = {
    organization,
    fiscal_year: year,
    measures: [{ measure: '', method: '', responsible: '', period: { start: `${ce - 1}-10-01`, end: `${ce}-09-30` }, result: '', outcome: '' }],
  };
  if (signatories.length) dataset.signatories = signatories;
  openDataset(dataset, {}).then(() => document.querySelector('[name="measures[0].measure"]')?.focus());
}

async function showExample() {
  try {
    const response = await fetch('example.json');
    if (!response.ok) throw new Error();
    await openDataset(await response.json(), { example: true });
  } catch {
    setStatus('เปิดตัวอย่างไม่ได้ ลองโหลดหน้านี้ใหม่', true);
  }
}

/** Opens a dataset in the editor: a new draft unless it continues one or is an example. */
async function openDataset(dataset, how) {
  state.dataset = dataset;
  state.example = Boolean(how.example);
  state.file = how.file ?? null;
  state.canSave = Boolean(how.canSave);
  state.serverVersion = how.serverVersion ?? null;
  state.draftId = state.example ? null : how.draftId || newDraftId();
  state.draftVersion = how.draftVersion ?? 0;
  state.conflict = false;
  $('conflict').hidden = true;
  $('stale').hidden = true;
  $('import-notes').hidden = true;
  state.undo = [];
  state.redo = [];
  state.snapshot = JSON.stringify(dataset);
  updateUndoButtons();
  if (state.draftId) sessionStorage.setItem('ita-report.draft', state.draftId);
  else sessionStorage.removeItem('ita-report.draft');
  $('save').textContent = state.canSave ? 'บันทึกลงไฟล์' : 'ดาวน์โหลดไฟล์ข้อมูล';
  showStart(false);
  await buildForm();
  if (state.example) setSaved('ตัวอย่าง: ไม่ได้บันทึก');
  else if (!how.draftId) keep();
  refreshPreview();
}

// ---- Start ---------------------------------------------------------------------------------

/** The file `ita-report serve FILE.json` edits, or null (a static copy, or no file given). */
async function serverDataset() {
  try {
    const response = await fetch('api/dataset', { cache: 'no-store' });
    if (!response.ok) return null;
    const answer = await response.json();
    return answer.can_save ? answer : null;
  } catch {
    return null;
  }
}

function keyboard(event) {
  const key = event.key.toLowerCase();
  if (!(event.ctrlKey || event.metaKey) || $('editor').hidden) return;
  if (key === 'z' && !event.shiftKey) { event.preventDefault(); undo(); }
  else if (key === 'y' || (key === 'z' && event.shiftKey)) { event.preventDefault(); redo(); }
  else if (key === 's') { event.preventDefault(); save(); }
}

async function start() {
  $('form').addEventListener('submit', (event) => event.preventDefault());
  $('save').addEventListener('click', save);
  $('download-pdf').addEventListener('click', downloadPdf);
  $('document').addEventListener('change', () => refreshPreview());
  $('import-notes-close').addEventListener('click', () => { $('import-notes').hidden = true; });
  $('undo').addEventListener('click', undo);
  $('redo').addEventListener('click', redo);
  $('home').addEventListener('click', async () => { await settled(); await keeping; showStart(true); fillDrafts(); });
  $('show-example').addEventListener('click', showExample);
  $('keep-mine').addEventListener('click', keepMine);
  $('take-theirs').addEventListener('click', takeTheirs);
  $('replace-file').addEventListener('click', () => saveToServer(true));
  $('reload-file').addEventListener('click', loadServerFile);
  for (const [button, input] of [['open-button', 'open-file'], ['start-open', 'open-file'], ['start-next-year', 'next-year-file']]) {
    $(button).addEventListener('click', () => $(input).click());
  }
  $('open-file').addEventListener('change', (e) => { if (e.target.files[0]) openFile(e.target.files[0]); e.target.value = ''; });
  $('next-year-file').addEventListener('change', (e) => { if (e.target.files[0]) startNextYear(e.target.files[0]); e.target.value = ''; });
  document.addEventListener('keydown', keyboard);
  try {
    state.engine = await openEngine();
  } catch (error) {
    setStatus(failureWords(error), true);
    return;
  }
  document.body.dataset.engine = state.engine.kind;
  const served = await serverDataset();
  state.serverFile = served?.file ?? null;
  // A reload finds the draft this tab was editing.
  const current = sessionStorage.getItem('ita-report.draft');
  const draft = current ? await readDraft(current).catch(() => null) : null;
  if (draft) {
    await openDataset(draft.dataset, { draftId: draft.id, draftVersion: draft.version, file: draft.file, canSave: Boolean(served) && draft.file === served.file, serverVersion: draft.server_version });
    setSaved('บันทึกไว้ในเครื่องนี้แล้ว');
  } else if (served) {
    await openDataset(served.dataset, { file: served.file, canSave: true, serverVersion: served.version });
  } else {
    showStart(true);
    await fillDrafts();
  }
  document.body.dataset.ready = 'true';
}

start();
