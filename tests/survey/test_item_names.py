"""One name per survey statement: the page label in Swedish is the name a plan area gets, for every
item of the indices (an item once had one name on the survey page and another in the plan)."""

import pytest
from django.utils import translation

from kasam.metrics.survey.items import INDEX_ITEMS
from kasam.survey.items import ITEM_LABELS, item_label, plan_title


@pytest.mark.parametrize("item", sorted(INDEX_ITEMS))
def test_an_item_has_one_swedish_name_on_the_page_and_in_the_plan(item):
    with translation.override("sv"):
        shown = item_label(item)
    assert plan_title(item) == shown
    # The plan's name is Swedish whatever the reader's language.
    with translation.override("en"):
        assert plan_title(item) == shown and item_label(item) == str(ITEM_LABELS[item])


def test_the_three_that_had_two_names():
    assert [plan_title(item) for item in ("hme6", "hme7", "hme8")] == [
        "Förutsättningar att ta ansvar",
        "Insatt i målen",
        "Förstår hur arbetet bidrar",
    ]
