#!/usr/bin/env python3
"""Writes tests/data/thai-corpus.json: a valid ita-report dataset that holds every Thai
cluster shape the text layer must copy right, laid out as a real report would be.

Usage: python3 tests/data/make-corpus.py   (from anywhere; overwrites the JSON next to it)

What is in it, and where (cells of realistic size; several wrap over many lines and the
rows break across pages):
- every consonant ก..ฮ with each upper vowel (ิ ี ึ ื ั ็) and each tone mark and
  thanthakhat (่ ้ ๊ ๋ ์), alone and stacked (upper vowel + tone mark, ิ์ and ุ์);
- sara am alone and under tone marks (น้ำ ค่ำ ทำ จ๋ำ and every consonant), lower vowels
  (ุ ู) with tone marks;
- real words with the same shapes (เพิ่ม, โพธิ์ทอง, ศักดิ์สิทธิ์, ก๊วยเตี๋ยว, ...),
  ฤ ฦ ๆ ฯ ฯลฯ, Thai and Arabic digits (99.82, ๙๙.๘๒), Thai mixed with Latin
  (E-Service, Line, Facebook, No Gift Policy), URLs and e-mail addresses.
Syllables come both space-separated and run together into words, so that clusters sit at the
start, middle and end of text items and of lines. No cluster is written twice in a row, so a
doubled cluster in a reader's text is always the defect.
Standard library only; the output is the same on every run.
"""

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "thai-corpus.json"

CONSONANTS = [chr(c) for c in range(0x0E01, 0x0E2F) if chr(c) not in "ฤฦ"]
UPPER_VOWELS = ["\u0e34", "\u0e35", "\u0e36", "\u0e37", "\u0e31", "\u0e47"]  # ิ ี ึ ื ั ็
TONES = ["\u0e48", "\u0e49", "\u0e4a", "\u0e4b"]  # ่ ้ ๊ ๋
THANTHAKHAT = "\u0e4c"  # ์
LOWER_VOWELS = ["\u0e38", "\u0e39"]  # ุ ู
SARA_AM = "\u0e33"  # ำ
assert len(CONSONANTS) == 44


def single_marks(c: str) -> list[str]:
    """c with each upper vowel, then with each tone mark and thanthakhat."""
    return [c + v for v in UPPER_VOWELS] + [c + t for t in TONES + [THANTHAKHAT]]


def stacked_marks(c: str) -> list[str]:
    """c with each upper vowel but maitaikhu under each tone mark, and ิ์ ุ์."""
    out = [c + v + t for v in UPPER_VOWELS if v != "\u0e47" for t in TONES]
    return out + [c + "\u0e34" + THANTHAKHAT, c + "\u0e38" + THANTHAKHAT]


def am_and_lower(c: str) -> list[str]:
    """c with sara am alone and under each tone mark, and with ุ ู alone and toned."""
    out = [c + SARA_AM] + [c + t + SARA_AM for t in TONES]
    return out + [c + v + t for v in LOWER_VOWELS for t in [""] + TONES]


def runs(syllables: list[str], size: int) -> str:
    """Syllables run together `size` at a time (as in a word), the runs space-separated."""
    return " ".join("".join(syllables[i : i + size]) for i in range(0, len(syllables), size))


def grid_lines(shape, consonants, together: bool) -> list[str]:
    """One line per consonant: `ก: กิ กี ...` spaced, or `ก: กิกีกึ ...` run together."""
    return [
        f"{c}: " + (runs(shape(c), 3) if together else " ".join(shape(c))) for c in consonants
    ]


HALF = len(CONSONANTS) // 2
FIRST, SECOND = CONSONANTS[:HALF], CONSONANTS[HALF:]

WORDS = (
    "เพิ่ม ที่ สิ่งที่ ตรงนี้ที่นี่ โพธิ์ทอง ชี้แจง ตั้ง ตั้งแต่ ปี่ ปู่ ผู้ใหญ่ กู้ยืม ดื่มน้ำ ลื่นล้ม "
    "ตึ๊ง จิ๋ว ก๊วยเตี๋ยว เปี๊ยะ ศักดิ์สิทธิ์ พันธุ์ไม้ จันทร์ สัตว์ ไม้ เก็บ เด็ก ก็ "
    "น้ำ ค่ำ ทำ จ๋ำ ย่ำ ซ้ำ ต่ำ ล้ำ ก่ำ ช้ำ ดำเนินการ สำนัก สำคัญ กำหนด อำนาจ ตำบล อำเภอ"
)

