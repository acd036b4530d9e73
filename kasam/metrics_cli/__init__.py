"""The analyst's commands that run on files without Django: `kasam sickleave report --from-dir`
(sickleave_report.py), `kasam survey indices` (survey_indices.py) and `kasam evaluate` (evaluate.py).

kasam.cli sends these straight here before Django is set up. Beside the pure core, not in it: a module
here reads files, parses arguments and prints, and may import the standard library, Polars, NumPy and
kasam.metrics – nothing else of Kasam, and never Django (tests/metrics_cli/test_metrics_cli_imports.py).
The Django management commands reuse the parsers defined here.
"""
