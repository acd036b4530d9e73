"""Files and stored surveys for the survey tests, on the tree of tests/conftest.py."""

import io

import openpyxl

from kasam.metrics.survey import ITEMS, pool_cells
from kasam.survey.actions import frozen_tree, store_pooled
from kasam.survey.models import Survey

VENDOR_COLUMNS = {f"Fråga {number}": item for number, item in enumerate(ITEMS, start=1)}
MAPPING = "Enhet = unit_id\nKön = gender\n" + "\n".join(
    f"{col} = {item}" for col, item in VENDOR_COLUMNS.items()
)


def answers(value_of: dict[str, int] | None = None) -> dict[str, int]:
    """One respondent's answers: 4 to HME, 8 to NMI, 9 to eNPS unless given."""
    base = {item: 4 for item in ITEMS[:9]} | {"nmi1": 8, "nmi2": 8, "nmi3": 8, "enps": 9}
    return base | (value_of or {})


def wide_csv(rows: list[tuple[str, str, dict]], vendor: bool = True) -> bytes:
    """(unit, gender, answers) per respondent; vendor headers (Enhet, Kön, Fråga 1 …) or Kasam's ids."""
    columns = list(VENDOR_COLUMNS) if vendor else list(ITEMS)
    header = ["Enhet", "Kön", *columns] if vendor else ["unit_id", "gender", *columns]
    lines = [",".join(header)]
    for unit, gender, values in rows:
        cells = [str(values.get(item, "")) for item in ITEMS]
        lines.append(",".join([unit, gender, *cells]))
    return ("\n".join(lines) + "\n").encode()


def wide_xlsx(rows: list[tuple[str, str, dict]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Enhet", "Kön", *VENDOR_COLUMNS])
    for unit, gender, values in rows:
        sheet.append([unit, gender, *(values.get(item) for item in ITEMS)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def long_csv(rows: list[tuple[str, str, str, object]], gender: dict[str, str] | None = None) -> bytes:
    header = "respondent_id,unit_id,item,value" + (",gender" if gender is not None else "")
    lines = [header]
    for respondent, unit, item, value in rows:
        extra = f",{gender.get(respondent, '')}" if gender is not None else ""
        lines.append(f"{respondent},{unit},{item},{value}{extra}")
    return ("\n".join(lines) + "\n").encode()


def long_rows(respondents: dict[str, str], values: dict | None = None) -> list[tuple]:
    """Every item answered by each respondent (id → unit)."""
    given = answers(values)
    return [(r, unit, item, given[item]) for r, unit in respondents.items() for item in ITEMS]


def store_survey(
    year: int,
    per_unit: dict[str, dict[str, tuple[int, dict]]],
    name: str = "Medarbetarenkät",
    k: int = 5,
) -> Survey:
    """A survey stored as an import stores it: per unit, per gender, (respondents, {item: {value:
    count}}) pooled into reporting groups on today's tree, with the decision made once."""
    survey = Survey.objects.create(
        name=name,
        year=year,
        source="distributions",
        k=k,
        filename="x.csv",
        file_sha256=f"{name}{year}".ljust(64, "0"),
    )
    tree = frozen_tree()
    store_pooled(survey, tree, pool_cells(tree, per_unit, k), {})
    return survey


def everyone(n: int, value_of: dict[str, int] | None = None) -> tuple[int, dict]:
    """n respondents who all gave the same answers."""
    return n, {item: {value: n} for item, value in answers(value_of).items()}
