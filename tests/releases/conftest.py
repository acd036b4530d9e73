from datetime import date

import fake_builder
import pytest

from kasam.releases import publish as publishing
from kasam.releases.models import Release


@pytest.fixture
def fake(monkeypatch, db, settings):
    """Releases built by `fake_builder`, on 7 December 2026."""
    settings.KASAM_TODAY = date(2026, 12, 7)
    fake_builder.SEEN.clear()
    monkeypatch.setitem(publishing.BUILDERS, Release.Kind.SICK_LEAVE, "fake_builder")
    return fake_builder
