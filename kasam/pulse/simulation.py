"""Simulated pulse answers for the demo and the load tests: who answers a round and what they answer
(kept in the pulse app, beside the question bank it draws from: kasam.synth imports no app).

Pure Python (no Django import) and deterministic: every draw comes from a `random.Random` seeded with
a string made of the seed, the unit and the round, so the same seed gives the same answers whatever
order the units and rounds are simulated in.

The units differ the way real ones do: each has its own level per dimension around a common mean;
some are clearly stronger on meningsfullhet, some clearly weaker on arbetsbelastning; a few decline
over the last rounds (so that an early signal exists). Response rates lie between 50 and 85 %,
varying by unit and round. A quarter of the respondents write a short, warm comment to "Vad fungerar
bra just nu?"; some name a colleague, so that the masking of names shows.
"""

import functools
import random
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from kasam.pulse.question_bank import DIMENSION_IDS, HEALTH_ID, get

RESPONSE_MIN, RESPONSE_MAX = 0.50, 0.85
COMMENT_SHARE = 0.25
# The mean answer (1–5) of an ordinary unit, per dimension; health has its own.
BASE_LEVEL = {
    "begriplighet": 3.9,
    "hanterbarhet": 3.6,
    "meningsfullhet": 4.1,
    "aterhamtning": 3.4,
    "arbetsbelastning": 3.2,
    "psykologisk_trygghet": 3.8,
}
HEALTH_LEVEL = 3.8
# How many of the last rounds a declining unit declines over, and by how much in all (scale steps).
DECLINE_ROUNDS = 10
DECLINE_TOTAL = 1.0

# Fictitious, short and warm. "{name}" is a colleague's first name from the same unit.
COMMENTS = (
    "Vi hjälps åt när det är mycket.",
    "Bra stämning i gruppen just nu.",
    "Morgonmötena ger en lugn start på dagen.",
    "Tack {name} för att du alltid ställer upp!",
    "Schemat har blivit mycket bättre.",
    "Vi har fått tid för återkoppling efter svåra pass.",
    "Skönt att vi pratar öppet om arbetsbelastningen.",
    "{name} är så bra på att peppa oss.",
    "Introduktionen av nya kollegor fungerar fint.",
    "Chefen finns nära och lyssnar.",
    "Fikat på fredagar betyder mer än man tror.",
    "Det känns meningsfullt att se brukarna må bra.",
    "Vi har bättre koll på vem som gör vad.",
    "Arbetsplatsträffarna är kortare och tydligare.",
    "{name} har gjort ett fantastiskt jobb med planeringen.",
    "Jag får vara med och påverka hur vi lägger upp arbetet.",
    "Det är lätt att fråga om hjälp.",
    "Bra att vi fick en vikarie när det behövdes.",
    "Handledningen ger mycket.",
    "Vi firar det som går bra, det märks.",
    "Tack {name} för hjälpen med dokumentationen.",
    "Rutinerna för överlämning har blivit tydligare.",
    "Promenadmötena är ett härligt inslag.",
    "Jag känner mig trygg med mina kollegor.",
    "Det är roligt att gå till jobbet.",
    "Vi har fått nya hjälpmedel som underlättar.",
    "Samarbetet med sjuksköterskorna fungerar bra.",
    "{name} och jag har hittat ett bra sätt att dela upp passen.",
    "Det finns utrymme för skratt trots allt.",
    "Pauserna blir av oftare nu.",
    "Ledningen har varit tydlig med vad som gäller.",
    "Det är fint att se hur nya kollegor kommer in i gruppen.",
    "Bra att vi fick gå utbildningen tillsammans.",
    "Vi är bra på att ta hand om varandra.",
    "Tack {name} för att du tog över när jag blev sjuk.",
    "Arbetsmiljön i personalrummet har blivit bättre.",
    "Jag vet vad som förväntas av mig.",
    "Vi har fått mer tid med brukarna.",
    "Kort och bra information från chefen varje vecka.",
    "Det känns som att vi drar åt samma håll.",
)


@dataclass(frozen=True)
class UnitProfile:
    """A unit's character in the simulation: mean answer per dimension, health level, its usual
    response rate and whether it declines over the last rounds."""

    levels: dict[str, float]
    health: float
    response: float
    declining: bool


def _rng(seed: int, *parts: object) -> random.Random:
    return random.Random(":".join(map(str, ("kasam-pulse", seed, *parts))))


