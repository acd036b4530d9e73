"""Fixtures of the series tests: a small generated municipality imported as a real one would be."""

from pathlib import Path

import pytest

from kasam.core.dates import today
from kasam.metrics import sickleave
from kasam.site.imports import import_file
from kasam.synth import generate_municipality, write_files


@pytest.fixture
def engine():
    """The engine module the refill calls, for tests that make it fail (monkeypatch its functions)."""
    return sickleave


def import_municipality(directory: Path, employees: int = 40, years: int = 2, seed: int = 7) -> dict:
    """Generate a municipality up to today() and import its four files; returns the paths."""
    paths = write_files(generate_municipality(employees, years, seed, until=today()), directory)
    for kind, path in paths.items():
        result = import_file(kind, path.read_bytes(), path.name)
        assert result.ok, result.errors[:3]
    return paths


@pytest.fixture
def municipality(db, tmp_path):
    return import_municipality(tmp_path)
