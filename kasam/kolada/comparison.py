"""`comparison(year=None)`: the latest stored Kolada figures of each of Kasam's KPIs for the
municipality, its county and its "Liknande kommuner" group, for pages and reports. It reads only the
database – never Kolada – and says when the figures were fetched and whether a later fetch failed.

Per KPI, the year shown is `year` when given, else the latest year with a figure for the municipality
(else the latest with any figure), so that the three figures of a table are of the same year. Among
stored figures of the same KPI, unit kind and year the most recently fetched one wins. Only totals
(gender T) are compared."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from kasam.kolada.kpis import KPI_IDS, KPIS, source_line
from kasam.kolada.models import Fetch, Kpi, KpiValue

KINDS = (KpiValue.Kind.MUNICIPALITY, KpiValue.Kind.COUNTY, KpiValue.Kind.GROUP)


@dataclass(frozen=True)
class Figure:
    kind: str
    title: str
    municipality_id: str
    value: float
    fetched_at: datetime
    source: str  # Fetch.Source

    @property
    def decimals(self) -> int:
        """Whole numbers (kronor) without decimals, shares and indices with one."""
        return 0 if float(self.value).is_integer() or abs(self.value) >= 1000 else 1


@dataclass(frozen=True)
class KpiComparison:
    kpi_id: str
    title: str
    description: str
    year: int | None
    figures: tuple[Figure | None, Figure | None, Figure | None]  # municipality, county, group
    fetched_at: datetime | None
    published: bool  # some figure comes from a published document, not from the API

    @property
    def source(self) -> str:
        """ "Källa: Kolada, KPI N21006" – the fixed, untranslated part of the source line."""
        return source_line(self.kpi_id)

    @property
    def municipality(self) -> Figure | None:
        return self.figures[0]

    @property
    def county(self) -> Figure | None:
        return self.figures[1]

    @property
    def group(self) -> Figure | None:
        return self.figures[2]

    @property
    def has_figures(self) -> bool:
        return any(self.figures)


@dataclass(frozen=True)
class Comparison:
    kpis: list[KpiComparison] = field(default_factory=list)
    years: list[int] = field(default_factory=list)  # the years with stored figures, latest first
    year: int | None = None
    last_fetched: datetime | None = None  # the latest successful fetch (or stored published figures)
    last_source: str | None = None
    failed_at: datetime | None = None  # a fetch that failed after last_fetched

    @property
    def has_figures(self) -> bool:
        return any(k.has_figures for k in self.kpis)


def comparison(year: int | None = None) -> Comparison:
    succeeded = Fetch.objects.filter(status=Fetch.Status.SUCCEEDED)
    latest = succeeded.order_by("-finished_at", "-id").first()
    failed = Fetch.objects.filter(status=Fetch.Status.FAILED).order_by("-started_at", "-id").first()
    failed_at = None
    if failed is not None and (latest is None or failed.started_at >= latest.finished_at):
        failed_at = failed.finished_at or failed.started_at
    if latest is None:
        return Comparison(kpis=[_empty(kpi_id) for kpi_id in KPI_IDS], year=year, failed_at=failed_at)

    rows = KpiValue.objects.filter(
        fetch__status=Fetch.Status.SUCCEEDED,
        fetch__municipality=latest.municipality,
        gender=KpiValue.Gender.TOTAL,
        value__isnull=False,
    ).select_related("fetch")
    years = sorted(set(rows.values_list("year", flat=True)), reverse=True)
    if year is not None:
        rows = rows.filter(year=year)
    best: dict[tuple[str, str, int], KpiValue] = {}
    for row in rows.order_by("fetched_at", "id"):
        best[(row.kpi, row.kind, row.year)] = row  # the later fetched wins
    titles: dict[str, Kpi] = {}
    for kpi in Kpi.objects.filter(fetch__status=Fetch.Status.SUCCEEDED).order_by("fetched_at", "id"):
        titles[kpi.kpi_id] = kpi

    stored = {kpi for kpi, _kind, _year in best}
    kpis = []
    for kpi_id in [*KPI_IDS, *sorted(stored - set(KPI_IDS))]:
        own = [y for (k, kind, y) in best if k == kpi_id and kind == KpiValue.Kind.MUNICIPALITY]
        any_year = [y for (k, _kind, y) in best if k == kpi_id]
        shown = max(own) if own else max(any_year) if any_year else None
        if shown is None:
            kpis.append(_empty(kpi_id, titles.get(kpi_id)))
            continue
        rows_of = [best.get((kpi_id, kind, shown)) for kind in KINDS]
        figures = tuple(_figure(row) if row else None for row in rows_of)
        meta = titles.get(kpi_id)
        kpis.append(
            KpiComparison(
                kpi_id=kpi_id,
                title=meta.title if meta else str(KPIS.get(kpi_id, kpi_id)),
                description=meta.description if meta else "",
                year=shown,
                figures=figures,
                fetched_at=max(f.fetched_at for f in figures if f),
                published=any(f.source == Fetch.Source.PUBLISHED for f in figures if f),
            )
        )
    return Comparison(
        kpis=kpis,
        years=years,
        year=year,
        last_fetched=latest.finished_at,
        last_source=latest.source,
        failed_at=failed_at,
    )


def _figure(row: KpiValue) -> Figure:
    return Figure(
        kind=row.kind,
        title=row.municipality_title,
        municipality_id=row.municipality_id,
        value=row.value,
        fetched_at=row.fetched_at,
        source=row.fetch.source,
    )


def _empty(kpi_id: str, meta: Kpi | None = None) -> KpiComparison:
    return KpiComparison(
        kpi_id=kpi_id,
        title=meta.title if meta else str(KPIS.get(kpi_id, kpi_id)),
        description=meta.description if meta else "",
        year=None,
        figures=(None, None, None),
        fetched_at=None,
        published=False,
    )


def local_date(moment: datetime | None) -> date | None:
    """A fetch time's local date (the pages write it as a date, "7 december 2026")."""
    return timezone.localtime(moment).date() if moment else None
