"""Helpers for the import tests: files are written as text in the test itself."""

import io

import openpyxl

from kasam.site.imports import import_file


def run(kind: str, text: str | bytes, filename: str = "", dry_run: bool = False):
    data = text.encode() if isinstance(text, str) else text
    return import_file(kind, data, filename or f"{kind}.csv", dry_run=dry_run)


def errors(result) -> list[str]:
    return [str(message) for message in result.errors]


def warnings(result) -> list[str]:
    return [str(message) for message in result.warnings]


def counts(result) -> tuple[int, int, int, int]:
    """(created, updated, unchanged, deleted)"""
    return result.created, result.updated, result.unchanged, result.deleted


def xlsx(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
