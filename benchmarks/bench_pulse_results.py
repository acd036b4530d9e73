"""Time pulse results through the disclosure gate (targets: one round of a 50,000-employee
organisation in under 1 s; every pulse page under 200 ms and ~150 KB of HTML).

A synthetic tree from kasam.synth (about 600 units; `--employees-for-tree 50000`: 2,933 units),
50,000 invitations spread over its units as the
generator spreads posts, 30,000 respondents per round (150,000 answer rows: four statements and the
health question), written directly into Invitation/Participation/Answer/FreeText rows for `--rounds`
closed rounds (shown nodes decided by the gate, as at close). Then timed, each the median of
`--repeat` runs after one warm-up:

- the gate: kasam.pulse.results.load_round + viewer_nodes for a viewer of the whole tree and for a
  unit manager of 4 units (where load_round takes the viewer's scope, only that scope is read);
- `kasam pulse results --as` (viewer_json) for the whole tree;
- the pages through Django's test client, with the size of their HTML: the overview (hälsostrateg,
  whole tree: table, heat map, comments; and a unit manager of 4 units) and a unit dashboard (its
  unit manager: the trend over all rounds, early signals).

A closed round's gated results are stored at close (kasam.pulse.stored); rounds written directly
here get them stored the same way, when the code has them.

    .venv/bin/python benchmarks/bench_pulse_results.py [--database-url postgres://…] [--rounds 6]

The database named by --database-url is emptied first (flush), so give it one of its own. With
`--var-dir` the SQLite database stays there; a later run with the same directory only migrates it and
times again (before and after a change, on the same rounds)."""

import argparse
import inspect
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta

import django
import numpy as np
from machine import cpu_model, peak_mb


