"""The pulse question bank: Kasam's own work-related statements, in Swedish and English.

Pure Python (no Django import). Everything here is immutable and fixed at import time.

- Every statement is answered on the agreement scale (AGREEMENT_SCALE, 1-5) and is worded so that
  5 ("Stämmer helt") is favourable, also for workload and recovery.
- The self-rated health question (HEALTH) has its own five-step scale (HEALTH_SCALE); good or better
  is 4-5. It is asked in every round.
- The open question (OPEN_QUESTION) is optional free text.

Statement ids are stable forever: results are compared by id across rounds, so an id is never
renamed, removed or reused for another text. New statements get new ids and go last in their
dimension (docs/pulse-questions.md).

The statements are Kasam's own words. They are NOT Antonovsky's SOC-13 or SOC-29 items, which are
copyrighted; tests/pulse/test_question_bank.py guards against known SOC phrasings.
"""

from dataclasses import dataclass

from kasam.core.bilingual import choose

# Answers of 4 or 5 count as favourable, on both scales (docs/pulse-questions.md).
FAVOURABLE = (4, 5)


@dataclass(frozen=True)
class Statement:
    """One question of the bank: a stable id, its dimension and its text in Swedish and English."""

    id: str
    dimension: str
    sv: str
    en: str

    def text(self, language: str = "sv") -> str:
        """The text in the given language; English for "en…", Swedish otherwise."""
        return choose(language, self.sv, self.en)


@dataclass(frozen=True)
class Dimension:
    """A dimension of the bank, with its display names."""

    id: str
    sv: str
    en: str

    def name(self, language: str = "sv") -> str:
        return choose(language, self.sv, self.en)


@dataclass(frozen=True)
class ScaleStep:
    """One step of an answer scale: the stored value and its label."""

    value: int
    sv: str
    en: str

    def label(self, language: str = "sv") -> str:
        return choose(language, self.sv, self.en)


@dataclass(frozen=True)
class OpenQuestion:
    """The free-text question; never required."""

    id: str
    sv: str
    en: str
    required: bool = False

    def text(self, language: str = "sv") -> str:
        return choose(language, self.sv, self.en)


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("begriplighet", "Begriplighet", "Comprehensibility"),
    Dimension("hanterbarhet", "Hanterbarhet", "Manageability"),
    Dimension("meningsfullhet", "Meningsfullhet", "Meaningfulness"),
    Dimension("aterhamtning", "Återhämtning", "Recovery"),
    Dimension("arbetsbelastning", "Arbetsbelastning", "Workload"),
    Dimension("psykologisk_trygghet", "Psykologisk trygghet", "Psychological safety"),
)
DIMENSION_IDS: tuple[str, ...] = tuple(d.id for d in DIMENSIONS)

AGREEMENT_SCALE: tuple[ScaleStep, ...] = (
    ScaleStep(1, "Stämmer inte alls", "Not true at all"),
    ScaleStep(2, "Stämmer ganska dåligt", "Mostly not true"),
    ScaleStep(3, "Stämmer delvis", "Partly true"),
    ScaleStep(4, "Stämmer ganska bra", "Mostly true"),
    ScaleStep(5, "Stämmer helt", "Completely true"),
)

HEALTH_SCALE: tuple[ScaleStep, ...] = (
    ScaleStep(1, "Mycket dåligt", "Very poor"),
    ScaleStep(2, "Dåligt", "Poor"),
    ScaleStep(3, "Någorlunda", "Fair"),
    ScaleStep(4, "Bra", "Good"),
    ScaleStep(5, "Mycket bra", "Very good"),
)

HEALTH_ID = "halsa"
HEALTH = Statement(
    HEALTH_ID,
    "halsa",
    "Hur bedömer du ditt allmänna hälsotillstånd?",
    "How would you rate your general health?",
)

OPEN_QUESTION = OpenQuestion("fungerar_bra", "Vad fungerar bra just nu?", "What is working well right now?")


