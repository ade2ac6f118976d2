// ita-report editor: a form over the dataset JSON, a debounced live preview (SVG pages from
// the engine: WebAssembly in the page, or `ita-report serve`), problems shown at their field
// by JSON path. Plain JS modules, no build step.
import { openEngine } from './engine.js';

const PREVIEW_DELAY_MS = 400;
const CELLS = [
  ['measure', 'มาตรการ/กิจกรรม'],
  ['method', 'วิธีการดำเนินการ'],
  ['responsible', 'ผู้รับผิดชอบ'],
  ['period', 'ระยะเวลา'],
  ['result', 'ผลการดำเนินการ'],
  ['outcome', 'ผลลัพธ์หรือความสำเร็จ'],
];
const THAI_MONTHS = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];

const state = {
  engine: null,
  dataset: null,
  file: null,
  canSave: false,
  composing: false,
  timer: null,
  sent: 0,
  shown: 0,
};

const $ = (id) => document.getElementById(id);

// ---- Rich text <-> textarea lines -------------------------------------------------------
// Each line is a paragraph; "1." or "๑." starts a numbered item, "-" a dash item, "•" a
// bullet item, "◦" a plain item; lines indented under an item belong to it (nested lists).

const MARKERS = [
  [/^(?:[0-9]+|[๐-๙]+)[.)]\s*/, 'numbered'],
  [/^-\s*/, 'dash'],
  [/^[•·]\s*/, 'bullet'],
  [/^◦\s*/, 'plain'],
];

function blocksOf(rich) {
  if (rich === undefined || rich === null || rich === '') return [];
  return Array.isArray(rich) ? rich : [rich];
}

function richToText(rich) {
  const lines = [];
  for (const block of blocksOf(rich)) {
    if (typeof block === 'string') {
      lines.push(...block.split('\n'));
    } else if (block && Array.isArray(block.list)) {
      const style = block.style || 'numbered';
      block.list.forEach((item, i) => {
        const marker = style === 'numbered' ? `${i + 1}. ` : style === 'dash' ? '- ' : style === 'bullet' ? '• ' : '◦ ';
        const inner = richToText(item).split('\n');
        lines.push(marker + inner[0]);
        for (const rest of inner.slice(1)) lines.push('    ' + rest);
      });
    }
  }
  return lines.join('\n');
}

function collapse(blocks) {
  if (blocks.length === 0) return '';
  if (blocks.length === 1) return blocks[0];
  return blocks;
}

function parseLines(lines, from, to) {
  const out = [];
  let i = from;
  while (i < to) {
    const line = lines[i];
    let j = i + 1;
    while (j < to && lines[j].indent > line.indent) j++;
    const children = parseLines(lines, i + 1, j);
    const found = MARKERS.find(([re]) => re.test(line.text));
    if (found) {
      const [re, style] = found;
      const rest = line.text.replace(re, '');
      const item = collapse([...(rest ? [rest] : []), ...children]);
      const last = out[out.length - 1];
      if (last && typeof last === 'object' && (last.style || 'numbered') === style) {
        last.list.push(item);
      } else {
        out.push(style === 'numbered' ? { list: [item] } : { list: [item], style });
      }
    } else {
      out.push(line.text, ...children);
    }
    i = j;
  }
  return out;
}

function textToRich(text) {
  const lines = text
    .replace(/\t/g, '    ')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => ({ indent: l.length - l.trimStart().length, text: l.trim() }));
  return collapse(parseLines(lines, 0, lines.length));
}

// ---- Dates ------------------------------------------------------------------------------

function thaiDigits(s) {
  return String(s).replace(/[0-9]/g, (d) => '๐๑๒๓๔๕๖๗๘๙'[d]);
}

function beDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  if (!m) return '';
  const month = THAI_MONTHS[Number(m[2]) - 1];
  if (!month) return '';
  return `${thaiDigits(Number(m[3]))} ${month} ${thaiDigits(Number(m[1]) + 543)}`;
}

