// The editor's Thai: digits, dates as a clerk writes them (day, Thai month, Buddhist-Era year),
// places in the dataset as the clerk sees them in the form, and failures as sentences that
// say what to do.

export const THAI_MONTHS = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'];
const FULL_MONTHS = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];

/** Arabic digits as Thai digits (๐-๙). */
export function thaiDigits(s) {
  return String(s).replace(/[0-9]/g, (d) => '๐๑๒๓๔๕๖๗๘๙'[d]);
}

/** Thai digits as Arabic digits. */
export function arabicDigits(s) {
  return String(s).replace(/[๐-๙]/g, (d) => String(d.charCodeAt(0) - 0x0e50));
}

/** A Buddhist-Era year a report can be about, or null. */
export function validYear(value) {
  const n = Number(arabicDigits(String(value ?? '').trim()));
  return Number.isInteger(n) && n >= 2400 && n <= 2700 ? n : null;
}

/** An ISO date (YYYY-MM-DD) as "๑ ต.ค. ๒๕๖๗"; '' when it is no date. */
export function thaiDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  if (!m) return '';
  const month = THAI_MONTHS[Number(m[2]) - 1];
  if (!month) return '';
  return `${thaiDigits(Number(m[3]))} ${month} ${thaiDigits(Number(m[1]) + 543)}`;
}

/**
 * A date as a clerk types it: "1 ต.ค. 2567", "๑ ต.ค. ๖๗", "1 ตุลาคม 2567", "1/10/2567"
 * (Buddhist-Era years; two digits mean 25xx). Returns {iso} or {error} (Thai).
 */
export function parseThaiDate(text) {
  const t = arabicDigits(String(text || '')).trim().replace(/\s+/g, ' ');
  if (t === '') return { iso: '' };
  let day; let month; let year;
  let m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2,4})$/.exec(t);
  if (m) {
    [day, month, year] = [Number(m[1]), Number(m[2]), m[3]];
  } else if ((m = /^(\d{1,2})\s*([^\d\s]+(?:\s*[^\d\s]+)*)\s*(\d{2,4})$/.exec(t))) {
    const name = m[2].replace(/\s/g, '');
    const short = THAI_MONTHS.findIndex((s) => s === name || s.replace(/\./g, '') === name.replace(/\./g, ''));
    const full = FULL_MONTHS.indexOf(name);
    month = (short >= 0 ? short : full) + 1;
    if (month === 0) return { error: `ไม่รู้จักเดือน "${m[2]}": เขียนเช่น ต.ค. หรือ ตุลาคม` };
    [day, year] = [Number(m[1]), m[3]];
  } else {
    return { error: 'เขียนวันที่เป็น วัน เดือน ปี พ.ศ. เช่น ๑ ต.ค. ๒๕๖๗' };
  }
  let be = Number(year);
  if (year.length === 2) be += 2500;
  else if (year.length !== 4 || validYear(be) === null) {
    return { error: `ปี พ.ศ. "${thaiDigits(year)}" ไม่ถูกต้อง: ใช้ปี พ.ศ. ๔ หลัก เช่น ๒๕๖๘` };
  }
  if (month < 1 || month > 12) return { error: 'เดือนต้องอยู่ระหว่าง ๑ ถึง ๑๒' };
  const ce = be - 543;
  const last = new Date(Date.UTC(ce, month, 0)).getUTCDate();
  if (day < 1 || day > last) {
    return { error: `เดือน${FULL_MONTHS[month - 1]} ปี ${thaiDigits(be)} มี ${thaiDigits(last)} วัน` };
  }
  const pad = (n) => String(n).padStart(2, '0');
  return { iso: `${ce}-${pad(month)}-${pad(day)}` };
}

/** The ISO date one year later (29 Feb becomes 28 Feb). */
export function nextYearDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  if (!m) return iso;
  const day = m[2] === '02' && m[3] === '29' ? '28' : m[3];
  return `${Number(m[1]) + 1}-${m[2]}-${day}`;
}

