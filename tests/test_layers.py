"""The apps stay in their layers (docs/architecture.md "Layers", docs/adr/013-apps-in-layers.md): the
contracts in pyproject.toml hold (import-linter), and no two apps import each other, directly or
through others, whatever the contracts say."""

from pathlib import Path

import grimp
import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
# The project's own modules above every app, as the layers contract leaves them out.
PROJECT_MODULES = {"__main__", "cli", "urls", "settings", "asgi", "wsgi"}


def app_of(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) < 2 or parts[0] != "kasam" or parts[1] in PROJECT_MODULES:
        return None
    return parts[1]


def app_graph(graph: grimp.ImportGraph) -> dict[str, set[str]]:
    """App → the apps its modules import (at module level or inside a function)."""
    edges: dict[str, set[str]] = {}
    for module in graph.modules:
        importer = app_of(module)
        if importer is None:
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            target = app_of(imported)
            if target is not None and target != importer:
                edges.setdefault(importer, set()).add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The groups of apps that import each other (Tarjan's strongly connected components of two or more)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(app: str) -> None:
        index[app] = low[app] = len(index)
        stack.append(app)
        for other in sorted(edges.get(app, ())):
            if other not in index:
                visit(other)
                low[app] = min(low[app], low[other])
            elif other in stack:
                low[app] = min(low[app], index[other])
        if low[app] == index[app]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == app:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for app in sorted(set(edges) | {a for targets in edges.values() for a in targets}):
        if app not in index:
            visit(app)
    return found


@pytest.fixture(scope="module")
def kasam_graph() -> grimp.ImportGraph:
    return grimp.build_graph("kasam", cache_dir=None)


def test_the_layer_contracts_hold():
    # The same check as `make lint` and .ci/run: 0 when every contract is kept.
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True) == 0


def test_no_two_apps_import_each_other(kasam_graph):
    assert cycles(app_graph(kasam_graph)) == []


def test_the_core_and_the_organisation_import_no_app_above_them(kasam_graph):
    edges = app_graph(kasam_graph)
    assert edges.get("core", set()) <= {"metrics"}
    assert edges.get("org", set()) <= {"core", "metrics"}
    assert edges.get("metrics", set()) == set()


def test_a_cycle_through_a_third_app_is_found():
    # The attack: plans imports pulse, pulse a helper of synth, and synth reaches back into plans.
    graph = grimp.ImportGraph()
    for module in ("kasam.plans.tracking", "kasam.pulse.actions", "kasam.synth.pulse", "kasam.core.dates"):
        graph.add_module(module)
    graph.add_import(importer="kasam.plans.tracking", imported="kasam.pulse.actions")
    graph.add_import(importer="kasam.pulse.actions", imported="kasam.synth.pulse")
    graph.add_import(importer="kasam.synth.pulse", imported="kasam.plans.tracking")
    graph.add_import(importer="kasam.pulse.actions", imported="kasam.core.dates")
    assert cycles(app_graph(graph)) == [["plans", "pulse", "synth"]]
