""" "What improved most" lists only rises the page can show: a change that rounds to +0.0 points is
not a rise."""

import pytest

from kasam.pulse import question_bank
from kasam.pulse.results import improvements


@pytest.mark.parametrize(("rise", "listed"), [(0.04, False), (0.06, True), (2.0, True), (-1.0, False)])
def test_only_rises_shown_as_more_than_zero_are_listed(rise, listed):
    statement = question_bank.statements("begriplighet")[0].id
    found = improvements({statement: 70.0 + rise}, {statement: 70.0})
    assert found == ([("begriplighet", pytest.approx(rise))] if listed else [])
