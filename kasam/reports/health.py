"""The health account (hälsobokslut) for the committee for a calendar year: targets and progress,
sick leave, pulse and survey indices, the reach of the dialogs, economics, the Kolada comparison,
and the words of "Vad fungerar bra just nu?" – every figure as the committee may see it
(kasam.reports.committee).

Choices:
- Sick leave and its cost: the year's release (and the year before's, when published) – the
  committee sees sick leave only from releases (kasam.reports.released); no monthly series.
- Targets: the organisation's own targets (scope organisation, on the root), assessed as the target
  pages assess them for the committee (sick leave from releases only).
- Pulse: the organisation's dimension indices in the last closed round of the year; survey: the
  latest survey of the year or before, the organisation and the areas the survey's gate shows.
- Words: the year's closed rounds' free-text answers that rule 5 places under some shown node (the
  rule every comment page follows), lemmatised; a word is listed only when at least k answers use
  it, so that no rare word – a name the masking missed, a place – can point to a writer.
"""

from datetime import date

from django.utils.translation import gettext as _

from kasam.absence.released import SickLeaveRelease, year_release
from kasam.core.dates import today
from kasam.core.document import Document, Figure, Paragraph, Section, Table
from kasam.core.formatting import format_date
from kasam.dialogs import reach as dialog_reach
from kasam.dialogs.models import Programme
from kasam.economy import figures as economy
from kasam.metrics import targets as arithmetic
from kasam.metrics.economics import CostSettings
from kasam.org.models import Unit
from kasam.pulse import results as pulse
from kasam.pulse.dimensions import dimension_name
from kasam.pulse.models import Round
from kasam.reports.annual import organisation_name, period_text, year_period
from kasam.reports.committee import all_units, committee_actuals, root
from kasam.reports.released import release_of, source_text, statutory_figures
from kasam.survey import results as survey
from kasam.survey.items import SUBINDEX_LABELS
from kasam.targets.models import Target
from kasam.targets.pages import figure_label, higher_is_better

WORDS = 30
WORD_MIN_ANSWERS = 5


def targets_section(year: int) -> Section:
    actuals = committee_actuals()
    top = root()
    rows = []
    for target in Target.objects.filter(scope=Target.Scope.ORGANISATION, unit=top, year__gte=year).order_by(
        "year", "figure"
    ):
        points = actuals.points(target.figure, target.dimension, [top], target.base_year)[top.pk]
        a = arithmetic.assess(
            points,
            target.kind,
            float(target.value),
            target.base_year,
            target.year,
            higher_is_better(target),
            actuals.today,
        )
        verdict = {True: _("on track"), False: _("not on track")}.get(a.on_track, _("not known yet"))
        progress = None if a.progress is None else 100 * a.progress
        rows.append(
            [figure_label(target), str(target.year), a.base, a.target, a.latest_value, progress, verdict]
        )
    if not rows:
        return Section(
            _("Targets"), [Paragraph(_("The organisation has no targets for this year or later."))]
        )
    table = Table(
        _("The organisation's targets"),
        [_("Figure"), _("Target year"), _("Base"), _("Target"), _("Latest"), _("Progress (%)"), _("Status")],
        rows,
        [None, None, 2, 2, 2, 0, None],
        note=_("Progress: 0 % at the base, 100 % at the target. The latest figure is the last 12 months."),
    )
    return Section(_("Targets and progress"), [table])


def sick_leave_section(release: SickLeaveRelease) -> Section:
    rows = []
    top = root().pk
    year = release.period.year
    for shown in (year_release(year - 1), release):
        if shown is None:
            continue
        report = statutory_figures(shown, top)
        rows.append(
            [
                str(shown.period.year),
                report["sick_leave_pct"],
                report["long_term_share_pct"],
                report["healthy_attendance_pct"]["5"],
            ]
        )
    table = Table(
        _("Sick leave of the whole organisation"),
        [_("Year"), _("Sick leave"), _("Long-term share"), _("Healthy attendance (at most 5 days)")],
        rows,
        [None, 2, 2, 2],
        "%",
    )
    return Section(_("Sick leave"), [table])


