"""kasam.metrics.survey is a package with one module per concern; importing from the package itself
still gives every public name (the imports written before the split keep working), and none of its
modules imports Django."""

import ast
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import kasam.metrics.survey as package


def defined_names(module) -> set[str]:
    """The public names a module defines itself (functions, classes, assignments)."""
    names = set()
    for node in ast.parse(Path(module.__file__).read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(target.id for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {name for name in names if not name.startswith("_")}


def modules() -> list:
    return [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
    ]


def test_the_package_re_exports_every_public_name_of_its_modules():
    found = {}
    for module in modules():
        for name in defined_names(module):
            assert name not in found, f"{name} is defined in {found.get(name)} and {module.__name__}"
            found[name] = module.__name__
    assert set(package.__all__) == set(found)
    assert all(getattr(package, name) is getattr(sys.modules[found[name]], name) for name in found)
    # A few of the names the rest of Kasam and the tests imported from kasam.metrics.survey before.
    assert {
        "ITEMS",
        "SCALES",
        "decide",
        "pool_cells",
        "survey_figures",
        "tree_results",
        "gap_analyses",
    } <= set(package.__all__)


def test_the_survey_modules_do_not_import_django():
    names = ", ".join(module.__name__ for module in modules())
    code = f"import sys, {names}; print('django' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