# The bank, dimension by dimension. Within a dimension the order is the order of rotation; add new
# statements last, with a new id.
_BANK: tuple[Statement, ...] = (
    # Begriplighet: I understand my work, what is expected and why.
    Statement(
        "beg1",
        "begriplighet",
        "Jag vet vad som förväntas av mig i mitt arbete.",
        "I know what is expected of me at work.",
    ),
    Statement(
        "beg2",
        "begriplighet",
        "Jag får den information jag behöver för att göra ett bra jobb.",
        "I get the information I need to do a good job.",
    ),
    Statement(
        "beg3",
        "begriplighet",
        "Jag förstår varför vi arbetar som vi gör på min arbetsplats.",
        "I understand why we work the way we do at my workplace.",
    ),
    Statement(
        "beg4",
        "begriplighet",
        "Jag vet vem jag ska vända mig till när jag behöver hjälp i arbetet.",
        "I know who to turn to when I need help at work.",
    ),
    Statement(
        "beg5",
        "begriplighet",
        "När något förändras på jobbet får jag veta varför.",
        "When something changes at work, I am told why.",
    ),
    Statement(
        "beg6",
        "begriplighet",
        "Jag vet vilka mål vi har på min arbetsplats.",
        "I know what we are aiming for at my workplace.",
    ),
    # Hanterbarhet: I have what I need to do the work.
    Statement(
        "han1",
        "hanterbarhet",
        "Jag har de kunskaper jag behöver för mina arbetsuppgifter.",
        "I have the skills and knowledge my tasks require.",
    ),
    Statement(
        "han2",
        "hanterbarhet",
        "Jag har de verktyg och hjälpmedel jag behöver i arbetet.",
        "I have the tools and equipment I need for my work.",
    ),
    Statement(
        "han3",
        "hanterbarhet",
        "Jag får stöd av min chef när jag behöver det.",
        "My manager supports me when I need it.",
    ),
    Statement(
        "han4",
        "hanterbarhet",
        "Mina kollegor hjälper mig när arbetet blir svårt.",
        "My colleagues help me out when the work gets hard.",
    ),
    Statement(
        "han5",
        "hanterbarhet",
        "Jag kan påverka hur jag lägger upp mitt arbete.",
        "I have a say in how I organise my work.",
    ),
    Statement(
        "han6",
        "hanterbarhet",
        "Jag kan lösa de problem som dyker upp i mitt arbete.",
        "I can solve the problems that come up in my work.",
    ),
    # Meningsfullhet: the work is worth my engagement.
    Statement(
        "men1",
        "meningsfullhet",
        "Mitt arbete gör skillnad för andra människor.",
        "My work makes a difference to other people.",
    ),
    Statement(
        "men2", "meningsfullhet", "Jag är stolt över det arbete vi gör.", "I am proud of the work we do."
    ),
    Statement(
        "men3", "meningsfullhet", "Jag ser fram emot att gå till jobbet.", "I look forward to going to work."
    ),
    Statement(
        "men4",
        "meningsfullhet",
        "Jag får uppskattning för det jag gör på jobbet.",
        "I am appreciated for what I do at work.",
    ),
    Statement(
        "men5",
        "meningsfullhet",
        "Jag får använda det jag är bra på i mitt arbete.",
        "I get to use my strengths in my work.",
    ),
    Statement(
        "men6",
        "meningsfullhet",
        "Jag vill vara med och utveckla vårt sätt att arbeta.",
        "I want to help improve the way we work.",
    ),
    # Återhämtning: there is room to recover, during the day and between shifts.
    Statement(
        "ate1",
        "aterhamtning",
        "Jag hinner ta mina raster under arbetsdagen.",
        "I have time to take my breaks during the working day.",
    ),
    Statement(
        "ate2",
        "aterhamtning",
        "Jag kan släppa tankarna på jobbet när jag är ledig.",
        "I can let go of work when I am off duty.",
    ),
    Statement(
        "ate3",
        "aterhamtning",
        "Jag får tillräckligt med vila mellan mina arbetspass.",
        "I get enough rest between my shifts.",
    ),
    Statement(
        "ate4",
        "aterhamtning",
        "Jag har ork kvar när arbetsdagen är slut.",
        "I still have energy left when my working day ends.",
    ),
    Statement(
        "ate5",
        "aterhamtning",
        "Det finns en plats på jobbet där jag kan vila en stund.",
        "There is a place at work where I can rest for a while.",
    ),
    Statement(
        "ate6",
        "aterhamtning",
        "Efter en tung arbetsuppgift får jag en stund att hämta mig.",
        "After a demanding task, I get a moment to recover.",
    ),
    # Arbetsbelastning: the amount of work is reasonable (agreeing is favourable).
    Statement(
        "arb1",
        "arbetsbelastning",
        "Jag hinner med mina arbetsuppgifter under arbetsdagen.",
        "I can get my tasks done within the working day.",
    ),
    Statement("arb2", "arbetsbelastning", "Min arbetsmängd är rimlig.", "My workload is reasonable."),
    Statement(
        "arb3",
        "arbetsbelastning",
        "Jag kan göra ett bra jobb utan att stressa.",
        "I can do a good job without rushing.",
    ),
    Statement(
        "arb4",
        "arbetsbelastning",
        "Vi är tillräckligt många på jobbet för att klara arbetet.",
        "There are enough of us at work to get the job done.",
    ),
    Statement(
        "arb5",
        "arbetsbelastning",
        "Jag kan göra klart en uppgift utan att ständigt bli avbruten.",
        "I can finish a task without constant interruptions.",
    ),
    Statement(
        "arb6",
        "arbetsbelastning",
        "När det är mycket att göra vet jag vad som kan vänta.",
        "When there is a lot to do, I know what can wait.",
    ),
    # Psykologisk trygghet: it is safe to speak up, ask and be myself.
    Statement(
        "psy1",
        "psykologisk_trygghet",
        "Jag kan säga vad jag tycker, även när jag inte håller med.",
        "I can say what I think, even when I disagree.",
    ),
    Statement(
        "psy2",
        "psykologisk_trygghet",
        "Hos oss lär vi oss av misstag i stället för att leta syndabockar.",
        "In our team, we learn from mistakes instead of looking for someone to blame.",
    ),
    Statement(
        "psy3",
        "psykologisk_trygghet",
        "Mina idéer tas på allvar i arbetsgruppen.",
        "My ideas are taken seriously in my team.",
    ),
    Statement(
        "psy4", "psykologisk_trygghet", "Jag kan vara mig själv på jobbet.", "I can be myself at work."
    ),
    Statement(
        "psy5",
        "psykologisk_trygghet",
        "Vi i arbetsgruppen bemöter varandra med respekt.",
        "We treat each other with respect in our team.",
    ),
    Statement(
        "psy6",
        "psykologisk_trygghet",
        "Jag kan säga till min chef när något inte fungerar.",
        "I can tell my manager when something is not working.",
    ),
)

