"""The demo's Kolada comparison: Kalix's published "Jämförelse kostnader … år 2023, källa Kolada" (the
file in kasam/kolada/data/, public figures transcribed from the source document), stored as a fetch
marked as coming from that document, not from Kolada's API, so that /kolada/ has figures without
network. Nothing is done when any fetch is stored."""

import csv
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from kasam.kolada.models import Fetch, Kpi, KpiValue

DATA_FILE = Path(__file__).resolve().parent / "data" / "kolada_comparison_2023.csv"
MUNICIPALITY = ("2514", "Kalix")
YEAR = 2023
DOCUMENT = (
    "Kalix kommun, Bilaga ekonomi: Jämförelse kostnader äldreomsorg år 2023, källa Kolada "
    "(kasam/kolada/data/kolada_comparison_2023.csv). Transcribed from the published document, "
    "not fetched from Kolada's API."
)


def _kind(group: str) -> tuple[str, str]:
    """The published row's unit: Kalix itself, Kolada's "Liknande kommuner" group, or the county's
    municipalities. Ids are Kolada's where the document makes them certain, else empty."""
    if group == MUNICIPALITY[1]:
        return KpiValue.Kind.MUNICIPALITY, MUNICIPALITY[0]
    if group.startswith("Liknande kommuner"):
        return KpiValue.Kind.GROUP, ""
    return KpiValue.Kind.COUNTY, ""


def ensure_demo_kolada() -> Fetch | None:
    if Fetch.objects.exists():
        return None
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    now = timezone.now()
    with transaction.atomic():
        fetch = Fetch.objects.create(
            source=Fetch.Source.PUBLISHED,
            municipality=MUNICIPALITY[0],
            years=[YEAR],
            request={"kpis": sorted({row["kpi"] for row in rows}), "document": DATA_FILE.name},
            started_at=now,
            finished_at=now,
            status=Fetch.Status.SUCCEEDED,
            note=DOCUMENT,
        )
        titles = {row["kpi"]: row["kpi_title"] for row in rows}
        Kpi.objects.bulk_create(
            Kpi(fetch=fetch, kpi_id=kpi_id, title=title, fetched_at=now) for kpi_id, title in titles.items()
        )
        values = []
        for row in rows:
            kind, unit_id = _kind(row["group"])
            values.append(
                KpiValue(
                    fetch=fetch,
                    kpi=row["kpi"],
                    kind=kind,
                    municipality_id=unit_id,
                    municipality_title=row["group"],
                    year=YEAR,
                    value=float(row["value_sek"]),
                    fetched_at=now,
                )
            )
        KpiValue.objects.bulk_create(values)
    return fetch
