"""The demo's health factors and health plans: a few units of Exempelkommun – always the demo unit
manager's own – have rated their eight health factors twice this year (in the spring and lately) and
have a health plan for this year with strengths, areas to strengthen and activities in turn in each state:
done with a reflection, ongoing (one tracking a pulse statement), planned, overdue and cancelled.
One more unit has rated but made no plan yet, so the overview shows both.

Everything goes through the real functions (factors.record_rating, actions.get_or_create_plan, which
takes the snapshot from the demo's own figures, actions.area_from_source and actions.follow_up).
Deterministic for a seed; nothing happens when the demo already has ratings. The texts are Swedish,
as a Swedish unit would write them.
"""

import random
from datetime import date, timedelta

from django.db import transaction

from kasam.accounts.demo import plan_demo_logins
from kasam.core.dates import today
from kasam.org.models import Unit
from kasam.plans import actions
from kasam.plans.factors import FACTORS, Entry, factor_label, record_rating
from kasam.plans.models import Activity, FactorScore, HealthFactorRating, PlanArea

# Units with a plan besides the demo manager's, and units that rated without a plan.
PLANNED_UNITS = 3
RATED_ONLY_UNITS = 1

NOTES = {
    "fair_organisation": "Vi vet oftast varför beslut fattas.",
    "leadership": "Chefen finns nära och lyssnar.",
    "participation": "Vi får vara med och planera schemat.",
    "communication": "Vi får sällan höra hur det gick efter en förändring.",
    "prioritisation": "Det är svårt att veta vad som kan vänta en stressig dag.",
    "competence": "Introduktionen av nyanställda fungerar bra.",
    "systematic_work_environment": "Skyddsronden blir av, men uppföljningen dröjer.",
    "early_efforts": "Vi pratar tidigt när någon verkar trött.",
}

ACTIVITIES = {
    "communication": [
        {
            "what": "Fem minuter återkoppling på varje APT",
            "how": "Chefen berättar kort vad som hänt med det vi tog upp förra gången.",
            "why": "Så att alla vet hur det gick och att det lönar sig att säga till.",
            "who": "Enhetschefen håller i det, alla deltar",
            "when": "På varje APT under hösten",
            "follow_up": "Vi frågar gruppen på APT om det blivit tydligare.",
        },
        {
            "what": "Anslagstavla för beslut i personalrummet",
            "how": "En enkel lista: beslut, varför, vad som händer nu.",
            "why": "De som inte var på APT ska också få veta.",
            "who": "Två medarbetare turas om med chefen",
            "when": "Uppdateras varje fredag",
            "follow_up": "Vi tittar efter en månad om listan används.",
        },
    ],
    "prioritisation": [
        {
            "what": "Gemensam prioriteringslista för stressiga dagar",
            "how": "Vi skriver tillsammans ner vad som alltid går först och vad som kan vänta.",
            "why": "Så att ingen behöver bära valet ensam när det är kort om folk.",
            "who": "Arbetsgruppen, med samordnaren som ansvarig",
            "when": "Tas fram på två APT, används sedan varje dag",
            "follow_up": "Vi går igenom listan på APT och ändrar det som inte fungerar.",
        }
    ],
    "systematic_work_environment": [
        {
            "what": "Kort uppföljning av skyddsronden",
            "how": "Skyddsombud och chef går igenom åtgärderna och berättar på APT.",
            "why": "Åtgärderna ska bli gjorda, inte bara antecknade.",
            "who": "Skyddsombudet och enhetschefen",
            "when": "En månad efter skyddsronden",
            "follow_up": "Vi bockar av åtgärderna i listan och ser vad som återstår.",
        }
    ],
    "fair_organisation": [
        {
            "what": "Förklara besluten om schemat",
            "how": "När schemat läggs berättar chefen vilka önskemål som gick att uppfylla och varför.",
            "why": "Det ska kännas rättvist, också när inte alla får som de vill.",
            "who": "Enhetschefen och schemaläggaren",
            "when": "Vid varje ny schemaperiod",
            "follow_up": "Vi frågar på APT efter schemaperioden om det kändes tydligare.",
        }
    ],
    "leadership": [
        {
            "what": "Chefen på plats vid passbytet två dagar i veckan",
            "how": "Chefen är med vid överlämningen på eftermiddagen och tar upp frågor direkt.",
            "why": "Så att det är lätt att nå chefen utan att boka en tid.",
            "who": "Enhetschefen",
            "when": "Tisdagar och torsdagar",
            "follow_up": "Vi pratar om det på APT efter sex veckor.",
        }
    ],
    "participation": [
        {
            "what": "Medarbetarna planerar en aktivitet själva",
            "how": "Två medarbetare i taget får planera och leda en aktivitet för de boende.",
            "why": "Vi vill att fler får påverka hur vi arbetar.",
            "who": "Medarbetarna turas om, chefen ger tid",
            "when": "En gång i månaden",
            "follow_up": "Vi utvärderar tillsammans på APT efter tre månader.",
        }
    ],
    "competence": [
        {
            "what": "Lär av varandra på APT",
            "how": "En medarbetare berättar om något hen kan bra, till exempel förflyttningar.",
            "why": "Kunskapen finns redan i gruppen – den ska delas.",
            "who": "Alla turas om, samordnaren gör listan",
            "when": "Tio minuter på varannan APT",
            "follow_up": "Vi frågar efter en termin vad vi lärt oss och vad vi vill ha mer av.",
        }
    ],
    "early_efforts": [
        {
            "what": "Hur mår du-samtal efter tre sjukdagar",
            "how": "Chefen ringer eller träffar den som varit borta för att höra om något kan underlätta.",
            "why": "Tidiga samtal gör det lättare att anpassa arbetet i tid.",
            "who": "Enhetschefen",
            "when": "Inom en vecka efter tillfället",
            "follow_up": "Vi tittar på frisknärvaron och hör med gruppen om samtalen känns bra.",
        }
    ],
}
KEEP_NOTE = "Det här fungerar redan – vi vill fortsätta så."
REFLECTION = (
    "Vi gjorde det på fyra APT i rad. Vi märkte att frågorna i korridoren blev färre och att fler "
    "vågade säga till. Slutsatsen är att det räcker med några minuter om det blir av varje gång. "
    "Nästa steg: vi prövar att skriva ner det också, för dem som inte var där."
)