FR = (
    "ฤดูฝน ฤทธิ์ ฤๅษี ฤกษ์ ทฤษฎี อังกฤษ ประพฤติ พฤษภาคม ฦๅ ฦๅสาย "
    "ต่าง ๆ บ่อย ๆ เร็ว ๆ นี้ กรุงเทพฯ ฯพณฯ ฯลฯ"
)

INTRODUCTION = [
    "ตามที่องค์การบริหารส่วนตำบลหนองน้ำใสได้วิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
    "ของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ ได้คะแนนรวม ๙๙.๘๒ คะแนน (99.82 คะแนน) "
    "อยู่ในระดับผ่านดีเยี่ยม จึงนำผลการวิเคราะห์มาปรับปรุง เพิ่มช่องทางการสื่อสาร ชี้แจงข้อมูล "
    "และตั้งคณะทำงานติดตามผลเป็นประจำทุกเดือน ตั้งแต่เดือนตุลาคมถึงเดือนกันยายน",
    "เอกสารนี้ใช้ทดสอบการคัดลอกและค้นหาข้อความภาษาไทย: พยัญชนะทุกตัวกับสระบน สระล่าง "
    "วรรณยุกต์ ไม้ทัณฑฆาต และสระอำ เช่น เพิ่ม ที่ โพธิ์ทอง ศักดิ์สิทธิ์ น้ำ ค่ำ ทำ จ๋ำ "
    "ตัวเลขไทย ๐๑๒๓๔๕๖๗๘๙ ตัวเลขอารบิก 0123456789 และข้อความภาษาอังกฤษปนภาษาไทย "
    "เช่น ระบบ E-Service ช่องทาง Line และ Facebook นโยบาย No Gift Policy "
    "ติดต่อ saraban@nongnamsai.go.th หรือ https://www.nongnamsai.go.th/ita",
]


def measure(measure, method, responsible, period, result, outcome):
    return {
        "measure": measure,
        "method": method,
        "responsible": responsible,
        "period": period,
        "result": result,
        "outcome": outcome,
    }


