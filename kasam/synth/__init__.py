"""A deterministic fictitious municipality (organisation, staff and absences) for the demo, the
tests and the benchmarks. Pure NumPy and Polars: no Django import, so benchmarks run without it."""

from kasam.synth.municipality import COLUMNS, Municipality, generate_municipality, history_start
from kasam.synth.writer import write_files

__all__ = ["COLUMNS", "Municipality", "generate_municipality", "history_start", "write_files"]
