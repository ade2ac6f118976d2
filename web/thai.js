// The editor's Thai: digits, years, and failures as sentences that say what to do. Dates are
// read and written by the engine (its one month table: `readDate`); problems come from the
// engine in Thai with their place named as the form names it (`place_th`).

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

/** The ISO date one year later (29 Feb becomes 28 Feb). */
export function nextYearDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
  if (!m) return iso;
  const day = m[2] === '02' && m[3] === '29' ? '28' : m[3];
  return `${Number(m[1]) + 1}-${m[2]}-${day}`;
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