def median_ms(function, repeat: int) -> tuple[float, float]:
    function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def main() -> int:  # noqa: C901 (one script, top to bottom)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--invited", type=int, default=50_000)
    parser.add_argument("--respondents", type=int, default=30_000)
    parser.add_argument("--employees-for-tree", type=int, default=12_000, help="sizes the tree: ~600 units")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--var-dir",
        default="",
        help="keep the database here; a later run with the same directory (e.g. after a code change,"
        " migrated) reuses its rounds instead of building them again",
    )
    args = parser.parse_args()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="kasam.settings",
        KASAM_VAR_DIR=args.var_dir or tempfile.mkdtemp(prefix="kasam-bench-pulse-"),
        KASAM_INSECURE_HTTP="true",  # the test client speaks plain HTTP
        KASAM_TODAY="2026-11-25",
        DATABASE_URL=args.database_url,
        ALLOWED_HOSTS="testserver",
        # force_login gives no second factor; for a session that gave one, the check costs the same
        # (one look at the session), so the pages are timed as a confirmed session sees them.
        KASAM_MFA_REQUIRED_ROLES="",
    )
    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client

    from kasam.accounts.models import User
    from kasam.metrics import anonymity
    from kasam.org.models import Person, Role, RoleAssignment, Unit
    from kasam.org.tree import compute_paths
    from kasam.pulse import actions, results, rotation
    from kasam.pulse.models import Answer, FreeText, Invitation, Participation, Programme, Round
    from kasam.synth.organisation import build_organisation

    try:
        from kasam.pulse.stored import store_round_results as store_results
    except ImportError:  # before the results were stored at close
        store_results = None

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    started, setup_s = time.perf_counter(), 0.0
    if not Programme.objects.filter(name="Bench").exists():  # else: --var-dir of an earlier run
        call_command("flush", interactive=False, verbosity=0)
        rng = np.random.default_rng(args.seed)
        started = time.perf_counter()
        organisation = build_organisation(rng, args.employees_for_tree)
        parents = dict(
            zip(
                organisation.units["unit_id"].to_list(),
                organisation.units["parent_id"].to_list(),
                strict=True,
            )
        )
        names = dict(
            zip(organisation.units["unit_id"].to_list(), organisation.units["name"].to_list(), strict=True)
        )
        paths = compute_paths(parents)
        Unit.objects.bulk_create(
            [
                Unit(id=u, parent_id=p, name=names[u], kind="unit", path=paths[u])
                for u, p in sorted(parents.items(), key=lambda item: paths[item[0]])
            ],
            batch_size=2000,
        )
        tree = {u: p for u, p in parents.items()}
        posts = organisation.post_unit
        person_unit = posts[rng.integers(0, len(posts), args.invited)]
        Person.objects.bulk_create(
            [
                Person(id=f"B{n:06d}", birth_year=1980, first_name="Anna", last_name="Berg")
                for n in range(args.invited)
            ],
            batch_size=5000,
        )
        root = next(u for u, p in parents.items() if p is None)
        programme = Programme.objects.create(name="Bench", root_unit_id=root)
        counts = {u: int(n) for u, n in zip(*np.unique(person_unit, return_counts=True), strict=True)}
        reporting = anonymity.assign_reporting_nodes(tree, counts, 5)
        for number in range(1, args.rounds + 1):
            opens = date(2026, 1, 5) + timedelta(days=14 * (number - 1))
            statements = rotation.statements_for_round(number - 1, 4)
            round = Round.objects.create(
                programme=programme,
                number=number,
                opens_on=opens,
                closes_on=opens + timedelta(days=6),
                statement_ids=statements,
                k=5,
                tree=tree,
                status=Round.Status.OPEN,
            )
            answering = set(rng.choice(args.invited, args.respondents, replace=False).tolist())
            level = rng.normal(0, 0.6, len(tree))
            offset = dict(zip(tree, level, strict=True))
            with transaction.atomic():
                Invitation.objects.bulk_create(
                    [
                        Invitation(
                            round=round, person_id=f"B{n:06d}", reporting_node=reporting[person_unit[n]]
                        )
                        for n in range(args.invited)
                    ],
                    batch_size=5000,
                )
                Participation.objects.bulk_create(
                    [
                        Participation(
                            round=round,
                            person_id=f"B{n:06d}",
                            answered_on=opens,
                            link_hash=uuid.uuid4().hex,
                            idempotency_hash=uuid.uuid4().hex,
                        )
                        for n in answering
                    ],
                    batch_size=5000,
                )
                rows, texts = [], []
                for n in answering:
                    node = reporting[person_unit[n]]
                    for statement in statements:
                        value = int(np.clip(round_half(3.6 + offset[node] + rng.normal(0, 0.9)), 1, 5))
                        rows.append(
                            Answer(round=round, reporting_node=node, statement_id=statement, value=value)
                        )
                    if n % 5 == 0:
                        texts.append(
                            FreeText(round=round, reporting_node=node, text="Bra samarbete, Anna ställer upp")
                        )
                Answer.objects.bulk_create(rows, batch_size=5000)
                FreeText.objects.bulk_create(texts, batch_size=5000)
                round.shown_nodes = sorted(
                    anonymity.decide_shown_nodes(tree, actions.respondents_per_node(round), 5)
                )
                round.counts = actions.frozen_counts(round)
                round.status = Round.Status.CLOSED
                round.save()
                if store_results is not None:
                    store_results(round)
        setup_s = time.perf_counter() - started
    last = Round.objects.order_by("-number").first()
    tree = parents = last.tree
    paths = dict(Unit.objects.values_list("id", "path"))
    root = next(u for u, p in parents.items() if p is None)
    shown = set(last.shown_nodes)
    # A unit shown in every round, below an area: a unit manager's dashboard.
    always = set.intersection(*(set(r.shown_nodes) for r in Round.objects.all()))
    unit_id = next(
        u for u in sorted(always, key=lambda u: paths[u]) if parents[u] and parents.get(parents[u]) == root
    )
    four = four_unit_subtree(parents, paths, shown)
    users = {}
    for name, role, target in (
        ("halsostrateg", Role.HEALTH_STRATEGIST, root),
        ("enhetschef", Role.UNIT_MANAGER, unit_id),
        ("enhetschef4", Role.UNIT_MANAGER, four),
    ):
        users[name], _ = User.objects.get_or_create(username=f"bench-{name}")
        RoleAssignment.objects.get_or_create(user=users[name], role=role, unit_id=target)
    scope = results.pulse_scope(users["halsostrateg"])
    scope4 = results.pulse_scope(users["enhetschef4"])
    assert len(scope4) == 4, scope4
    scoped = "nodes" in inspect.signature(results.load_round).parameters
    print(
        f"{len(tree):,} units ({len(shown)} shown in the last round), {args.invited:,} invited, "
        f"{args.respondents:,} respondents × {args.rounds} rounds, {Answer.objects.count():,} answer rows; "
        f"set up in {setup_s:.0f} s; {os.cpu_count()} CPUs, {cpu_model()}"
    )

    def gate(viewer_scope):
        def run():
            loaded = results.load_round(last, nodes=viewer_scope) if scoped else results.load_round(last)
            nodes = results.viewer_nodes(loaded, set(viewer_scope))
            assert len(nodes) == len(viewer_scope)

        return run

    client = Client()
    sizes = {}

    def page(user, url):
        def get():
            client.force_login(user)
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            sizes[url, user.pk] = len(response.content)

        return get

    for label, function, size_key in (
        ("one round through the gate (whole tree)", gate(scope), None),
        ("one round through the gate (4 units)", gate(scope4), None),
        ("kasam pulse results --as (json)", lambda: results.viewer_json(last, users["halsostrateg"]), None),
        ("overview page (hälsostrateg)", page(users["halsostrateg"], "/puls/"), ("/puls/", "halsostrateg")),
        (
            "overview page (enhetschef, 4 units)",
            page(users["enhetschef4"], "/puls/"),
            ("/puls/", "enhetschef4"),
        ),  # noqa: E501
        (
            f"unit dashboard ({args.rounds} rounds)",
            page(users["enhetschef"], f"/puls/enheter/{unit_id}/"),
            (f"/puls/enheter/{unit_id}/", "enhetschef"),
        ),
    ):
        median, worst = median_ms(function, args.repeat)
        size = ""
        if size_key is not None:
            size = f", {sizes[size_key[0], users[size_key[1]].pk] / 1024:,.0f} KB of HTML"
        print(f"{label:40} median {median:6.0f} ms, max {worst:6.0f} ms{size}")
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"{database}; peak {peak_mb():.0f} MB")
    return 0


def four_unit_subtree(parents: dict, paths: dict, shown: set) -> str:
    """A unit manager of 4 units: the first shown unit whose subtree holds exactly four units."""
    children: dict = {}
    for u, p in parents.items():
        children.setdefault(p, []).append(u)

    def size(u):
        return 1 + sum(size(c) for c in children.get(u, []))

    return next(u for u in sorted(shown, key=lambda u: paths[u]) if size(u) == 4)


def round_half(value: float) -> int:
    return int(np.floor(value + 0.5))


if __name__ == "__main__":
    sys.exit(main())
