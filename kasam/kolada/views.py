"""/kolada/: the stored Kolada comparison – public figures, readable by every logged-in role. The page
reads only the database (kasam.kolada.comparison); it never asks Kolada, so it works without network
and says when the figures were last fetched."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kasam.kolada.comparison import comparison, local_date


@login_required
@require_GET
def comparison_page(request):
    data = comparison(_year(request.GET.get("ar")))
    if data.year is not None and data.year not in data.years:
        data = comparison(None)
    rows = [
        {
            "kpi": kpi,
            "date": local_date(kpi.fetched_at),
            "figures": list(zip(("municipality", "county", "group"), kpi.figures, strict=True)),
        }
        for kpi in data.kpis
        if kpi.has_figures
    ]
    context = {
        "comparison": data,
        "rows": rows,
        # Named once, not a section each: a list of empty tables says nothing.
        "missing": [kpi for kpi in data.kpis if not kpi.has_figures],
        "last_fetched": local_date(data.last_fetched),
        "failed_at": local_date(data.failed_at),
    }
    return render(request, "kolada/comparison.html", context)


def _year(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() and len(text) == 4 else None
