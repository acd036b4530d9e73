"""What Kasam asks Kolada for (docs/definitions.md "Economics"), the counties, and the source line every
Kolada figure carries. Pure data and small pure functions: no database, no network."""

from django.utils.translation import gettext_lazy as _

# The KPIs in the order the pages show them. The labels are ours, for a KPI whose metadata has
# not been fetched; a fetched KPI is shown under Kolada's own (Swedish) title.
KPIS = {
    "N00090": _("Sick leave"),
    "N00091": _("Share of long-term sick leave"),
    "N00216": _("Staff turnover"),
    "U00200": _("HME, sustainable employee engagement"),
    "N21006": _("Home-care cost per recipient"),
    "N23009": _("Special housing cost per resident"),
}
KPI_IDS = tuple(KPIS)

# The "Liknande kommuner …" group compared with: Kolada keeps one per area ("äldreomsorg",
# "övergripande", "grundskola" …); the published Kalix comparison uses the elderly-care group.
GROUP_AREA = "äldreomsorg"

# The 21 counties by the first two digits of a municipality code (SCB's county codes). Kolada's id of a
# county (region) is "00" followed by these two digits, e.g. Kalix 2514 → 0025 (docs/kolada.md).
COUNTIES = {
    "01": "Stockholms län",
    "03": "Uppsala län",
    "04": "Södermanlands län",
    "05": "Östergötlands län",
    "06": "Jönköpings län",
    "07": "Kronobergs län",
    "08": "Kalmar län",
    "09": "Gotlands län",
    "10": "Blekinge län",
    "12": "Skåne län",
    "13": "Hallands län",
    "14": "Västra Götalands län",
    "17": "Värmlands län",
    "18": "Örebro län",
    "19": "Västmanlands län",
    "20": "Dalarnas län",
    "21": "Gävleborgs län",
    "22": "Västernorrlands län",
    "23": "Jämtlands län",
    "24": "Västerbottens län",
    "25": "Norrbottens län",
}

# Kolada's terms of use ask every service showing its data to say so in these words, whatever the
# interface language: they are not translated.
SOURCE = "Källa: Kolada"


def source_line(kpi_id: str) -> str:
    """ "Källa: Kolada, KPI N21006" – the fixed part of the line under each Kolada figure."""
    return f"{SOURCE}, KPI {kpi_id}"


def county_of(municipality: str) -> str:
    """Kolada's id of the county a municipality code belongs to: "2514" → "0025". ValueError for a
    code that is not four digits of a Swedish county."""
    if len(municipality) != 4 or not municipality.isdigit():
        raise ValueError(f"A municipality code is four digits, e.g. 2514 for Kalix, not {municipality!r}.")
    if municipality[:2] not in COUNTIES:
        raise ValueError(f"{municipality} is not in any Swedish county (no county code {municipality[:2]}).")
    return "00" + municipality[:2]
