"""Survey tests read messages and pages in English: no Swedish catalogue is needed to assert them."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # survey_helpers


@pytest.fixture(autouse=True)
def _english(english):
    """Every survey test in English (tests/conftest.py)."""
