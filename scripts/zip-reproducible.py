"""Zips a folder so that the same files give the same zip bytes (used by scripts/dist).

    python3 scripts/zip-reproducible.py FOLDER OUT.zip TOP

Every file of FOLDER goes under TOP/ in the zip, in byte order of its path, with the time of
SOURCE_DATE_EPOCH (or 1980-01-01, the earliest a zip can hold), mode 0644 (folders 0755),
"Unix" as the host and deflate at level 9. Nothing of the machine or the moment is kept.
"""

import os
import sys
import time
import zipfile


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    folder, out, top = sys.argv[1], sys.argv[2], sys.argv[3].strip("/")
    if not os.path.isdir(folder):
        print(f"zip-reproducible: {folder} is not a folder", file=sys.stderr)
        return 3
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))
    stamp = time.gmtime(max(epoch, 315532800))[:6]

    paths = []
    for base, dirs, files in os.walk(folder):
        for name in dirs + files:
            full = os.path.join(base, name)
            rel = os.path.relpath(full, folder).replace(os.sep, "/")
            paths.append((rel, os.path.isdir(full) and not os.path.islink(full), full))
    paths.sort(key=lambda entry: entry[0].encode("utf-8"))

    partial = out + ".partial"
    with zipfile.ZipFile(partial, "w") as archive:
        for rel, is_dir, full in [(top, True, folder)] + [
            (f"{top}/{rel}", is_dir, full) for rel, is_dir, full in paths
        ]:
            info = zipfile.ZipInfo(rel + "/" if is_dir else rel, date_time=stamp)
            info.create_system = 3
            if is_dir:
                info.external_attr = (0o40755 << 16) | 0x10
                archive.writestr(info, b"")
            else:
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                with open(full, "rb") as source:
                    archive.writestr(info, source.read(), compresslevel=9)
    os.replace(partial, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