MEASURES = [
    measure(
        "ชุดทดสอบพยัญชนะกับสระบน วรรณยุกต์ และไม้ทัณฑฆาต (เว้นวรรคทีละพยางค์)",
        {"list": grid_lines(single_marks, FIRST, False), "style": "plain"},
        "สำนักปลัด",
        {"start": "2023-10-01", "end": "2024-09-30"},
        {"list": grid_lines(single_marks, SECOND, False), "style": "plain"},
        "ทุกพยางค์ต้องคัดลอกได้ตรงตามที่พิมพ์ ไม่ซ้ำ ไม่สลับลำดับ",
    ),
    measure(
        "ชุดทดสอบสระบนซ้อนวรรณยุกต์ (พยางค์ติดกันเป็นคำ)",
        {"list": grid_lines(stacked_marks, FIRST, True), "style": "dash"},
        "กองคลัง",
        "ตลอดปีงบประมาณ",
        [
            "พยางค์ที่มีเครื่องหมายซ้อนสองชั้น เช่น กิ่ กี้ กึ๊ กื๋ กั่ ธิ์ ธุ์ "
            "ของพยัญชนะครึ่งหลังของตัวอักษร:",
            {"list": grid_lines(stacked_marks, SECOND, True), "style": "bullet"},
        ],
        {
            "list": [
                "ตรวจว่าไม่มีพยางค์ใดคัดลอกออกมาซ้ำสองครั้ง เช่น คำว่า เพิ่ม",
                "ชื่ออำเภอโพธิ์ทองต้องคัดลอกได้ตรงตามที่พิมพ์",
            ]
        },
    ),
    measure(
        "ชุดทดสอบสระอำกับวรรณยุกต์ และสระล่างกับวรรณยุกต์",
        [
            "น้ำ ค่ำ ทำ จ๋ำ ย่ำ ซ้ำ ต่ำ ล้ำ ก่ำ ช้ำ",
            {"list": grid_lines(am_and_lower, FIRST, False), "style": "numbered"},
        ],
        "กองช่าง",
        {"start": "2024-01-15", "end": "2024-03-31"},
        {"list": grid_lines(am_and_lower, SECOND, True), "style": "plain"},
        "สระอำต้องคัดลอกออกมาเป็นอักขระเดียว (ำ) ไม่แยกเป็นนิคหิตกับสระอา",
    ),
    measure(
        "มาตรการเพิ่มช่องทางการสื่อสารกับประชาชน",
        {
            "list": [
                "ปรับปรุงระบบ E-Service ให้ยื่นคำร้องออนไลน์ได้ตลอด ๒๔ ชั่วโมง",
                "เปิดช่องทาง Line Official Account และ Facebook Page ของ อบต.",
                [
                    "ประกาศนโยบาย No Gift Policy งดให้และงดรับของขวัญ ได้แก่",
                    {
                        "list": [
                            "ผู้บริหารท้องถิ่น",
                            "พนักงานส่วนตำบลและพนักงานจ้าง",
                            "ผู้รับจ้างและผู้ค้าทุกราย",
                        ],
                        "style": "dash",
                    },
                ],
            ]
        },
        "สำนักปลัด/กองคลัง",
        "๑ ต.ค. ๖๖ – ๓๐ ก.ย. ๖๗ (ทุกไตรมาส)",
        [
            "เผยแพร่ข้อมูลที่ https://www.nongnamsai.go.th/ita/2567/o1-o43 "
            "และ https://itas.nacc.go.th/go/eit/nongnamsai",
            "รับเรื่องร้องเรียนทาง e-mail: saraban@nongnamsai.go.th, "
            "complaint.center@nongnamsai.go.th และโทรศัพท์ 0 4385 1234 ต่อ 102",
            "ผลคะแนน ITA ๙๙.๘๒ (99.82) คะแนน OIT ๑๐๐.๐๐ (100.00) คะแนน IIT ๙๘.๗๖ (98.76) "
            "งบประมาณ ๑,๒๓๔,๕๖๗.๘๙ บาท (1,234,567.89 บาท)",
        ],
        {
            "list": [
                "ประชาชนยื่นคำร้องผ่าน E-Service เพิ่มขึ้นร้อยละ ๓๕",
                "ผู้ติดตาม Facebook และ Line เพิ่มขึ้น ๑,๒๐๐ คน",
            ],
            "style": "bullet",
        },
    ),
    measure(
        "ชุดทดสอบคำจริงที่มีเครื่องหมายซ้อน",
        WORDS,
        "ทุกกอง/ทุกสำนัก",
        {"start": "2024-10-01", "end": "2024-10-31"},
        [
            FR,
            "เลขไทย ๐ ๑ ๒ ๓ ๔ ๕ ๖ ๗ ๘ ๙ และ ๐๑๒๓๔๕๖๗๘๙ เลขอารบิก 0 1 2 3 4 5 6 7 8 9",
            "ผู้ใหญ่บ้านชี้แจงว่าน้ำท่วมขังในหมู่ที่ ๔ ตั้งแต่ค่ำวันจันทร์ จึงเพิ่มเครื่องสูบน้ำ "
            "๒ เครื่อง และทำทางระบายน้ำชั่วคราว ๒ สาย ยาวสายละ ๑๕ เมตร ไม่มีผู้ได้รับบาดเจ็บ",
            "ณ ศาลาการเปรียญวัดโพธิ์ทอง ปลูกพันธุ์ไม้ศักดิ์สิทธิ์ ๙๙ ต้น ร่วมกับปู่ย่าตายาย "
            "และเด็กนักเรียน แล้วเลี้ยงก๊วยเตี๋ยวกับขนมเปี๊ยะ",
        ],
        "",
    ),
]

SIGNATORIES = [
    {"role": "ผู้รายงาน", "name": "นางสาวน้ำค้าง ปิ่นทอง", "position": "หัวหน้าสำนักปลัด"},
    {
        "role": "ผู้รับรอง",
        "name": "นายศักดิ์สิทธิ์ ฤทธิ์ไกร",
        "position": "นายกองค์การบริหารส่วนตำบลหนองน้ำใส",
    },
]


def dataset() -> dict:
    return {
        "$schema": "../../schema/dataset-v1.json",
        "organization": {
            "name": "องค์การบริหารส่วนตำบลหนองน้ำใส",
            "short_name": "อบต.หนองน้ำใส",
            "district": "กุฉินารายณ์",
            "province": "กาฬสินธุ์",
        },
        "fiscal_year": 2567,
        "introduction": INTRODUCTION,
        "measures": MEASURES,
        "signatories": SIGNATORIES,
        "report_date": "2024-10-25",
    }


def doubled_clusters(data: dict) -> list[str]:
    """Clusters the corpus itself writes twice in a row, as tests/readers/score.py sees them."""
    sys.dont_write_bytecode = True
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "readers"))
    from score import clusters, doubled_at, squash, source_texts

    flat = "\n".join(squash(t) for t in source_texts(data))
    return [d for i, c in clusters(flat) if (d := doubled_at(flat, i, c)) is not None]


def main() -> None:
    data = dataset()
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    doubled = doubled_clusters(data)
    assert not doubled, f"the corpus must not double a cluster itself: {doubled}"
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
