"""The demo's Kolada comparison: Exempelkommun beside the county's municipalities and Kolada's
"Liknande kommuner äldreomsorg" group, whose figures are those of Kalix's published "Jämförelse
kostnader … år 2023, källa Kolada" (the file in kasam/kolada/data/, public figures transcribed from the
source document). Exempelkommun is made up, and so are its own two figures (OWN_FIGURES); Kalix's own
row of the document is not stored – the demo never names another municipality as its own. Stored as
a fetch marked as coming from that document, not from Kolada's API, so that /kolada/ has figures
without network. Nothing is done when any fetch is stored."""

import csv
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from kasam.kolada.models import Fetch, Kpi, KpiValue

DATA_FILE = Path(__file__).resolve().parent / "data" / "kolada_comparison_2023.csv"
PUBLISHED_BY = "Kalix"  # the municipality whose published document the group's figures come from
DEMO_MUNICIPALITY = "Exempelkommun"
# Made up for the demo municipality, in kronor: between the county's and the group's figures, as a
# municipality's often are.
OWN_FIGURES = {"N21006": 412_000.0, "N23009": 1_187_000.0}
YEAR = 2023
DOCUMENT = (
    "Exempelkommun's own figures are made up for the demo. The county's and the similar "
    "municipalities' come from Kalix kommun, Bilaga ekonomi: Jämförelse kostnader äldreomsorg år "
    "2023, källa Kolada (kasam/kolada/data/kolada_comparison_2023.csv), transcribed from the "
    "published document, not fetched from Kolada's API."
)


def _kind(group: str) -> str:
    """The published row's unit: Kolada's "Liknande kommuner" group or the county's municipalities."""
    return KpiValue.Kind.GROUP if group.startswith("Liknande kommuner") else KpiValue.Kind.COUNTY


def ensure_demo_kolada() -> Fetch | None:
    if Fetch.objects.exists():
        return None
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    now = timezone.now()
    with transaction.atomic():
        fetch = Fetch.objects.create(
            source=Fetch.Source.PUBLISHED,
            municipality="",  # made up: it has no code of Kolada's
            years=[YEAR],
            request={"kpis": sorted(OWN_FIGURES), "document": DATA_FILE.name},
            started_at=now,
            finished_at=now,
            status=Fetch.Status.SUCCEEDED,
            note=DOCUMENT,
        )
        titles = {row["kpi"]: row["kpi_title"] for row in rows}
        Kpi.objects.bulk_create(
            Kpi(fetch=fetch, kpi_id=kpi_id, title=title, fetched_at=now) for kpi_id, title in titles.items()
        )
        published = [
            (row["kpi"], _kind(row["group"]), row["group"], float(row["value_sek"]))
            for row in rows
            if row["group"] != PUBLISHED_BY
        ]
        own = [
            (kpi, KpiValue.Kind.MUNICIPALITY, DEMO_MUNICIPALITY, value) for kpi, value in OWN_FIGURES.items()
        ]
        KpiValue.objects.bulk_create(
            KpiValue(
                fetch=fetch,
                kpi=kpi,
                kind=kind,
                municipality_id="",
                municipality_title=title,
                year=YEAR,
                value=value,
                fetched_at=now,
            )
            for kpi, kind, title, value in [*own, *published]
        )
    return fetch