function fiscalYearBounds() {
  const be = Number(state.dataset.fiscal_year) || 2567;
  const ce = be - 543;
  return { start: `${ce - 1}-10-01`, end: `${ce}-09-30` };
}

// ---- The form ---------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child);
  return node;
}

/// A field: label, control, and a place for its problems; `path` is its JSON path.
function field(label, path, control, hint) {
  const box = el('div', { class: 'field', 'data-path': path }, el('span', {}, label), control);
  if (hint) box.append(el('div', { class: 'hint' }, hint));
  box.append(el('div', { class: 'field-error', hidden: '' }));
  return box;
}

function watchTyping(control, onValue) {
  control.addEventListener('compositionstart', () => { state.composing = true; });
  control.addEventListener('compositionend', () => {
    state.composing = false;
    onValue(control.value);
    schedulePreview();
  });
  control.addEventListener('input', (event) => {
    onValue(control.value);
    // Never re-render while an input method is composing a Thai syllable.
    if (event.isComposing || state.composing) return;
    schedulePreview();
  });
}

function textInput(value, onValue, type = 'text') {
  const input = el('input', { type });
  input.value = value ?? '';
  watchTyping(input, onValue);
  return input;
}

function richArea(rich, onValue, name) {
  const area = el('textarea', { rows: '3' });
  if (name) area.name = name;
  area.value = richToText(rich);
  area.rows = Math.min(14, Math.max(3, area.value.split('\n').length + 1));
  watchTyping(area, (text) => onValue(textToRich(text)));
  return area;
}

function setOptional(object, key, value) {
  if (value === '' || value === undefined) delete object[key];
  else object[key] = value;
}

function periodEditor(measure, index) {
  const path = `measures[${index}].period`;
  const isDates = measure.period && typeof measure.period === 'object' && !Array.isArray(measure.period) && 'start' in measure.period;
  const box = el('div', { class: 'period' });
  const mode = el('select', { 'aria-label': 'ชนิดของระยะเวลา' },
    el('option', { value: 'dates' }, 'ช่วงวันที่'),
    el('option', { value: 'text' }, 'ข้อความ'));
  mode.value = isDates ? 'dates' : 'text';
  mode.addEventListener('change', () => {
    measure.period = mode.value === 'dates' ? fiscalYearBounds() : '';
    buildForm();
    schedulePreview();
  });
  box.append(mode);
  if (isDates) {
    const dates = el('div', { class: 'period-dates' });
    for (const [key, label] of [['start', 'ตั้งแต่'], ['end', 'ถึง']]) {
      const be = el('span', { class: 'be' }, beDate(measure.period[key]));
      const input = el('input', { type: 'date', name: `${path}.${key}` });
      input.value = measure.period[key] || '';
      input.addEventListener('input', () => {
        measure.period[key] = input.value;
        be.textContent = beDate(input.value);
        schedulePreview();
      });
      dates.append(field(label, `${path}.${key}`, input), be);
    }
    box.append(dates);
  } else {
    box.append(richArea(measure.period, (v) => { measure.period = v; }, path));
  }
  return field('ระยะเวลา', path, box);
}

function measureEditor(measure, index, count) {
  const move = (delta) => () => {
    const list = state.dataset.measures;
    const [m] = list.splice(index, 1);
    list.splice(index + delta, 0, m);
    buildForm();
    schedulePreview();
  };
  const remove = () => {
    state.dataset.measures.splice(index, 1);
    buildForm();
    schedulePreview();
  };
  const legend = el('legend', {}, `มาตรการที่ ${thaiDigits(index + 1)}`,
    el('button', { type: 'button', class: 'move-up', title: 'เลื่อนขึ้น', onclick: move(-1) }, '↑'),
    el('button', { type: 'button', class: 'move-down', title: 'เลื่อนลง', onclick: move(1) }, '↓'),
    el('button', { type: 'button', class: 'remove-measure', title: 'ลบมาตรการนี้', onclick: remove }, '✕'));
  legend.querySelector('.move-up').disabled = index === 0;
  legend.querySelector('.move-down').disabled = index === count - 1;
  const box = el('fieldset', { class: 'measure', 'data-index': String(index) }, legend);
  for (const [key, label] of CELLS) {
    const path = `measures[${index}].${key}`;
    if (key === 'period') {
      box.append(periodEditor(measure, index));
    } else {
      box.append(field(label, path, richArea(measure[key], (v) => { measure[key] = v; }, path)));
    }
  }
  return box;
}

