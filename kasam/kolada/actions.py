"""`fetch(municipality, years)`: Kasam's KPIs from Kolada for the municipality, its county and
Kolada's "Liknande kommuner …" group of each year, all or nothing.

1. The municipality and its county (Kolada id "00" + the first two digits of the code) by id: their
   titles, and a check that Kolada knows both.
2. The comparison group of each year, by title (group ids change when Kolada forms the groups anew):
   `/municipality_groups?title=<name>`, then `resolve_groups` below.
3. The KPIs' metadata, then the values: the municipality and the county for every year in one
   request (per 25 ids), each group for the years it stands for.
4. Only when every request succeeded: every raw answer, the metadata and the values in one
   transaction. A failure of any request leaves the fetch's own row marked failed, and nothing else."""

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from kasam.kolada.client import Answer, KoladaClient, KoladaError, values
from kasam.kolada.kpis import COUNTIES, GROUP_AREA, KPI_IDS, county_of
from kasam.kolada.models import Fetch, Kpi, KpiValue, RawAnswer

GENDERS = {"T", "K", "M"}
FIRST_YEAR = 1990

# "Liknande kommuner äldreomsorg, Kalix, 2024" and "Liknande kommuner, övergripande, Höör, 2025": the
# area, the municipality's name and (when given) the year the group was formed for.
GROUP_TITLE = re.compile(
    r"^Liknande kommuner,?\s+(?P<area>[^,]+?),\s*(?P<name>[^,]+?)(?:,\s*(?P<year>\d{4}))?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Unit:
    """A municipality, a county or a group as Kolada names it."""

    id: str
    title: str


@dataclass(frozen=True)
class Group(Unit):
    """The group used for one year, and by which rule (docs/kolada.md)."""

    rule: str = "same year"  # "same year" | "latest earlier" | "undated" | "earliest later"


@dataclass
class FetchResult:
    fetch: Fetch
    municipality: Unit
    county: Unit
    groups: dict[int, Group]
    kpis: list[str]
    values: int
    answers: int
    requests: int

    def as_json(self) -> dict:
        return {
            "fetch": self.fetch.pk,
            "status": self.fetch.status,
            "fetched_at": self.fetch.finished_at.isoformat() if self.fetch.finished_at else None,
            "municipality": {"id": self.municipality.id, "title": self.municipality.title},
            "county": {"id": self.county.id, "title": self.county.title},
            "groups": {
                str(year): {"id": g.id, "title": g.title, "rule": g.rule} for year, g in self.groups.items()
            },
            "years": self.fetch.years,
            "kpis": self.kpis,
            "values": self.values,
            "answers": self.answers,
            "requests": self.requests,
        }


@dataclass
class _Collected:
    answers: list[Answer] = field(default_factory=list)

    def add(self, pages: list[Answer]) -> list[Answer]:
        self.answers += pages
        return pages


def parse_years(text: str) -> list[int]:
    """ "2020-2024", "2023" or "2020,2022" → the years; ValueError for anything else."""
    years: set[int] = set()
    for part in text.replace(" ", "").split(","):
        first, dash, last = part.partition("-")
        if not first.isdigit() or (dash and not last.isdigit()):
            raise ValueError(f"Years are written 2020-2024, 2023 or 2020,2022, not {text!r}.")
        start, end = int(first), int(last) if dash else int(first)
        if start > end:
            raise ValueError(f"The first year comes first: {part}.")
        years.update(range(start, end + 1))
    check_years(years)
    return sorted(years)


def check_years(years) -> list[int]:
    years = sorted({int(y) for y in years})
    this_year = timezone.localdate().year
    if not years:
        raise ValueError("At least one year is needed.")
    if years[0] < FIRST_YEAR or years[-1] > this_year:
        raise ValueError(f"Kolada's years run from {FIRST_YEAR} to {this_year}, not {years[0]}–{years[-1]}.")
    return years


def resolve_groups(groups: list[dict], name: str, years: list[int], area: str, url: str) -> dict[int, Group]:
    """The "Liknande kommuner <area>, <name>[, <year>]" group for each year: the group formed for that
    year; else the latest formed before it; else one whose title has no year; else the earliest
    formed after it. KoladaError when there is none, or two with the same title."""
    dated: dict[int, Group] = {}
    undated: Group | None = None
    for group in groups:
        match = GROUP_TITLE.match(str(group.get("title", "")).strip())
        if not match:
            continue
        if match["name"].casefold() != name.casefold() or match["area"].casefold() != area.casefold():
            continue
        year = int(match["year"]) if match["year"] else None
        unit = Group(str(group["id"]), group["title"].strip())
        duplicate = undated is not None if year is None else year in dated
        if duplicate:
            raise KoladaError(
                f"Kolada has two groups titled {unit.title!r}; which one is meant is unclear", url
            )
        if year is None:
            undated = unit
        else:
            dated[year] = unit
    if not dated and undated is None:
        raise KoladaError(f"Kolada has no group titled 'Liknande kommuner {area}, {name}, …' at {url}", url)
    chosen: dict[int, Group] = {}
    for year in years:
        earlier = [y for y in dated if y <= year]
        if year in dated:
            chosen[year] = dated[year]
        elif earlier:
            chosen[year] = Group(dated[max(earlier)].id, dated[max(earlier)].title, "latest earlier")
        elif undated is not None:
            chosen[year] = Group(undated.id, undated.title, "undated")
        else:
            first = dated[min(dated)]
            chosen[year] = Group(first.id, first.title, "earliest later")
    return chosen


def fetch(
    municipality: str,
    years,
    *,
    kpis=KPI_IDS,
    group_area: str = GROUP_AREA,
    client: KoladaClient | None = None,
) -> FetchResult:
    """Fetch and store; KoladaError (after marking the fetch failed) when any request fails. ValueError
    for a municipality code or years that cannot be asked, before anything is sent or stored."""
    county_id = county_of(municipality)
    years = check_years(years)
    kpis = list(dict.fromkeys(kpis))
    client = client or KoladaClient()
    record = Fetch.objects.create(
        source=Fetch.Source.API,
        municipality=municipality,
        years=years,
        request={"kpis": kpis, "county": county_id, "group_area": group_area},
        started_at=timezone.now(),
    )
    collected = _Collected()
    try:
        home, county = _home_and_county(client, collected, municipality, county_id)
        groups, metadata, figures = _download(client, collected, kpis, years, group_area, home, county)
    except (KoladaError, KeyError, TypeError, AttributeError) as error:
        raise _failed(record, client, collected, error) from None
    _store(record, client, collected, metadata, figures, home, county, groups)
    return FetchResult(
        fetch=record,
        municipality=home,
        county=county,
        groups=groups,
        kpis=kpis,
        values=len(figures),
        answers=len(collected.answers),
        requests=client.requests,
    )


def _home_and_county(
    client: KoladaClient, collected: _Collected, municipality: str, county_id: str
) -> tuple[Unit, Unit]:
    """The municipality and its county as Kolada names them; KoladaError when it knows either not."""
    pages = collected.add(client.municipalities([municipality, county_id]))
    units = {str(u["id"]): u for u in values(pages)}
    where = collected.answers[-1].url
    if municipality not in units:
        raise KoladaError(f"Kolada does not know municipality {municipality} ({where})", where)
    if county_id not in units:
        raise KoladaError(f"Kolada does not know county {county_id} ({where})", where)
    home = Unit(municipality, str(units[municipality].get("title") or municipality))
    county = Unit(county_id, str(units[county_id].get("title") or COUNTIES[municipality[:2]]))
    return home, county


def _download(
    client: KoladaClient, collected: _Collected, kpis, years, group_area: str, home: Unit, county: Unit
):
    """(the comparison group of each year, the KPIs' metadata, the figures of the municipality, the
    county and the groups), every answer kept in `collected`."""
    pages = collected.add(client.municipality_groups(home.title))
    groups = resolve_groups(values(pages), home.title, years, group_area, pages[0].url)
    metadata = _metadata(collected.add(client.kpis(kpis)), kpis)
    figures = _figures(collected.add(client.data(kpis, [home.id, county.id], years)), kpis, home, county, {})
    for group_id in dict.fromkeys(g.id for g in groups.values()):
        group_years = [year for year, g in groups.items() if g.id == group_id]
        pages = collected.add(client.data(kpis, [group_id], group_years))
        figures += _figures(pages, kpis, home, county, {(group_id, y): groups[y] for y in group_years})
    _check_unique(figures)
    return groups, metadata, figures


def _failed(record: Fetch, client: KoladaClient, collected: _Collected, error: Exception) -> KoladaError:
    """The fetch marked failed; the error as a KoladaError."""
    if not isinstance(error, KoladaError):
        # An answer of another shape than the documented one (docs/kolada.md): fail loudly.
        url = collected.answers[-1].url if collected.answers else client.base_url
        error = KoladaError(f"Kolada's answer {url} has an unexpected shape ({error!r})", url)
    record.status = Fetch.Status.FAILED
    record.error = str(error)
    record.finished_at = timezone.now()
    record.requests = client.requests
    record.save(update_fields=["status", "error", "finished_at", "requests"])
    return error


def _store(
    record: Fetch, client: KoladaClient, collected: _Collected, metadata, figures, home, county, groups
) -> None:
    """The answers, the KPIs and the figures stored with the fetch, marked succeeded, in one transaction."""
    with transaction.atomic():
        RawAnswer.objects.bulk_create(
            RawAnswer(fetch=record, url=a.url, fetched_at=a.fetched_at, body=a.body)
            for a in collected.answers
        )
        Kpi.objects.bulk_create(
            Kpi(
                fetch=record,
                kpi_id=kpi_id,
                title=meta["title"],
                description=meta["description"],
                fetched_at=at,
            )
            for kpi_id, (meta, at) in metadata.items()
        )
        KpiValue.objects.bulk_create(KpiValue(fetch=record, **figure) for figure in figures)
        record.status = Fetch.Status.SUCCEEDED
        record.finished_at = timezone.now()
        record.requests = client.requests
        record.request = {
            **record.request,
            "municipality_title": home.title,
            "county_title": county.title,
            "groups": {str(y): {"id": g.id, "title": g.title, "rule": g.rule} for y, g in groups.items()},
        }
        record.save(update_fields=["status", "finished_at", "requests", "request"])


def _metadata(pages: list[Answer], kpis: list[str]) -> dict[str, tuple[dict, datetime]]:
    found = {}
    for answer in pages:
        for kpi in answer.values:
            if str(kpi.get("id")) in kpis:
                title = str(kpi.get("title") or "")
                found[str(kpi["id"])] = (
                    {"title": title, "description": str(kpi.get("description") or "")},
                    answer.fetched_at,
                )
    missing = [k for k in kpis if k not in found]
    if missing:
        url = pages[-1].url if pages else ""
        raise KoladaError(f"Kolada has no KPI {', '.join(missing)} ({url})", url)
    return found


def _figures(
    pages: list[Answer], kpis: list[str], home: Unit, county: Unit, groups: dict[tuple[str, int], Group]
) -> list[dict]:
    """The values of data answers as KpiValue fields. An entry for a unit or year that was not asked
    for is an error, not something to skip: nothing Kolada sends is dropped silently."""
    figures = []
    for answer in pages:
        for entry in answer.values:
            unit_id, year = str(entry.get("municipality", "")), _year(entry.get("period"), answer.url)
            kpi = str(entry.get("kpi", ""))
            if kpi not in kpis:
                raise KoladaError(
                    f"Kolada's answer {answer.url} holds KPI {kpi!r}, which was not asked for", answer.url
                )
            if unit_id == home.id:
                kind, title = KpiValue.Kind.MUNICIPALITY, home.title
            elif unit_id == county.id:
                kind, title = KpiValue.Kind.COUNTY, county.title
            elif (unit_id, year) in groups:
                kind, title = KpiValue.Kind.GROUP, groups[(unit_id, year)].title
            else:
                raise KoladaError(
                    f"Kolada's answer {answer.url} holds {unit_id} {year}, which was not asked for",
                    answer.url,
                )
            for item in entry.get("values") or []:
                if item.get("isdeleted"):
                    continue
                gender = str(item.get("gender") or "T")
                if gender not in GENDERS:
                    raise KoladaError(
                        f"Kolada's answer {answer.url} has an unknown gender {gender!r}", answer.url
                    )
                value = item.get("value")
                if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                    raise KoladaError(
                        f"Kolada's answer {answer.url} has a value that is not a number: {value!r}",
                        answer.url,
                    )
                figures.append(
                    {
                        "kpi": kpi,
                        "kind": kind,
                        "municipality_id": unit_id,
                        "municipality_title": title,
                        "year": year,
                        "gender": gender,
                        "value": None if value is None else float(value),
                        "fetched_at": answer.fetched_at,
                    }
                )
    return figures


def _year(period, url: str) -> int:
    text = str(period)
    if not text.isdigit() or len(text) != 4:
        raise KoladaError(f"Kolada's answer {url} has a period that is not a year: {period!r}", url)
    return int(text)


def _check_unique(figures: list[dict]) -> None:
    seen = set()
    for figure in figures:
        key = (figure["kpi"], figure["kind"], figure["municipality_id"], figure["year"], figure["gender"])
        if key in seen:
            raise KoladaError(f"Kolada answered the same figure twice: {' '.join(map(str, key))}", "")
        seen.add(key)
