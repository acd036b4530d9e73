"""Kasam stores no diagnosis or medical detail (docs/definitions.md "No medical detail in notes"): the
fragments of a free-text note that look like it, so that a form can warn before it is saved. A hint,
not a filter: it finds the usual words and codes, and the person writing decides. Pure Python.
"""

import re

# ICD-10 codes: a letter, two digits, then a decimal part (F43.8, M54.5, F43.8A) or a third digit
# (F320, F438A) or nothing (F32); any case. Not inside a word or a number: "COVID-19", "X2000" and
# "kl14.30" have no code; a year or a date has no letter.
_ICD = r"[a-z]\d{2}(?:(?:\.\d{1,2}|\d)[a-z]?)?(?![\w])"

# Words, matched at a word's start, case-insensitively. A stem takes any ending (`cancer` → cancern,
# cancerbehandling); a word in `_EXACT` takes only the endings listed (psykos, psykosen – never
# psykosocial).
_STEMS = (
    # Swedish
    "depress",  # depression, depressionen, depressiv; English depressed, depressive
    "deprimerad",
    "utmattningssyndrom",
    "utmattningsdepression",
    "utbränd",  # utbränd, utbrändhet
    "ångest",
    "panikångest",
    "cancer",
    "tumör",
    "cellgift",
    "cytostatika",
    "strålbehandl",
    "diabet",  # diabetes, diabetiker
    "migrän",
    "hjärtinfarkt",
    "infarkt",
    "stroke",
    "hjärnblödning",
    "fraktur",
    "benbrott",
    "diskbråck",
    "reumat",  # reumatism, reumatisk, reumatoid
    "artros",
    "fibromyalgi",
    "gravid",  # gravid, graviditet, graviditeten
    "missbruk",
    "alkohol",
    "psykotisk",
    "psykiatri",  # psykiatrin, psykiatrisk
    "bipolär",
    "schizofreni",
    "adhd",
    "autis",  # autism, autist, autistisk
    "aspergers",
    "covid",
    "läkemedel",
    "diagnos",  # diagnos, diagnosen, diagnostiserad; English diagnosis, diagnosed
    "sjukdomsdiagnos",
    "epilepsi",
    "astma",
    "allerg",  # allergi, allergisk; English allergy
    "ätstörning",
    "anorexi",
    "bulimi",
    "självmord",
    "suicid",
    "ptsd",
    "hjärnskakning",
    "whiplash",
    # English
    "burnout",
    "burn-out",
    "anxiety",
    "migraine",
    "heart attack",
    "fracture",
    "herniated",
    "rheumat",
    "pregnan",  # pregnant, pregnancy
    "addiction",
    "alcohol",
    "psychosis",
    "psychotic",
    "psychiatr",
    "bipolar",
    "schizophreni",
    "surgery",
    "medication",
    "antidepressant",
    "chemotherapy",
    "epilep",
    "asthma",
)
_EXACT = {
    "psykos": ("", "en", "er", "erna"),  # not psykosocial
    "operation": ("", "en", "er", "erna"),  # not operativ, operatör, operations
    "operera": ("", "s", "t", "d", "de", "des"),
    "medicin": ("", "en", "er", "erna", "ering", "eringen", "erar", "erade", "erad"),  # not medicinsk
    "medicine": ("", "s"),
}
_WORDS = sorted(
    [re.escape(stem) + r"[\w-]*" for stem in _STEMS]
    + [
        re.escape(word) + "(?:" + "|".join(map(re.escape, endings)) + r")(?![\w])"
        for word, endings in _EXACT.items()
    ],
    key=len,
    reverse=True,
)
_HINTS = re.compile(rf"(?<!\w)(?:(?P<code>{_ICD})|(?P<word>{'|'.join(_WORDS)}))", re.IGNORECASE)


def medical_hints(text: str) -> list[str]:
    """The fragments of `text` that look like medical detail, each once (the first spelling, compared
    without case), in the order they appear: ICD-10 codes and common diagnosis and medical words in
    Swedish and English.

    A word is found at a word's start, case-insensitively, with its inflections and compounds that
    begin with it (depressionen, cancerbehandling); the whole word is returned. A code is a letter and
    two digits with an optional decimal part or third digit (F32, f43.8, M54.5, F43.8A), not inside a
    word or a number.

    Choice: "v" and two digits alone (v32) is a week, as in Swedish notes ("tillbaka v32"), not the ICD
    chapter of transport accidents; with a decimal part (V89.2) it is a code. Choice: words where
    everyday work language begins the same way take only their own endings: psykos (not psykosocial),
    operation/operera (not operativ, operatör), medicin (not medicinsk – "medicinska skäl" names no
    illness). Words found only inside a compound (arbetsterapeut, hjälpmedel) are not hints.
    """
    hints: dict[str, str] = {}
    for match in _HINTS.finditer(text):
        fragment = match.group(0)
        if match.group("code") and fragment[0] in "vV" and len(fragment) == 3:
            continue
        hints.setdefault(fragment.casefold(), fragment)
    return list(hints.values())