function buildForm() {
  const d = state.dataset;
  d.organization = d.organization && typeof d.organization === 'object' ? d.organization : {};
  if (!Array.isArray(d.measures)) d.measures = [];
  const org = d.organization;
  const form = $('form');
  form.replaceChildren();

  const head = el('fieldset', {}, el('legend', {}, 'หน่วยงานและปีงบประมาณ'));
  head.append(field('ชื่อหน่วยงาน', 'organization.name', textInput(org.name, (v) => { org.name = v; })));
  head.append(field('ชื่อย่อ', 'organization.short_name', textInput(org.short_name, (v) => setOptional(org, 'short_name', v))));
  head.append(field('อำเภอ', 'organization.district', textInput(org.district, (v) => setOptional(org, 'district', v))));
  head.append(field('จังหวัด', 'organization.province', textInput(org.province, (v) => setOptional(org, 'province', v))));
  head.append(field('ปีงบประมาณ (พ.ศ.)', 'fiscal_year', textInput(d.fiscal_year, (v) => {
    const n = Number(v);
    d.fiscal_year = v.trim() !== '' && Number.isInteger(n) ? n : v;
  }, 'number')));
  head.append(field('ชื่อรายงาน (ถ้าไม่ใช้ชื่อมาตรฐาน)', 'title', textInput(d.title, (v) => setOptional(d, 'title', v))));
  head.append(field('บทนำ', 'introduction', richArea(d.introduction, (v) => setOptional(d, 'introduction', v), 'introduction'),
    'แต่ละบรรทัดเป็นหนึ่งย่อหน้า; "1." หรือ "๑." ขึ้นต้นข้อที่มีเลข, "-" ขึ้นต้นข้อแบบขีด, "•" แบบจุด; ย่อหน้าเข้าไปเพื่อซ้อนรายการ'));
  form.append(head);

  d.measures.forEach((m, i) => form.append(measureEditor(m, i, d.measures.length)));
  form.append(el('button', { type: 'button', id: 'add-measure', onclick: addMeasure }, '+ เพิ่มมาตรการ'));
  form.append(signatureEditor());
}

function signatureEditor() {
  const d = state.dataset;
  const box = el('fieldset', { class: 'signatures' }, el('legend', {}, 'ผู้ลงนามและวันที่รายงาน'));
  const be = el('span', { class: 'be' }, beDate(d.report_date));
  const date = el('input', { type: 'date', name: 'report_date' });
  date.value = d.report_date || '';
  date.addEventListener('input', () => {
    setOptional(d, 'report_date', date.value);
    be.textContent = beDate(date.value);
    schedulePreview();
  });
  box.append(field('วันที่รายงาน', 'report_date', el('div', { class: 'period-dates' }, date, be)));
  const people = Array.isArray(d.signatories) ? d.signatories : [];
  people.forEach((person, i) => {
    const path = `signatories[${i}]`;
    const remove = () => {
      people.splice(i, 1);
      if (people.length === 0) delete d.signatories;
      buildForm();
      schedulePreview();
    };
    const row = el('div', { class: 'signatory' });
    for (const [key, label] of [['role', 'หน้าที่ (เช่น ผู้รายงาน)'], ['name', 'ชื่อ'], ['position', 'ตำแหน่ง']]) {
      row.append(field(label, `${path}.${key}`, textInput(person[key], (v) => setOptional(person, key, v))));
    }
    row.append(el('button', { type: 'button', title: 'ลบผู้ลงนาม', onclick: remove }, '✕ ลบผู้ลงนาม'));
    box.append(row);
  });
  box.append(el('button', {
    type: 'button',
    onclick: () => {
      d.signatories = people;
      people.push({ role: 'ผู้รายงาน', name: '', position: '' });
      buildForm();
      schedulePreview();
    },
  }, '+ เพิ่มผู้ลงนาม'));
  return box;
}

