"""The leadership catalogue: the building blocks of leadership development and the leader's own
checklist, in Swedish and English.

Pure Python (no Django import). Everything here is immutable and fixed at import time.

- A building block is a training or a method that leaders take part in or use; an organisation
  picks the blocks it offers and records who has taken part.
- The checklist is ten first-person statements that a leader rates about themselves on
  CHECKLIST_SCALE (1-5). Every statement is worded so that 5 ("Stämmer helt") is good.

Slugs are stable forever: participation and ratings are stored by slug and compared over time, so a
slug is never renamed, removed or reused for another text. New blocks get new slugs and go last.

The texts are Kasam's own words; tests/leadership/test_catalogue.py guards against known SOC
phrasings.
"""

from dataclasses import dataclass

from kasam.dialogs.library import Text

BUILDING_BLOCK_KINDS = ("training", "method")


@dataclass(frozen=True)
class BuildingBlock:
    """A training or method of leadership development."""

    slug: str
    title: Text
    description: Text
    kind: str


@dataclass(frozen=True)
class ChecklistStatement:
    """One statement of the leader's checklist, first person; "Stämmer helt" (5) is good."""

    slug: str
    text: Text


BUILDING_BLOCKS: tuple[BuildingBlock, ...] = (
    BuildingBlock(
        slug="coachande-ledarskap",
        title=Text("Coachande ledarskap", "Coaching leadership"),
        description=Text(
            "Träning i att leda med öppna frågor och aktivt lyssnande, utifrån tanken att medarbetarna "
            "ofta själva har svaren. Ledaren lär sig ge riktning utan att styra i detalj, så att "
            "medarbetarna växer och tar eget ansvar.",
            "Training in leading through open questions and active listening, based on the idea that "
            "staff often have the answers themselves. Leaders learn to give direction without "
            "micromanaging, so that staff grow and take responsibility of their own.",
        ),
        kind="training",
    ),
    BuildingBlock(
        slug="svara-samtal",
        title=Text("Svåra samtal", "Difficult conversations"),
        description=Text(
            "Utbildning i att förbereda och hålla samtal som känns svåra, till exempel om beteenden, "
            "samarbete eller besked som ingen vill få. Ledaren får en tydlig struktur och tränar i små "
            "grupper. Då tas svåra frågor upp tidigare och med respekt.",
            "Training in preparing for and holding conversations that feel hard, for example about "
            "behaviour, cooperation or news that nobody wants to hear. Leaders get a clear structure "
            "and practise in small groups. Difficult issues are then raised earlier and with respect.",
        ),
        kind="training",
    ),
    BuildingBlock(
        slug="goda-relationer",
        title=Text("Goda relationer", "Good relationships"),
        description=Text(
            "En workshop om hur människor fungerar och hur olika vi kommunicerar. Ledare och grupper lär "
            "känna sitt eget och varandras sätt att vara. Det ger ett tryggare klimat och mer arbetsro.",
            "A workshop on how people work and how differently we communicate. Leaders and teams get to "
            "know their own and each other's ways of being. This creates a safer climate and more calm "
            "to focus on the work.",
        ),
        kind="training",
    ),
    BuildingBlock(
        slug="individuellt-ledarstod",
        title=Text("Individuellt ledarstöd", "Individual leadership support"),
        description=Text(
            "Återkommande enskilda samtal med en extern handledare, där ledaren tar upp aktuella frågor "
            "från sin vardag. Ledaren får ett tryggt rum att tänka högt, öva inför svåra situationer och "
            "ta hand om sin egen hållbarhet.",
            "Regular one-to-one sessions with an external supervisor, where the leader brings up current "
            "issues from their everyday work. The leader gets a safe space to think aloud, rehearse "
            "difficult situations and look after their own sustainability.",
        ),
        kind="method",
    ),
    BuildingBlock(
        slug="forandringsledning",
        title=Text("Förändringsledning", "Leading change"),
        description=Text(
            "Utbildning i att leda förändring så att medarbetarna är delaktiga från början. Ledaren lär "
            "sig förklara varför förändringen behövs, planera stegen och ta vara på gruppens kunskap. Det "
            "minskar oron och gör att förändringen oftare håller.",
            "Training in leading change so that staff are involved from the start. Leaders learn to "
            "explain why the change is needed, plan the steps and make use of the group's knowledge. "
            "This eases worry and makes the change more likely to last.",
        ),
        kind="training",
    ),
    BuildingBlock(
        slug="gruppledarskap",
        title=Text(
            "Gruppledarskap – trygga och kreativa möten", "Group leadership – safe and creative meetings"
        ),
        description=Text(
            "En metod för att leda möten där alla kommer till tals och bidrar. Ledaren får enkla steg för "
            "att öppna, leda och avsluta ett möte, och får möten som ger både engagemang och beslut.",
            "A method for leading meetings where everyone gets to speak and contribute. Leaders get "
            "simple steps for opening, leading and closing a meeting, and meetings that bring both "
            "engagement and decisions.",
        ),
        kind="method",
    ),
    BuildingBlock(
        slug="ugl",
        title=Text("UGL – Utveckling av grupp och ledare", "UGL – Developing groups and leaders"),
        description=Text(
            "En beprövad svensk ledarutbildning som bygger på egna erfarenheter, övningar och reflektion "
            "i grupp. Ledaren lär sig hur grupper utvecklas och hur det egna beteendet påverkar andra, "
            "och får bättre självkännedom.",
            "A well-established Swedish leadership course built on participants' own experiences, "
            "exercises and reflection in a group. Leaders learn how groups develop and how their own "
            "behaviour affects others, and they gain self-awareness.",
        ),
        kind="training",
    ),
    BuildingBlock(
        slug="mi",
        title=Text("MI – Motiverande samtal", "MI – Motivational interviewing"),
        description=Text(
            "Ett sätt att samtala som hjälper en person att hitta sina egna skäl till förändring. Ledaren "
            "använder öppna frågor, bekräftelser och sammanfattningar i stället för att övertala. Det ger "
            "samtal där medarbetaren själv äger sina beslut.",
            "A way of talking that helps a person find their own reasons for change. The leader uses "
            "open questions, affirmations and summaries instead of trying to persuade. The result is "
            "conversations in which the employee owns their own decisions.",
        ),
        kind="method",
    ),
    BuildingBlock(
        slug="tillitsbaserad-styrning",
        title=Text("Tillitsbaserad styrning och ledning", "Trust-based governance and leadership"),
        description=Text(
            "Kunskap om att styra genom tillit, dialog och tydliga uppdrag i stället för detaljkontroll. "
            "Ledaren lär sig lägga besluten nära verksamheten och följa upp både resultat och lärande.",
            "Knowledge of governing through trust, dialogue and clear assignments rather than detailed "
            "control. Leaders learn to place decisions close to the work and to follow up both results "
            "and learning.",
        ),
        kind="training",
    ),
    BuildingBlock(
        slug="salutogent-ledarskap",
        title=Text("Salutogent ledarskap", "Salutogenic leadership"),
        description=Text(
            "Utbildning i att leda utifrån det som fungerar och det som håller människor friska. Ledaren "
            "lär sig stärka begriplighet, hanterbarhet och meningsfullhet i gruppen och att leda "
            "samtalen i KASAM på APT.",
            "Training in leading from what works and what keeps people healthy. Leaders learn to "
            "strengthen comprehensibility, manageability and meaningfulness in their team, and to lead "
            "the conversations in KASAM at workplace meetings.",
        ),
        kind="training",
    ),
    BuildingBlock(
        slug="bam",
        title=Text("BAM – Bättre arbetsmiljö", "BAM – Better work environment"),
        description=Text(
            "Den partsgemensamma grundutbildningen i arbetsmiljö för chefer och skyddsombud. Ledaren får "
            "kunskap om lagar, ansvar och det systematiska arbetsmiljöarbetet, och ett gemensamt språk "
            "med skyddsombudet.",
            "The basic work environment course for managers and safety representatives, run jointly by "
            "employers and unions. Leaders learn about the law, responsibilities and systematic work "
            "environment management, and share a common language with the safety representative.",
        ),
        kind="training",
    ),
    BuildingBlock(
        slug="dfu",
        title=Text("DFU – Deltagarformulerad utvärdering", "DFU – Participant-formulated evaluation"),
        description=Text(
            "En metod där deltagarna själva bestämmer vad som ska utvärderas efter en insats. Gruppen "
            "skriver frågorna, väljer de viktigaste och svarar med exempel från vardagen. Ledaren får en "
            "utvärdering som visar verklig nytta och som gruppen äger.",
            "A method in which the participants decide for themselves what to evaluate after an "
            "initiative. The group writes the questions, picks the most important ones and answers with "
            "examples from everyday work. The leader gets an evaluation that shows real benefit and that "
            "the group owns.",
        ),
        kind="method",
    ),
)