def pulse_section(year: int) -> Section | None:
    top = root()
    rounds = [
        r
        for r in Round.objects.filter(status=Round.Status.CLOSED, closes_on__year=year).order_by("-closes_on")
        if top.pk in (r.tree or {})
    ]
    if not rounds:
        return None
    latest = rounds[0]
    nodes = {node.unit: node for node in pulse.viewer_nodes(pulse.load_round(latest), {top.pk})}
    node = nodes.get(top.pk)
    if node is None or not node.shown:
        return Section(_("Pulse"), [Paragraph(_("Too few answered the last pulse of the year to show it."))])
    rows = [[dimension_name(name), r.index, r.favourable_pct] for name, r in node.dimensions.items()]
    table = Table(
        _("The whole organisation in the last pulse of the year (%(day)s, %(n)s answered)")
        % {"day": format_date(latest.closes_on), "n": node.respondents},
        [_("Dimension"), _("Index (0–100)"), _("Favourable answers (%)")],
        rows,
        [None, 1, 1],
    )
    return Section(_("Pulse"), [table])


def survey_section(year: int) -> Section | None:
    found = survey.latest_survey(year)
    if found is None:
        return None
    loaded = survey.load_survey(found)
    area_ids = set(Unit.objects.filter(kind=Unit.Kind.AREA).values_list("pk", flat=True))
    rows = []
    for row in [loaded.organisation_row(), *[r for r in loaded.rows(all_units()) if r.unit_id in area_ids]]:
        rows.append(
            [row.name, row.respondents, row.total, *(v for _n, v in row.subindices), row.nmi, row.enps]
        )
    table = Table(
        f"{found.name} {found.year}",
        [
            _("Unit"),
            _("Respondents"),
            "HME",
            *(str(label) for label in SUBINDEX_LABELS.values()),
            "NMI",
            "eNPS",
        ],
        rows,
        [None, 0, 1, 1, 1, 1, 1, 1],
        note=_("An empty row: too few answers to show."),
    )
    return Section(_("Employee survey"), [table])


def dialogs_section(year: int) -> Section | None:
    programmes = list(Programme.objects.filter(in_use=True))
    data = dialog_reach.load(Unit.objects.all())
    if not data.dialogs:
        return None
    day = min(date(year, 12, 31), today())
    rows = [
        [
            item.programme.title,
            item.now.units_reached,
            item.now.unit_share,
            item.now.employees_reached,
            item.now.employee_share,
        ]
        for item in dialog_reach.programme_reach(data, programmes, day)
        if item.now.units_reached
    ]
    table = Table(
        _("Reached by the end of the period"),
        [_("Programme"), _("Units"), _("Share of units (%)"), _("Employees"), _("Share of employees (%)")],
        rows,
        [None, 0, 1, 0, 1],
    )
    return Section(_("Dialogs at the workplace meeting"), [table])


def economy_section(year: int, release: SickLeaveRelease) -> Section:
    blocks: list = []
    budget = [row for row in economy.budget_rows() if row.year <= year]
    if budget:
        blocks.append(
            Table(
                _("Budget, outcome and deviation (budget − outcome)"),
                [_("Year"), _("Budget"), _("Outcome"), _("Deviation"), _("Reported deviation")],
                [[str(r.year), r.budget, r.outcome, r.deviation, r.reported] for r in budget],
                [None, 0, 0, 0, 0],
                "tkr",
            )
        )
    # The release's cost of the organisation (always shown) and the cost model it was made with.
    settings = CostSettings(**release.release.settings.get("cost", {}))
    cost = release.cost(root().pk) or {}
    total = cost["cost_short"] + cost["cost_mid"] if cost else None
    blocks.append(
        Table(
            _("What sick leave cost the organisation"),
            [_("Figure"), _("SEK")],
            [
                [_("Cost of sick leave"), total],
                [_("What one percentage point lower sick leave is worth"), cost.get("worth_one_point")],
            ],
            [None, 0],
            note=_(
                "Estimated with a sick day 1–14 at %(short)s %% and a day "
                "15–90 at %(mid)s %% of a monthly salary; "
                "the unit's own salary, or %(salary)s kr."
            )
            % {
                "short": f"{settings.short_pct:g}",
                "mid": f"{settings.mid_pct:g}",
                "salary": f"{settings.default_salary:.0f}",
            },
        )
    )
    return Section(_("Economics"), blocks)


