"""Time the report renderers (kasam.core.document.pdf.render_pdf, kasam.core.document.xlsx.render_xlsx) on a
document the size of a 50,000-employee organisation's health account: ten sections, a table of about
600 units, twelve charts (line, bar and heat map from kasam.core.charts) with their tables.

    .venv/bin/python benchmarks/bench_report_pdf.py [--runs 3] [--units 600]

Target: the health account PDF for 50,000 employees in under 30 seconds in the background. The
figures in the document are made up here (the content builders read them from the stored series in
well under that); this times the formats alone. Prints the median of `--runs` renders of each and
exits non-zero when the PDF takes more than BUDGET_S.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date

import django
from machine import cpu_model, peak_mb

BUDGET_S = 30.0


def build_document(units: int, rng: random.Random):
    from kasam.core import charts
    from kasam.core.document import Document, Figure, Paragraph, Section, Table

    def chart_figure(index: int) -> Figure:
        months = [date(2025, m, 1) for m in range(1, 13)]
        kind = index % 3
        if kind == 0:
            rows = [{"m": m, "u": f"Område {u}", "v": rng.random() * 12} for m in months for u in range(5)]
            chart = charts.line_chart(rows, "m", "v", "u", title=f"Sjukfrånvaro {index}", y_title="Procent")
        elif kind == 1:
            rows = [{"u": f"Förvaltning {u}", "v": rng.random() * 12} for u in range(12)]
            chart = charts.bar_chart(rows, "u", "v", title=f"Per förvaltning {index}", y_title="Procent")
        else:
            rows = [
                {"m": m, "u": f"Enhet {u:02d}", "v": rng.random() * 15} for u in range(30) for m in months
            ]
            chart = charts.heatmap(rows, "m", "u", "v", title=f"Per enhet {index}", value_title="Procent")
        table = Table(chart.table.caption, chart.table.headers, [list(row) for row in chart.table.rows])
        return Figure(chart.title, str(chart.svg), f"Diagram {index}: sjukfrånvaro i procent.", table)

    unit_rows = [
        [
            f"Enhet {u:03d} {'=' if u % 97 == 0 else ''}Hemtjänst",
            rng.randint(5, 400),
            rng.random() * 15 if u % 13 else None,
            rng.random() * 60,
            rng.random() * 100,
            rng.randint(0, 40),
        ]
        for u in range(units)
    ]
    unit_table = Table(
        "Sjukfrånvaro per enhet",
        ["Enhet", "Anställda", "Sjukfrånvaro", "Andel långtid", "Frisknärvaro", "Upprepad korttid"],
        unit_rows,
        [None, 0, 1, 1, 1, 0],
        "%",
        "Tomma celler: färre än tio personer.",
    )
    sections = []
    figures = iter(range(12))
    for s in range(10):
        blocks: list = [Paragraph(f"Avsnitt {s}: " + "Text om hälsan på arbetsplatsen. " * 20)]
        if s == 1:
            blocks.append(unit_table)
        blocks.append(
            Table(
                f"Nyckeltal {s}",
                ["Nyckeltal", "2024", "2025", "Förändring"],
                [[f"Tal {i}", rng.random() * 50, rng.random() * 50, rng.random() - 0.5] for i in range(12)],
                [None, 1, 1, 1],
            )
        )
        for _ in range(2 if s < 2 else 1):
            index = next(figures, None)
            if index is not None:
                blocks.append(chart_figure(index))
        sections.append(Section(f"Avsnitt {s}", blocks))
    return Document(
        title="Hälsobokslut 2025",
        organisation="Exempelkommun",
        period="1 januari – 31 december 2025",
        generated_on=date(2026, 1, 15),
        language="sv",
        sections=sections,
        definitions=[f"Definition {i}: sjuktimmar delade med ordinarie timmar." for i in range(10)],
        audience="För nämnden: bara sammanställda uppgifter",
    )


def median_seconds(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--units", type=int, default=600)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kasam.settings")
    django.setup()
    from django.utils import translation

    from kasam.core.document.pdf import render_pdf
    from kasam.core.document.xlsx import render_xlsx

    translation.activate("sv")
    started = time.perf_counter()
    document = build_document(args.units, random.Random(1))
    print(f"cpu {cpu_model()}")
    print(f"document (12 charts rendered, uncached) {time.perf_counter() - started:.1f} s")
    pdf_s, pdf = median_seconds(lambda: render_pdf(document), args.runs)
    xlsx_s, xlsx = median_seconds(lambda: render_xlsx(document), args.runs)
    print(f"render_pdf  median of {args.runs}: {pdf_s:.1f} s, {len(pdf) / 1024:.0f} KiB")
    print(f"render_xlsx median of {args.runs}: {xlsx_s:.2f} s, {len(xlsx) / 1024:.0f} KiB")
    print(f"peak memory {peak_mb():.0f} MB")
    if pdf_s > BUDGET_S:
        print(f"FAIL: the PDF took more than {BUDGET_S:.0f} s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