# The leader's own checklist: exactly ten statements, rated 1-5. New wording keeps the meaning.
CHECKLIST: tuple[ChecklistStatement, ...] = (
    ChecklistStatement(
        "aterkoppling",
        Text(
            "Jag ger mina medarbetare återkoppling regelbundet, både på det som går bra och på det som "
            "kan bli bättre.",
            "I give my staff feedback regularly, both on what goes well and on what could be better.",
        ),
    ),
    ChecklistStatement(
        "narvaro",
        Text(
            "Jag finns på plats i verksamheten och är lätt att nå.",
            "I am present in the workplace and easy to reach.",
        ),
    ),
    ChecklistStatement(
        "delaktighet",
        Text(
            "Jag låter arbetsgruppen vara med och påverka beslut som rör dem.",
            "I let the team take part in decisions that affect them.",
        ),
    ),
    ChecklistStatement(
        "tydlighet",
        Text(
            "Jag är tydlig med vad som ska göras, varför det är viktigt och vem som gör vad.",
            "I am clear about what needs doing, why it matters and who does what.",
        ),
    ),
    ChecklistStatement(
        "lyssnar",
        Text(
            "Jag lyssnar på mina medarbetare och tar deras idéer på allvar.",
            "I listen to my staff and take their ideas seriously.",
        ),
    ),
    ChecklistStatement(
        "handlingsutrymme",
        Text(
            "Jag låter medarbetarna fatta egna beslut i det som de kan bäst, och finns där när de behöver "
            "stöd.",
            "I let my staff make their own decisions in what they know best, and I am there when they "
            "need support.",
        ),
    ),
    ChecklistStatement(
        "uppfoljning",
        Text(
            "Jag följer upp det vi har bestämt och berättar för gruppen hur det gick.",
            "I follow up on what we have decided and tell the team how it went.",
        ),
    ),
    ChecklistStatement(
        "styrkor",
        Text(
            "Jag lyfter fram det som fungerar och de styrkor som finns i gruppen.",
            "I highlight what works and the strengths in the team.",
        ),
    ),
    ChecklistStatement(
        "svara-fragor",
        Text(
            "Jag tar tag i svåra frågor i tid och på ett respektfullt sätt.",
            "I deal with difficult issues in good time and in a respectful way.",
        ),
    ),
    ChecklistStatement(
        "egen-aterhamtning",
        Text(
            "Jag tar hand om min egen återhämtning och är en förebild när det gäller att ta pauser.",
            "I take care of my own recovery and set a good example when it comes to taking breaks.",
        ),
    ),
)

# Steps 1..5 of the checklist, in order; 5 is good.
CHECKLIST_SCALE: tuple[Text, ...] = (
    Text("Stämmer inte alls", "Not at all true"),
    Text("Stämmer ganska dåligt", "Mostly not true"),
    Text("Stämmer delvis", "Partly true"),
    Text("Stämmer ganska bra", "Mostly true"),
    Text("Stämmer helt", "Completely true"),
)

if len({b.slug for b in BUILDING_BLOCKS}) != len(BUILDING_BLOCKS):  # pragma: no cover
    raise RuntimeError("duplicate building block slug in the leadership catalogue")
if len({s.slug for s in CHECKLIST}) != len(CHECKLIST):  # pragma: no cover
    raise RuntimeError("duplicate checklist slug in the leadership catalogue")
