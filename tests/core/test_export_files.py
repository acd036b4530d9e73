"""kasam.core.export: CSV for Swedish Excel (BOM, semicolon, decimal comma), XLSX with numbers as
numbers, text cells that cannot run as formulas, and safe ASCII file names."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from kasam.core import export


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_text_that_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert export.neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Hemtjänst Norr", "", "1-2", " =1", "'quoted"])
def test_other_text_is_left_alone(text):
    assert export.neutralise(text) == text


def test_csv_is_utf8_with_bom_semicolons_and_decimal_commas():
    with translation.override("en"):
        response = export.csv_response(
            "tabell",
            ["Enhet", gettext_lazy("Unit")],
            [["Äldreomsorg", 12.5], ["=A1;B1", -3], [None, Decimal("2.25")]],
        )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="tabell.csv"'
    assert response.content.startswith("\ufeff".encode())
    text = response.content.decode("utf-8")[1:]
    # Numbers are never guarded: -3 stays a number; the text "=A1;B1" is quoted and neutralised.
    assert text == 'Enhet;Unit\r\nÄldreomsorg;12,5\r\n"\'=A1;B1";-3\r\n;2,25\r\n'


def test_csv_writes_floats_without_exponents_and_dates_as_iso():
    assert export.csv_rows(["a"], [[1e-7, date(2026, 11, 20), True, float("nan")]]).splitlines()[1] == (
        "0,0000001;2026-11-20;1;"
    )


def test_xlsx_writes_numbers_as_numbers_and_text_as_text():
    response = export.xlsx_response(
        "tabell.xlsx", ["Enhet", "Index"], [['=HYPERLINK("x")', 75.5], ["Solgården", 3], ["x", None]], "Puls"
    )
    assert response["Content-Type"] == export.XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="tabell.xlsx"'
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Puls"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Enhet", "Index"],
        ['\'=HYPERLINK("x")', 75.5],
        ["Solgården", 3],
        ["x", None],
    ]
    assert sheet["A2"].data_type == "s" and sheet["B2"].data_type == "n"
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2"


def test_xlsx_drops_control_characters_it_cannot_hold():
    content = export.xlsx_bytes(["a"], [["bad\x01name"]], "Blad: [1]")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet["A2"].value == "badname"
    assert sheet.title == "Blad- -1-"


@pytest.mark.parametrize(
    ("name", "extension", "safe"),
    [
        ("puls-2026-11-20", "csv", "puls-2026-11-20.csv"),
        ("Puls Äldreomsorg/Solgården", "xlsx", "Puls-Aldreomsorg-Solgarden.xlsx"),
        ('a"b\r\nContent-Type: x', "csv", "a-b-Content-Type-x.csv"),
        ("rapport.CSV", "csv", "rapport.csv"),
        ("../../etc/passwd", "csv", "etc-passwd.csv"),
        ("åäö", "csv", "aao.csv"),
        ("日本", "csv", "export.csv"),
    ],
)
def test_file_names_are_plain_ascii(name, extension, safe):
    assert export.safe_filename(name, extension) == safe
