"""Kolada tests run against a local fake of Kolada's API (kolada_fake.py); nothing reaches the
internet: KASAM_KOLADA_URL points at 127.0.0.1 in every test, at the fake when one is started. Pages
and messages are read in English (no Swedish catalogue is needed to assert them)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # kolada_fake

from kolada_fake import FakeKolada


@pytest.fixture(autouse=True)
def _offline(english):
    english.KASAM_KOLADA_URL = "http://127.0.0.1:9/v3"  # the discard port: never the real service


@pytest.fixture
def kolada(settings):
    fake = FakeKolada().start()
    settings.KASAM_KOLADA_URL = fake.base_url
    yield fake
    fake.stop()


@pytest.fixture
def pauses():
    """The pauses a client would have slept, instead of sleeping."""
    return []
