"""Import tests read messages in English: no Swedish catalogue is needed to assert them."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield
