"""Peak memory of checking an Excel zip bomb: a people file whose shared texts (xl/sharedStrings.xml)
are --mb MB of <si><t>a</t></si>, packed to about 1/400 of that (docs/performance.md, "Memory of an
Excel zip bomb").

    .venv/bin/python benchmarks/bench_xlsx_bomb.py --mb 200

It writes the file to a temporary directory and runs `kasam import people FILE --dry-run` in a fresh
process (a SQLite database of its own, never touched: the file is refused before any lookup), then
prints the file's size, the wall time, the child's peak resident memory and the message it gave."""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import openpyxl

MB = 1024 * 1024
SHARED_STRINGS_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def bomb(megabytes: int) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["person_id", "birth_year", "gender"])
    workbook.active.append(["P1", 1980, "K"])
    plain_buffer = io.BytesIO()
    workbook.save(plain_buffer)
    plain = zipfile.ZipFile(plain_buffer)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in plain.infolist():
            body = plain.read(part.filename)
            if part.filename == "[Content_Types].xml":
                override = (
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="%s"/>' % SHARED_STRINGS_TYPE
                )
                body = body.replace(b"</Types>", override + b"</Types>")
            if part.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(
                    b'<c r="C2" t="inlineStr"><is><t>K</t></is></c>', b'<c r="C2" t="s"><v>0</v></c>'
                )
            archive.writestr(part, body)
        chunk = b"<si><t>a</t></si>" * 65536
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as shared:
            shared.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            for _ in range(megabytes * MB // len(chunk)):
                shared.write(chunk)
            shared.write(b"</sst>")
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=200, help="unpacked size of the shared texts (default 200)")
    args = parser.parse_args()
    if args.mb < 2:
        parser.exit(2, "--mb must be at least 2.\n")
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "personer.xlsx"
        path.write_bytes(bomb(args.mb))
        env = {
            key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "KASAM_VAR_DIR"}
        }
        env.update(
            {"KASAM_VAR_DIR": str(Path(directory) / "var"), "DJANGO_SETTINGS_MODULE": "kasam.settings"}
        )
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "kasam", "import", "people", str(path), "--dry-run", "--format", "json"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        try:
            message = json.loads(done.stdout)["errors"][0]
        except (ValueError, KeyError, IndexError):
            message = done.stderr.strip()[-300:]
        print(f"file {path.stat().st_size / MB:.2f} MB, shared texts {args.mb} MB unpacked")
        print(f"exit {done.returncode}, {seconds:.1f} s, peak resident memory of the import {peak:.0f} MB")
        print(message)


if __name__ == "__main__":
    main()