def kolada_section(year: int) -> Section | None:
    from kasam.kolada.comparison import comparison, local_date

    found = comparison()
    if not found.has_figures:
        return None
    rows, headers = [], [_("Figure"), _("Year")]
    names = None
    for kpi in found.kpis:
        if not kpi.has_figures:
            continue
        if names is None:
            names = [f.title if f else "" for f in kpi.figures]
        rows.append(
            [
                f"{kpi.title} ({kpi.source})",
                str(kpi.year or ""),
                *(f.value if f else None for f in kpi.figures),
            ]
        )
    headers += [
        name or label
        for name, label in zip(
            names or ["", "", ""], [_("Municipality"), _("County"), _("Similar municipalities")], strict=True
        )
    ]
    note = _("Källa: Kolada. Fetched %(day)s.") % {"day": format_date(local_date(found.last_fetched))}
    return Section(
        _("Comparison with other municipalities"),
        [Table(_("Kolada"), headers, rows, [None, None, 1, 1, 1], note=note)],
    )


def words_section(year: int) -> Section | None:
    from kasam.reports.words import top_words, word_cloud_svg

    texts: list[str] = []
    visible = all_units()
    for round in Round.objects.filter(status=Round.Status.CLOSED, closes_on__year=year):
        for placed in pulse.comments(pulse.load_round(round, figures=False), visible).values():
            texts.extend(placed)
    counted = [(word, n) for word, n in top_words(texts, limit=200) if n >= WORD_MIN_ANSWERS][:WORDS]
    if not counted:
        return None
    title = _("What works well right now? The most used words")
    table = Table(title, [_("Word"), _("Answers")], [[w, n] for w, n in counted], [None, 0])
    alt = _("A word cloud of the %(n)s most used words; the largest are %(words)s.") % {
        "n": len(counted),
        "words": ", ".join(w for w, _n in counted[:5]),
    }
    return Section(
        _("What works well"),
        [
            Paragraph(
                _(
                    "From the pulse's open question, in groups large enough for comments to be "
                    "read; a word is listed when at least %(k)s answers use it."
                )
                % {"k": WORD_MIN_ANSWERS}
            ),
            Figure(title, word_cloud_svg(counted, 560, 280), alt, table),
        ],
    )


def build_health(year: int, language: str = "sv") -> Document:
    release = release_of(year)
    start, end = year_period(year)
    sections = [targets_section(year), sick_leave_section(release)]
    for builder in (pulse_section, survey_section, dialogs_section):
        section = builder(year)
        if section:
            sections.append(section)
    sections.append(economy_section(year, release))
    for builder in (kolada_section, words_section):
        section = builder(year)
        if section:
            sections.append(section)
    return Document(
        title=_("Health account %(year)s") % {"year": year},
        organisation=organisation_name(),
        period=period_text(start, end),
        generated_on=today(),
        language=language,
        sections=sections,
        definitions=[
            _(
                "Every figure is as the committee may see it: small groups are not "
                "shown, nor anything that would let them be worked out."
            ),
            _(
                "Sick leave: sick hours as a share of ordinary working time; long-term "
                "share: of sick leave, in cases of 60 days or more."
            ),
            _("Pulse index: the mean answer on 0–100; favourable: the share answering 4 or 5."),
            _(
                "HME: 25 × (mean − 1) per statement; NMI: (mean − 1) / 9 × "
                "100; eNPS: share 9–10 minus share 0–6."
            ),
            _(
                "Dialog reach: a dialog reaches its unit and the units below "
                "it; units with staff of their own count."
            ),
            _("Deviation = budget − outcome; below zero is an overspend."),
        ],
        audience=_("For the committee: aggregated figures only."),
        source=source_text(release),
    )