def _units(seed: int) -> tuple[list[Unit], list[Unit]]:
    """(units with a plan, units that only rated): the demo manager's unit first."""
    logins = {login.username: login for login in plan_demo_logins()}
    own = logins["enhetschef"].units[0]
    others = [u for u in Unit.objects.filter(kind=Unit.Kind.UNIT).order_by("path") if u.pk != own.pk]
    random.Random(f"{seed}-plans").shuffle(others)
    return [own, *others[:PLANNED_UNITS]], others[PLANNED_UNITS : PLANNED_UNITS + RATED_ONLY_UNITS]


def _scores(rng: random.Random, earlier: dict[str, int] | None) -> dict[str, int]:
    if earlier is None:
        return {f.value: rng.choice((2, 3, 3, 4, 4, 5)) for f in FACTORS}
    # Half a year later: most factors the same, a few one step better, one a step worse.
    return {key: max(1, min(5, score + rng.choice((0, 0, 1, 1, -1)))) for key, score in earlier.items()}


def _rate(unit: Unit, day: date, scores: dict[str, int], user=None):
    ranked = sorted(scores, key=lambda key: (scores[key], key))
    strengthen, keep = set(ranked[:2]), set(ranked[-2:])
    entries = {
        key: Entry(
            score=score,
            note=NOTES[key] if key in strengthen or key in keep else "",
            choice=FactorScore.Choice.STRENGTHEN
            if key in strengthen
            else FactorScore.Choice.KEEP
            if key in keep
            else FactorScore.Choice.NONE,
        )
        for key, score in scores.items()
    }
    record_rating(unit, day, entries, user)
    return strengthen, keep


# (status, follow-up relative to today, followed up, tracked statement), taken in turn.
STATES = [
    ("done", -30, True, ""),
    ("ongoing", 21, False, "beg2"),  # "Jag får den information jag behöver …"
    ("planned", -7, False, ""),  # overdue: the follow-up date has passed
    ("cancelled", -60, False, ""),
    ("planned", 45, False, ""),
]


def _activities(plan, area: PlanArea, day: date, turn: int) -> int:
    """The area's activities, each in the next state of STATES; returns the next turn."""
    for text in ACTIVITIES[area.source_ref]:
        status, offset, followed_up, tracked = STATES[turn % len(STATES)]
        turn += 1
        activity = Activity.objects.create(
            plan=plan,
            area=area,
            status=Activity.Status.PLANNED if followed_up else status,
            follow_up_on=day + timedelta(days=offset),
            tracked_statement=tracked,
            **text,
        )
        if followed_up:
            actions.follow_up(activity, day + timedelta(days=offset + 2), REFLECTION)
    return turn


@transaction.atomic
def ensure_demo_health_plans(seed: int = 1) -> int:
    """Ratings and plans for a few demo units; returns the number of plans made (0 when the demo has
    ratings already, or no units)."""
    if HealthFactorRating.objects.exists() or not Unit.objects.filter(kind=Unit.Kind.UNIT).exists():
        return 0
    day = today()
    spring, lately = date(day.year, 3, 12), day - timedelta(days=20)
    if spring >= lately:  # early in the year: last autumn and lately
        spring = lately - timedelta(days=180)
    planned, rated_only = _units(seed)
    made = 0
    for index, unit in enumerate(planned + rated_only):
        rng = random.Random(f"{seed}-{unit.pk}")
        first = _scores(rng, None)
        _rate(unit, spring, first)
        strengthen, keep = _rate(unit, lately, _scores(rng, first))
        if unit in rated_only:
            continue
        plan, _created = actions.get_or_create_plan(unit, day.year)
        made += 1
        for key in sorted(keep):
            PlanArea.objects.create(
                plan=plan, kind=PlanArea.Kind.KEEP, title=factor_label(key), note=KEEP_NOTE
            )
        turn = index
        for key in sorted(strengthen):
            area, _new = actions.area_from_source(
                unit, day.year, PlanArea.Source.HEALTH_FACTOR, key, factor_label(key)
            )
            turn = _activities(plan, area, day, turn)
    return made