function addMeasure() {
  state.dataset.measures.push({
    measure: 'มาตรการใหม่',
    method: '',
    responsible: '',
    period: fiscalYearBounds(),
    result: '',
    outcome: '',
  });
  buildForm();
  schedulePreview();
  const boxes = document.querySelectorAll('fieldset.measure');
  boxes[boxes.length - 1]?.scrollIntoView({ block: 'nearest' });
}

// ---- Preview and problems ---------------------------------------------------------------

function schedulePreview() {
  clearTimeout(state.timer);
  state.timer = setTimeout(() => {
    if (state.composing) return; // compositionend schedules again
    refreshPreview();
  }, PREVIEW_DELAY_MS);
}

async function refreshPreview() {
  const ticket = ++state.sent;
  const preview = $('preview');
  let pages;
  let failed;
  try {
    pages = await state.engine.preview(JSON.stringify(state.dataset));
  } catch (error) {
    failed = error;
  }
  if (ticket < state.shown) return; // a later edit is already shown
  state.shown = ticket;
  if (pages) {
    showProblems([]);
    preview.classList.remove('stale');
    preview.innerHTML = pages.map((svg) => `<div class="page">${svg}</div>`).join('');
    preview.dataset.renders = String(Number(preview.dataset.renders) + 1);
    preview.dataset.pages = String(pages.length);
    setStatus(`${thaiDigits(pages.length)} หน้า`);
  } else {
    preview.classList.add('stale');
    showProblems(failed.problems || [], failed.problems?.length ? null : failureWords(failed));
  }
}

/// A failure of the engine in words for the clerk.
function failureWords(failure) {
  switch (failure?.kind) {
    case 'timeout': return 'การสร้างรายงานใช้เวลานานเกินไปและถูกหยุด ลองอีกครั้ง หรือแบ่งข้อความที่ยาวมากออกเป็นหลายส่วน';
    case 'unavailable': return 'ไม่สามารถเริ่มเครื่องมือสร้างรายงานได้ ลองโหลดหน้านี้ใหม่ หรือใช้เบราว์เซอร์รุ่นใหม่ (Chrome, Edge, Firefox)';
    case 'import': return `อ่านไฟล์นี้ไม่ได้: ${failure.message}`;
    case 'not-a-report': return `ไฟล์ PDF นี้ไม่มีข้อมูลรายงานแนบอยู่: ${failure.message}`;
    default: return `เกิดข้อผิดพลาด: ${failure?.message || failure}`;
  }
}

/// Shows each problem at the field its JSON path falls under (the longest matching field),
/// and all of them in a list above the preview.
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
    const text = p.message + (p.hint ? ` (${p.hint})` : '');
    list.append(el('li', {}, p.path ? `${p.path}: ${text}` : text));
    let best = null;
    for (const box of fields) {
      const fp = box.dataset.path;
      const under = p.path === fp || p.path.startsWith(fp + '.') || p.path.startsWith(fp + '[');
      if (under && (!best || fp.length > best.dataset.path.length)) best = box;
    }
    if (best) {
      best.classList.add('has-error');
      const slot = best.querySelector(':scope > .field-error');
      slot.hidden = false;
      slot.textContent += (slot.textContent ? '\n' : '') + text;
    }
  }
}

function setStatus(text, isError = false) {
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('error', isError);
}

// ---- Files ------------------------------------------------------------------------------

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function datasetJson() {
  return JSON.stringify(state.dataset, null, 2) + '\n';
}

function baseName() {
  return (state.file || 'dataset.json').split(/[\\/]/).pop().replace(/\.json$/i, '');
}

