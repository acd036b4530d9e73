"""The most used words of "Vad fungerar bra just nu?" (kasam.reports.words), worked by hand."""

import re

from kasam.reports.words import lemmas, swedish_key, top_words, word_cloud_svg

ANSWERS = [
    "Kollegorna är bra och det är roligt att jobba med kollegor.",  # kollega (once per answer), rolig, jobba
    "Bra möten och kollegor som stöttar.",  # möte, kollega, stötta
    "Mötena är korta, 15 minuter. Ä",  # möte, kort, minut – "15" and "Ä" dropped
    "Stödet från chefen och kollegorna",  # stöd, chef, kollega
    "Det fungerar bra just nu, jag tycker att schemat är väldigt bra",  # schema – the rest are fillers
    "Öppna samtal med chefen och stöd",  # öppen, samtal, chef, stöd
]


def test_lemmas_join_inflections_and_drop_stop_words_numbers_and_single_letters():
    assert lemmas(ANSWERS[0]) == ["kollega", "rolig", "jobba", "kollega"]
    assert lemmas(ANSWERS[2]) == ["möte", "kort", "minut"]
    assert lemmas(ANSWERS[4]) == ["schema"]
    assert lemmas("och att det i 2025 x") == []


def test_top_words_count_answers_and_sort_by_count_then_swedish_order():
    assert top_words(ANSWERS) == [
        ("kollega", 3),
        ("chef", 2),
        ("möte", 2),
        ("stöd", 2),
        ("jobba", 1),
        ("kort", 1),
        ("minut", 1),
        ("rolig", 1),
        ("samtal", 1),
        ("schema", 1),
        ("stötta", 1),
        ("öppen", 1),
    ]
    assert top_words(ANSWERS, limit=2) == [("kollega", 3), ("chef", 2)]
    assert top_words([]) == []
    assert top_words(["och att det"]) == []


def test_swedish_order_puts_a_ring_a_umlaut_o_umlaut_after_z():
    words = ["öga", "äng", "åsna", "zebra", "apa"]
    assert sorted(words, key=swedish_key) == ["apa", "zebra", "åsna", "äng", "öga"]


def test_the_word_cloud_is_a_deterministic_svg_with_the_top_word():
    words = top_words(ANSWERS)
    svg = word_cloud_svg(words, 400, 200)
    assert svg == word_cloud_svg(words, 400, 200)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"')
    assert svg.rstrip().endswith("</svg>")
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert texts[0] == "kollega"  # the largest word is placed first
    assert set(texts) <= {word for word, _ in words}
    sizes = [int(size) for size in re.findall(r'font-size="(\d+)"', svg)]
    assert sizes[0] == max(sizes)
    assert "<script" not in svg


def test_the_word_cloud_escapes_its_words_and_is_empty_without_words():
    assert "&lt;b&gt;&amp;" in word_cloud_svg([("<b>&", 2)], 200, 100)
    empty = word_cloud_svg([], 200, 100)
    assert empty == '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"></svg>'


def test_masked_names_and_light_fillers_never_count_as_words():
    """The mask of a staff name ("[namn]") led the demo's cloud, with "ge", "se" and "ny" after it."""
    answers = [
        "Tack [namn] som ger mig stöd",
        "[namn] och [namn]-[namn] ser till att vi har nya rutiner",
        "Vi ser framåt och ger varandra stöd, nya saker varje vecka",
    ]
    words = dict(top_words(answers))
    assert {"namn", "ge", "se", "ny", "sak"}.isdisjoint(words)
    assert words == {"stöd": 2, "rutin": 1, "framåt": 1, "varandra": 1, "vecka": 1}