@functools.lru_cache(maxsize=4096)
def unit_profile(seed: int, unit_id: str) -> UnitProfile:
    """The unit's profile; the same for a seed, so kept once drawn (answers() asks for every respondent).
    Read only: its levels are shared."""
    rng = _rng(seed, "unit", unit_id)
    levels = {dimension: BASE_LEVEL[dimension] + rng.gauss(0, 0.2) for dimension in DIMENSION_IDS}
    kind = rng.random()
    if kind < 0.2:  # clearly stronger on meningsfullhet
        levels["meningsfullhet"] += 0.5
    elif kind < 0.4:  # clearly weaker on arbetsbelastning
        levels["arbetsbelastning"] -= 0.7
        levels["aterhamtning"] -= 0.3
    declining = rng.random() < 0.12
    health = HEALTH_LEVEL + rng.gauss(0, 0.15) + 0.3 * (sum(levels.values()) / len(levels) - 3.67)
    return UnitProfile(levels, health, rng.uniform(0.56, 0.79), declining)


def response_rate(seed: int, unit_id: str, round_number: int) -> float:
    """The share of a unit's invited who answer round `round_number`: 50–85 %."""
    profile = unit_profile(seed, unit_id)
    jitter = _rng(seed, "rate", unit_id, round_number).gauss(0, 0.05)
    return min(RESPONSE_MAX, max(RESPONSE_MIN, profile.response + jitter))


def respondents(seed: int, unit_id: str, round_number: int, invited: Sequence[str]) -> list[str]:
    """Those of `invited` (one unit's, in any order) who answer the round: round(rate × invited)
    of them, chosen at random."""
    ordered = sorted(invited)
    count = round(response_rate(seed, unit_id, round_number) * len(ordered))
    return _rng(seed, "who", unit_id, round_number).sample(ordered, count)


def _shift(profile: UnitProfile, round_number: int, rounds: int) -> float:
    """A declining unit's drop (scale steps) at `round_number` of `rounds`."""
    start = rounds - DECLINE_ROUNDS
    if not profile.declining or round_number <= start:
        return 0.0
    return DECLINE_TOTAL * (round_number - start) / DECLINE_ROUNDS


def _value(rng: random.Random, mean: float) -> int:
    return min(5, max(1, round(rng.gauss(mean, 0.7))))


def answers(
    seed: int,
    unit_id: str,
    round_number: int,
    rounds: int,
    statement_ids: Sequence[str],
    respondent: int,
    colleagues: Sequence[str] = (),
) -> tuple[dict[str, int], str | None]:
    """What respondent number `respondent` of a unit answers in round `round_number` (0-based) of a
    programme of `rounds` rounds: {statement id: 1–5} and the open answer or None. `colleagues` are
    first names from the unit that a comment may mention."""
    profile = unit_profile(seed, unit_id)
    rng = _rng(seed, "answer", unit_id, round_number, respondent)
    shift = _shift(profile, round_number, rounds)
    person = rng.gauss(0, 0.3)  # some people are more positive than others
    values = {}
    for statement_id in statement_ids:
        if statement_id == HEALTH_ID:
            mean = profile.health - 0.5 * shift
        else:
            mean = profile.levels[get(statement_id).dimension] - shift
        values[statement_id] = _value(rng, mean + person)
    text = None
    if rng.random() < COMMENT_SHARE:
        text = rng.choice(COMMENTS)
        if "{name}" in text:
            if colleagues:
                text = text.format(name=rng.choice(sorted(colleagues)))
            else:
                text = rng.choice([c for c in COMMENTS if "{name}" not in c])
    return values, text


def day_offset(seed: int, unit_id: str, number: int, index: int, window_days: int) -> int:
    """The day (0-based within the window) respondent `index` of a unit answers: most on the first days."""
    rng = _rng(seed, "day", unit_id, number, index)
    return min(window_days - 1, int(rng.expovariate(1 / 1.6)))


Simulated = tuple[str, str, dict[str, int], str | None, int]


def simulate_round(
    seed: int,
    number: int,
    rounds: int,
    statement_ids: Sequence[str],
    invitees: Iterable[tuple[str, str]],
    window_days: int,
    days_so_far: int,
    first_names: Mapping[str, Sequence[str]],
) -> list[Simulated]:
    """Everyone who answers round `number` (0-based) of `rounds` among `invitees` ((person id, unit id),
    as the round invites them): (unit id, person id, answers, open text, day of the window), unit by
    unit in id order, each unit's respondents in the order drawn. In a round still open, those whose
    day comes after `days_so_far` have not answered yet. `first_names` per unit, for comments."""
    invited: dict[str, list[str]] = defaultdict(list)
    for person_id, unit_id in invitees:
        invited[unit_id].append(person_id)
    found: list[Simulated] = []
    for unit_id in sorted(invited):
        for index, person_id in enumerate(respondents(seed, unit_id, number, invited[unit_id])):
            offset = day_offset(seed, unit_id, number, index, window_days)
            if offset > days_so_far:
                continue
            values, text = answers(
                seed, unit_id, number, rounds, statement_ids, index, first_names.get(unit_id, ())
            )
            found.append((unit_id, person_id, values, text, offset))
    return found