async function save() {
  if (!state.canSave) {
    download(new Blob([datasetJson()], { type: 'application/json' }), `${baseName()}.json`);
    return;
  }
  let response;
  try {
    response = await fetch('api/save', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: datasetJson(),
    });
  } catch {
    setStatus('บันทึกไม่สำเร็จ: ติดต่อโปรแกรม ita-report ไม่ได้ (ยังเปิดอยู่หรือไม่?)', true);
    return;
  }
  const body = await response.json().catch(() => ({}));
  if (response.ok) {
    setStatus(body.ok ? `บันทึกแล้ว: ${body.saved}` : `บันทึกแล้ว (ยังมีปัญหา ${thaiDigits(body.problems.length)} ข้อ): ${body.saved}`, !body.ok);
  } else {
    setStatus(body.error || `บันทึกไม่สำเร็จ (${response.status})`, true);
  }
}

async function downloadPdf() {
  setStatus('กำลังสร้าง PDF…');
  let pdf;
  try {
    pdf = await state.engine.render(JSON.stringify(state.dataset));
  } catch (error) {
    showProblems(error.problems || [], failureWords(error));
    setStatus('สร้าง PDF ไม่สำเร็จ: ดูปัญหาที่แสดงไว้', true);
    return;
  }
  download(new Blob([pdf], { type: 'application/pdf' }), `${baseName()}.pdf`);
  setStatus('ดาวน์โหลด PDF แล้ว');
}

/// Opens a dataset (JSON), a report this tool made (PDF), or a document the office already
/// has (Word, Excel, ODS, CSV, text), the last two through the engine.
async function openFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let data;
  let warnings = [];
  try {
    if (/\.json$/i.test(file.name)) {
      data = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));
    } else if (/\.pdf$/i.test(file.name)) {
      data = JSON.parse(await state.engine.extract(bytes));
    } else {
      const imported = await state.engine.importFile(file.name, bytes);
      data = JSON.parse(imported.dataset);
      warnings = imported.warnings || [];
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('not a JSON object');
  } catch (error) {
    setStatus(error instanceof SyntaxError || error instanceof Error
      ? `${file.name} ไม่ใช่ไฟล์ข้อมูลรายงาน: ${error.message}`
      : failureWords(error), true);
    return;
  }
  state.dataset = data;
  state.file = file.name.replace(/\.[^.]*$/, '.json');
  state.canSave = false; // an opened file is saved by downloading it
  buildForm();
  refreshPreview();
  setStatus(warnings.length
    ? `เปิด ${file.name} แล้ว: ตรวจสอบ ${thaiDigits(warnings.length)} จุดที่อ่านไม่ได้ครบ`
    : `เปิด ${file.name} แล้ว`, warnings.length > 0);
}

/// What the editor opens first: the file `ita-report serve FILE.json` was given, else the
/// example that comes with the page.
async function firstDataset() {
  try {
    const response = await fetch('api/dataset', { cache: 'no-store' });
    if (response.ok) return await response.json();
  } catch { /* a static copy: no server */ }
  try {
    const response = await fetch('example.json');
    if (response.ok) return { dataset: await response.json(), file: 'example.json', can_save: false };
  } catch { /* fall through */ }
  return { dataset: { organization: { name: '' }, fiscal_year: 2568, measures: [] }, file: null, can_save: false };
}

async function start() {
  // Enter in a field must not submit (and reload) the page.
  $('form').addEventListener('submit', (event) => event.preventDefault());
  $('save').addEventListener('click', save);
  $('download-json').addEventListener('click', () =>
    download(new Blob([datasetJson()], { type: 'application/json' }), `${baseName()}.json`));
  $('download-pdf').addEventListener('click', downloadPdf);
  $('open-file').addEventListener('change', (e) => { if (e.target.files[0]) openFile(e.target.files[0]); e.target.value = ''; });
  try {
    state.engine = await openEngine();
  } catch (error) {
    setStatus(failureWords(error), true);
    return;
  }
  document.body.dataset.engine = state.engine.kind;
  const first = await firstDataset();
  state.dataset = first.dataset;
  state.file = first.file;
  state.canSave = first.can_save;
  buildForm();
  refreshPreview();
}

start();
