"""Pure checks and paths for the unit tree (docs/definitions.md: exactly one root, no cycles).
No Django here: imports validate a file's tree before anything is written."""

from collections.abc import Mapping


class TreeError(ValueError):
    """The tree is not a single rooted tree; `unit_ids` are the units concerned."""

    def __init__(self, code: str, unit_ids: list[str]):
        super().__init__(f"{code}: {', '.join(unit_ids)}")
        self.code = code
        self.unit_ids = unit_ids


def find_roots(parent_of: Mapping[str, str | None]) -> list[str]:
    return sorted(unit for unit, parent in parent_of.items() if not parent)


def find_cycle_members(parent_of: Mapping[str, str | None]) -> list[str]:
    """Units on a cycle of parent links (or leading into one), in sorted order."""
    state: dict[str, int] = {}  # 1 = on the current walk, 2 = known to reach a root
    bad: set[str] = set()
    for start in parent_of:
        walk: list[str] = []
        node: str | None = start
        while node and node in parent_of and state.get(node) is None:
            state[node] = 1
            walk.append(node)
            node = parent_of[node]
        reaches_root = not node or node not in parent_of or state.get(node) == 2
        for visited in walk:
            state[visited] = 2 if reaches_root else 3
            if not reaches_root:
                bad.add(visited)
    return sorted(bad)


def compute_paths(parent_of: Mapping[str, str | None]) -> dict[str, str]:
    """Materialised paths "/root/…/unit/" for a valid tree; raises TreeError otherwise."""
    roots = find_roots(parent_of)
    if len(roots) != 1:
        raise TreeError("roots", roots)
    if cycle := find_cycle_members(parent_of):
        raise TreeError("cycle", cycle)
    missing = sorted(u for u, p in parent_of.items() if p and p not in parent_of)
    if missing:
        raise TreeError("unknown_parent", missing)
    paths: dict[str, str] = {}

    def path_of(unit: str) -> str:
        chain = []
        node: str | None = unit
        while node and node not in paths:
            chain.append(node)
            node = parent_of[node]
        prefix = paths[node] if node else "/"
        for member in reversed(chain):
            prefix = f"{prefix}{member}/"
            paths[member] = prefix
        return paths[unit]

    for unit in parent_of:
        path_of(unit)
    return paths
