"""`kasam anonymity audit`: every app's stored tables and releases checked against the disclosure
rules (docs/anonymity.md "The audit"). Each app contributes a `violations()` generator in its own
`audit` module; this runs them all, in a fixed order."""

from collections.abc import Iterator
from importlib import import_module

from kasam.metrics.disclosure_audit import Violation

# The apps that store figures or groups of people; each has an `audit.violations()`.
AUDITED_APPS = ("kasam.pulse", "kasam.economy", "kasam.leadership")


def run() -> Iterator[Violation]:
    for app in AUDITED_APPS:
        yield from import_module(f"{app}.audit").violations()
