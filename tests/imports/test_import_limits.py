"""An Excel file is a zip archive: the outside test's 1.5 MB XLSX unpacked its shared texts to 1.6 GB and
drove an import past 8 GB. Its sizes are now checked before openpyxl opens it, and its rows and text while
it is read, each with one message naming the file and what is wrong."""

import io
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_helpers import errors, run, xlsx

from kasam.core import tabular
from kasam.core.validation import Problems

MB = 1024 * 1024
SHARED_STRINGS_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_START = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def with_shared_strings(entries, extra: dict[str, bytes] | None = None) -> bytes:
    """A people file whose gender cell refers to the first of the shared texts `entries` yields (bytes,
    written one piece at a time, so that hundreds of MB never sit in the test's memory), with `extra`
    parts added to the archive."""
    plain = zipfile.ZipFile(io.BytesIO(xlsx([["person_id", "birth_year", "gender"], ["P1", 1980, "K"]])))
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
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as shared:
            shared.write(SST_START)
            for piece in entries:
                shared.write(piece)
            shared.write(b"</sst>")
        for name, body in (extra or {}).items():
            archive.writestr(name, body)
    return buffer.getvalue()


def zip_bomb(unpacked_mb: int) -> bytes:
    """Shared texts of `unpacked_mb` MB of <si><t>a</t></si>: each a Python string once read, about six
    times its bytes in memory."""
    chunk = b"<si><t>a</t></si>" * 65536
    return with_shared_strings(chunk for _ in range(unpacked_mb * MB // len(chunk)))


def random_texts(megabytes: float):
    """Shared texts that do not compress much (hex of random bytes)."""
    for _ in range(int(megabytes * MB / 1000)):
        yield b"<si><t>" + os.urandom(493).hex().encode() + b"</t></si>"


def cap_memory(megabytes: int):
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (megabytes * MB, megabytes * MB))

    return limit


def test_a_zip_bomb_is_refused_by_the_command_within_a_gigabyte(tmp_path):
    """200 MB of shared texts packed into half a megabyte, checked by `kasam import --dry-run` in a process
    that may use at most 1 GB of address space. The old code read the texts until the process ran out of
    memory (and then called the file unreadable); now the archive's directory is enough to refuse it."""
    bomb = tmp_path / "personer.xlsx"
    bomb.write_bytes(zip_bomb(200))
    assert bomb.stat().st_size < 1 * MB
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "KASAM_VAR_DIR"}}
    env.update({"KASAM_VAR_DIR": str(tmp_path / "var"), "DJANGO_SETTINGS_MODULE": "kasam.settings"})
    # An installed Kasam: the refused file is written to the audit log like every import.
    migrated = subprocess.run(
        [sys.executable, "-m", "kasam", "migrate", "--verbosity", "0"], env=env, cwd=tmp_path, timeout=300
    )
    assert migrated.returncode == 0
    started = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kasam",
            "import",
            "people",
            str(bomb),
            "--dry-run",
            "--format",
            "json",
            "--lang",
            "sv",
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=cap_memory(1024),
    )
    assert done.returncode == 1, done.stderr
    assert "MemoryError" not in done.stderr and "Traceback" not in done.stderr
    assert json.loads(done.stdout)["errors"] == [
        f"{bomb}:1:person_id: Delen xl/sharedStrings.xml i Excelfilen blir 412 gånger större när den packas "
        "upp; Kasam godtar högst 100 gånger. En sådan fil är skadad eller gjord för att överbelasta servern. "
        "Öppna den i Excel och spara den igen, eller spara den som CSV UTF-8, och försök igen."
    ]
    assert time.monotonic() - started < 30


def test_the_import_page_refuses_a_zip_bomb_with_a_message(client, personas):
    """The outside test's second file: 257 KB that grew a web worker to 2.9 GB."""
    client.force_login(personas["hr"])
    file = SimpleUploadedFile("personer.xlsx", zip_bomb(100), "application/octet-stream")
    response = client.post(reverse("org:import-file"), {"kind": "people", "file": file, "dry_run": "on"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "personer.xlsx:1:person_id: Delen xl/sharedStrings.xml i Excelfilen blir 412 gånger större" in html


def test_a_file_that_unpacks_to_too_much_is_refused(db, monkeypatch):
    monkeypatch.setattr(tabular, "XLSX_MAX_UNPACKED", 1 * MB)
    data = with_shared_strings([], extra={"xl/media/image1.png": os.urandom(MB + MB // 2)})
    assert errors(run("people", data, "personer.xlsx")) == [
        "personer.xlsx:1:person_id: The Excel file unpacks to 2 MB, more than the 1 MB Kasam reads. "
        "Split it into smaller files, or save it as CSV UTF-8, and try again."
    ]


def test_too_many_shared_texts_are_refused(db, monkeypatch):
    monkeypatch.setattr(tabular, "XLSX_MAX_SHARED_STRINGS", 1 * MB)
    data = with_shared_strings(random_texts(1.5))
    assert errors(run("people", data, "personer.xlsx")) == [
        "personer.xlsx:1:person_id: The Excel file's table of texts (xl/sharedStrings.xml) unpacks to 2 MB, "
        "more than the 1 MB Kasam reads. Save the file as CSV UTF-8 and try again."
    ]
    monkeypatch.setattr(tabular, "XLSX_MAX_SHARED_STRINGS", 2 * MB)
    assert run("people", data, "personer.xlsx", dry_run=True).ok


@pytest.mark.parametrize("limit", ["XLSX_MAX_ROWS", "XLSX_MAX_CELL_BYTES"])
def test_rows_and_text_are_counted_while_reading(db, monkeypatch, limit):
    monkeypatch.setattr(tabular, limit, 4 if limit == "XLSX_MAX_ROWS" else 3 * (2 + 4 + 1 + 3 * 16))
    rows = [["person_id", "birth_year", "gender"]] + [[f"P{n}", 1980, "K"] for n in range(1, 6)]
    messages = errors(run("people", xlsx(rows), "personer.xlsx"))
    assert len(messages) == 1
    assert messages[0].startswith("personer.xlsx:5:person_id: The Excel file holds more than Kasam reads")
    monkeypatch.setattr(tabular, limit, 10_000)
    assert run("people", xlsx(rows), "personer.xlsx", dry_run=True).ok


def test_the_exact_csv_reader_holds_a_chunk_of_cells_in_python_at_a_time(monkeypatch):
    """Short cells read by Python's csv module (a quoted line break sends a file there) cost about 60
    bytes each as Python strings: a 20 MB file grew to 950 MB. They now move into Polars every
    CHUNK_CELLS cells, with their line numbers intact."""
    monkeypatch.setattr(tabular, "CHUNK_CELLS", 100_000)
    text = 'person_id,birth_year,gender\n"P\n0",1980,K\n' + "ab,cd,ef\n" * 500_000 + "P9,1999,M\n"
    tracemalloc.start()
    try:
        frame = tabular._python_csv(text, ["person_id", "birth_year", "gender"], ",", Problems("f.csv"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50 * MB  # 121 MB when every cell stayed a Python string until the end
    assert frame.height == 500_002
    assert frame.row(0) == (2, "P\n0", "1980", "K")
    assert frame.row(250_000) == (250_003, "ab", "cd", "ef")
    assert frame.row(-1) == (500_004, "P9", "1999", "M")
