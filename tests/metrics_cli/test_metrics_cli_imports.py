"""kasam.metrics_cli sits beside the pure core: its modules may import the standard library, Polars,
NumPy and kasam.metrics, nothing else of Kasam and never Django; and the core does not import it back.
Read from the source (every import statement, those inside functions included), and played in a fresh
process that imports every module of the package."""

import ast
import subprocess
import sys
from pathlib import Path

import kasam

PACKAGE = Path(kasam.__file__).parent / "metrics_cli"
CORE = Path(kasam.__file__).parent / "metrics"
THIRD_PARTY = {"polars", "numpy"}


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def is_allowed(name: str) -> bool:
    top = name.split(".")[0]
    if top == "kasam":
        return name == "kasam.metrics" or name.startswith("kasam.metrics.")
    return top in sys.stdlib_module_names or top in THIRD_PARTY


def test_the_command_line_modules_import_only_the_core_and_no_django():
    modules = sorted(PACKAGE.glob("*.py"))
    assert {m.name for m in modules} >= {"evaluate.py", "sickleave_report.py", "survey_indices.py"}
    wrong = {m.name: sorted(n for n in imported(m) if not is_allowed(n)) for m in modules}
    assert {name: names for name, names in wrong.items() if names} == {}


def test_the_core_does_not_import_the_command_line_modules():
    found = {
        str(m.relative_to(CORE)): names
        for m in sorted(CORE.rglob("*.py"))
        if (names := sorted(n for n in imported(m) if n.startswith("kasam.metrics_cli")))
    }
    assert found == {}


def test_importing_every_command_line_module_leaves_django_out():
    code = (
        "import sys, kasam.metrics_cli.evaluate, kasam.metrics_cli.sickleave_report, "
        "kasam.metrics_cli.survey_indices; print('django' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
