#!/usr/bin/env python3
"""Writes N datasets of realistic size for the batch benchmark: each is a different
organisation with 3 to 8 measures drawn from the sample report and from the long official
texts in tests/data/long-thai.json.

Usage: benches/generate.py N OUT_DIR
"""
import json
import random
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
sample = json.loads((root / "samples/sawang-2567.json").read_text(encoding="utf-8"))
long_text = json.loads((root / "tests/data/long-thai.json").read_text(encoding="utf-8"))
measures = sample["measures"] + long_text["measures"]
places = ["สว่าง", "หนองบัว", "โนนสูง", "ดอนตาล", "บ้านใหม่", "คำเจริญ", "นาดี", "ท่าช้าง", "หัวนา", "โคกกลาง"]
provinces = ["ร้อยเอ็ด", "ขอนแก่น", "มหาสารคาม", "กาฬสินธุ์", "ยโสธร"]


def main() -> None:
    count, out = int(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(2567)
    for i in range(count):
        place = f"{rng.choice(places)}{i + 1}"
        data = {
            "organization": {
                "name": f"องค์การบริหารส่วนตำบล{place}",
                "short_name": f"อบต.{place}",
                "district": rng.choice(places),
                "province": rng.choice(provinces),
            },
            "fiscal_year": 2567 + i % 2,
            "introduction": sample["introduction"].replace("สว่าง", place),
            "measures": rng.sample(measures, rng.randint(3, 8)),
            "signatories": [{"role": "ผู้รายงาน", "name": "นางสาวสมใจ ใจดี", "position": "หัวหน้าสำนักปลัด"}],
            "report_date": "2024-10-20",
        }
        (out / f"report-{i + 1:04}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