_BY_ID: dict[str, Statement] = {s.id: s for s in (*_BANK, HEALTH)}
if len(_BY_ID) != len(_BANK) + 1:  # pragma: no cover - guards edits of the bank itself
    raise RuntimeError("duplicate statement id in the pulse question bank")
if {s.dimension for s in _BANK} - set(DIMENSION_IDS):  # pragma: no cover
    raise RuntimeError("a pulse statement has an unknown dimension")


def statements(dimension: str | None = None) -> tuple[Statement, ...]:
    """The rotating statements of the bank (not the health question), in bank order: dimension by
    dimension as in DIMENSIONS, then in order within the dimension. With `dimension`, only that
    dimension's statements; KeyError for an unknown dimension."""
    if dimension is None:
        return tuple(s for d in DIMENSION_IDS for s in _BANK if s.dimension == d)
    if dimension not in DIMENSION_IDS:
        raise KeyError(dimension)
    return tuple(s for s in _BANK if s.dimension == dimension)


def get(statement_id: str) -> Statement:
    """The statement with this id, the health question (`halsa`) included; KeyError if unknown."""
    return _BY_ID[statement_id]


def dimension(dimension_id: str) -> Dimension:
    """The dimension with this id; KeyError if unknown."""
    for d in DIMENSIONS:
        if d.id == dimension_id:
            return d
    raise KeyError(dimension_id)