const FIELD_NAMES = {
  organization: 'หน่วยงาน',
  name: 'ชื่อ',
  short_name: 'ชื่อย่อ',
  district: 'อำเภอ',
  province: 'จังหวัด',
  fiscal_year: 'ปีงบประมาณ',
  title: 'ชื่อรายงาน',
  introduction: 'บทนำ',
  measures: 'มาตรการ',
  measure: 'มาตรการ/กิจกรรม',
  method: 'วิธีการดำเนินการ',
  responsible: 'ผู้รับผิดชอบ',
  period: 'ระยะเวลา',
  start: 'ตั้งแต่',
  end: 'ถึง',
  result: 'ผลการดำเนินการ',
  outcome: 'ผลลัพธ์หรือความสำเร็จ',
  signatories: 'ผู้ลงนาม',
  role: 'หน้าที่',
  position: 'ตำแหน่ง',
  report_date: 'วันที่รายงาน',
};

/** A dataset path ("measures[0].period.end") as the clerk sees the place: "มาตรการที่ ๑ › ระยะเวลา › ถึง". */
export function placeName(path) {
  if (!path) return '';
  const parts = [];
  const tokens = String(path).match(/[^.[\]]+|\[\d+\]/g) || [];
  let parent = null;
  for (const token of tokens) {
    const index = /^\[(\d+)\]$/.exec(token);
    if (index) {
      const n = thaiDigits(Number(index[1]) + 1);
      if (parent === 'measures') parts[parts.length - 1] = `มาตรการที่ ${n}`;
      else if (parent === 'signatories') parts[parts.length - 1] = `ผู้ลงนามคนที่ ${n}`;
      else parts.push(`ข้อ ${n}`);
      parent = null;
      continue;
    }
    if (token === 'list' || token === 'style' || token === '$') continue;
    if (token === 'organization') { parent = token; continue; }
    const word = parent === 'organization' && token === 'name' ? 'ชื่อหน่วยงาน' : FIELD_NAMES[token] || token;
    parts.push(word);
    parent = token;
  }
  return parts.join(' › ');
}

/** A failure of the engine, the network or the page as a Thai sentence saying what to do. */
export function failureWords(failure) {
  switch (failure?.kind) {
    case 'timeout': return 'การสร้างรายงานใช้เวลานานเกินไปและถูกหยุด ลองอีกครั้ง หรือแบ่งข้อความที่ยาวมากออกเป็นหลายส่วน';
    case 'unavailable': return 'เริ่มเครื่องมือสร้างรายงานไม่ได้ หรือติดต่อโปรแกรม ita-report ไม่ได้ ลองโหลดหน้านี้ใหม่ หรือใช้เบราว์เซอร์รุ่นใหม่ (Chrome, Edge, Firefox) งานที่พิมพ์ไว้ยังอยู่ในเครื่องนี้';
    case 'import': return 'อ่านไฟล์นี้ไม่ได้ ตรวจว่าเป็นไฟล์ Word, Excel, ODS, CSV หรือข้อความ ที่มีตารางมาตรการ แล้วลองอีกครั้ง';
    case 'not-a-report': return 'ไฟล์ PDF นี้ไม่ได้สร้างด้วยโปรแกรมนี้ จึงไม่มีข้อมูลรายงานแนบอยู่ ให้เปิดไฟล์ Word หรือ Excel ของรายงานแทน';
    case 'invalid-dataset': return 'ข้อมูลรายงานยังมีปัญหา ดูรายการปัญหาและแก้ไขตามที่บอก';
    case 'options': return 'การตั้งค่าการพิมพ์ไม่ถูกต้อง ลองโหลดหน้านี้ใหม่';
    case 'render': return 'สร้างรายงานไม่สำเร็จ ลองอีกครั้ง ถ้ายังไม่ได้ ให้ดาวน์โหลดไฟล์ข้อมูล (JSON) แล้วส่งให้ผู้ดูแล';
    default: return 'เกิดข้อผิดพลาดภายในโปรแกรม ลองโหลดหน้านี้ใหม่ (งานที่พิมพ์ไว้ยังอยู่ในเครื่องนี้) ถ้ายังเกิดอีก ให้ดาวน์โหลดไฟล์ข้อมูล (JSON) แล้วส่งให้ผู้ดูแล';
  }
}
