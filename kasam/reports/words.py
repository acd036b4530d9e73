"""The most used words of free-text answers ("Vad fungerar bra just nu?") and their word cloud.
Pure: no Django. The caller passes only answers of groups that pass the free-text rule.

    top_words(texts, limit=30) -> [("kollega", 3), ("möte", 2), …]
    word_cloud_svg(words, width, height) -> "<svg …>…</svg>"

- Tokens are runs of letters (inner hyphens kept: "apt-möte"); digits and one-letter tokens are
  dropped. Each token is lower-cased and lemmatised with simplemma's Swedish dictionary (shipped in
  the package, nothing is downloaded): "kollegor", "kollegorna" → "kollega".
- Stop words: stopwordsiso's Swedish list (checked against the token and its lemma, so "är" goes as
  well as "vara") and KASAM_FILLERS below. A masked name ("[namn]", kasam.metrics.pulse_anonymity)
  is not a word.
- A word counts once per answer: the count is the number of answers that use it, so one person
  repeating a word does not make it large (and the figure reads as "answers", as the report's table
  says). Sorted by count, most first, then by the word in Swedish alphabetical order (å, ä, ö last).
- The cloud is drawn by the wordcloud package from the counts: the same words give the same SVG
  (fixed random_state, horizontal words only, a fixed palette of dark colours with at least 4.5:1
  contrast on white), in Liberation Sans when the system has it. The words in the SVG are text, and
  the report shows the same words and counts as a table beside it.
"""

import os
import re
from collections import Counter
from functools import cache

from kasam.metrics.pulse_anonymity import NAME_MASK

# Words that say nothing about what works in answers to "Vad fungerar bra just nu?":
# - the question echoed back ("det fungerar bra…"): fungera (bra, just, nu are already stop words);
# - framing of an opinion ("jag tycker att…", "det känns…", "jag upplever…"): tycka, tro, känna,
#   kännas, uppleva;
# - intensifiers and hedges that stopwordsiso lacks: väldigt, jätte, jättebra, ganska, riktigt, typ,
#   liksom, superbra;
# - light verbs and adjectives that stopwordsiso lacks and that carry no topic of their own ("ger
#   stöd", "ser framåt", "nya rutiner" – the topic is the other word): ge, se, ny, sak, vilja.
KASAM_FILLERS = frozenset(
    {
        "ge",
        "se",
        "ny",
        "sak",
        "vilja",
        "fungera",
        "tycka",
        "tro",
        "känna",
        "kännas",
        "uppleva",
        "väldigt",
        "jätte",
        "jättebra",
        "superbra",
        "ganska",
        "riktigt",
        "typ",
        "liksom",
    }
)
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}"})
# Dark colours with at least 4.5:1 contrast on white (WCAG AA for text of any size).
PALETTE = ("#1f5f99", "#8a4b0f", "#1e6b43", "#a23b72", "#4d4d4d", "#15607a")
RANDOM_STATE = 7
FONT_FILES = (
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


@cache
def _stop_words() -> frozenset[str]:
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords("sv")) | KASAM_FILLERS


def lemmas(text: str) -> list[str]:
    """The lemmas of `text` that count as words: stop words, numbers and one-letter tokens dropped."""
    import simplemma

    stop = _stop_words()
    words = []
    # A masked name is no word (else the mask's "namn" would lead every cloud).
    for token in _TOKEN.findall(text.replace(NAME_MASK, " ").lower()):
        if len(token) < 2 or token in stop:
            continue
        lemma = simplemma.lemmatize(token, lang="sv").lower()
        if len(lemma) >= 2 and lemma not in stop:
            words.append(lemma)
    return words


def swedish_key(word: str) -> str:
    """A sort key putting å, ä, ö after z, in that order."""
    return word.translate(_SWEDISH_ORDER)


def top_words(texts: list[str], limit: int = 30) -> list[tuple[str, int]]:
    """The `limit` words used by the most answers in `texts`, with the number of answers using each."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(set(lemmas(text)))
    ordered = sorted(counts.items(), key=lambda item: (-item[1], swedish_key(item[0]), item[0]))
    return ordered[: max(limit, 0)]


def font_path() -> str | None:
    """Liberation Sans from the system (fonts-liberation), else DejaVu Sans; None: wordcloud's own."""
    return next((path for path in FONT_FILES if os.path.exists(path)), None)


def word_cloud_svg(words: list[tuple[str, int]], width: int, height: int) -> str:
    """The word cloud of `words` (word, count) as an SVG document of `width` × `height` pixels; an
    empty <svg> of that size when there are no words."""
    frequencies = {word: count for word, count in words if count > 0}
    if not frequencies:
        return f'<svg xmlns="http://www.w3.org/2000/svg" width="{int(width)}" height="{int(height)}"></svg>'
    from wordcloud import WordCloud

    def colour(word, font_size, position, orientation, random_state=None, **kwargs):
        return PALETTE[random_state.randint(0, len(PALETTE) - 1)]

    cloud = WordCloud(
        width=int(width),
        height=int(height),
        font_path=font_path(),
        background_color="white",
        prefer_horizontal=1.0,
        random_state=RANDOM_STATE,
        color_func=colour,
        max_words=len(frequencies),
        min_font_size=10,
        relative_scaling=0.5,
        margin=4,
        collocations=False,
        normalize_plurals=False,
    )
    cloud.generate_from_frequencies(frequencies)
    return cloud.to_svg(embed_font=False)
