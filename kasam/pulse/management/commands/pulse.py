"""`kasam pulse …`: the pulse for operators and scripts.

    kasam pulse programmes [--format json]
    kasam pulse rounds [--format json]
    kasam pulse plan PROGRAMME_ID --until DATE [--format json]
    kasam pulse open ROUND_ID
    kasam pulse close ROUND_ID
    kasam pulse remind ROUND_ID
    kasam pulse results --round ROUND_ID --as USERNAME [--format json]

`results` prints exactly what that user would see on the pages (kasam.pulse.results, through the
disclosure gate): a closed round's nodes of the viewer's scope; `[]` for a viewer who may see nothing,
and `[]` with a note on standard error for a round that is not closed (results appear at close).
"""

import json
from datetime import date

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from kasam.core.dates import today
from kasam.pulse import actions, notify, results, schedule
from kasam.pulse.models import Programme, Round


def _round(value) -> Round:
    try:
        return Round.objects.select_related("programme").get(pk=int(value))
    except (ValueError, TypeError, Round.DoesNotExist):
        raise CommandError(f"No pulse round {value}.") from None


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from None


def _round_json(r: Round) -> dict:
    return {
        "id": r.pk,
        "unit": r.programme.root_unit_id,
        "opens": r.opens_on.isoformat(),
        "closes": r.closes_on.isoformat(),
        "status": r.status,
    }


class Command(BaseCommand):
    help = (
        "Pulse programmes and rounds: list, plan, open, close, remind, "
        "and a round's results as one user sees them."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

        def add(name, help_text, formats=True):
            p = sub.add_parser(name, help=help_text, description=help_text)
            if formats:
                p.add_argument("--format", choices=["table", "json"], default="table", help="Output format.")
            return p

        add("programmes", "List the pulse programmes.")
        add("rounds", "List the rounds in time order with their status (planned, open, closed).")
        p = add("plan", "Plan a programme's rounds up to a date, from its cadence and the rotation.")
        p.add_argument("programme_id", help="The programme's id (see `kasam pulse programmes`).")
        p.add_argument(
            "--until", required=True, help="Plan rounds that open on or before this date (YYYY-MM-DD)."
        )
        p = add(
            "open", "Open a planned round now: freeze the tree, invite and send the links.", formats=False
        )
        p.add_argument("round_id")
        p = add("close", "Close an open round: flush, and decide once which nodes are shown.", formats=False)
        p.add_argument("round_id")
        p = add("remind", "Remind those invited to an open round who have not answered.", formats=False)
        p.add_argument("round_id")
        p = add("results", "Print exactly what a user would see of a round's results.")
        p.add_argument("--round", required=True, dest="round_id", help="The round's id.")
        p.add_argument("--as", required=True, dest="username", help="The user whose view to print.")

    def handle(self, *args, action, **options):
        getattr(self, f"do_{action}")(**options)

    def _print(self, fmt, data, table_rows, headers):
        if fmt == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        rows = [headers, *([str(cell) for cell in row] for row in table_rows)]
        widths = [max(len(row[i]) for row in rows) for i in range(len(headers))]
        for row in rows:
            self.stdout.write("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())

    def do_programmes(self, format="table", **_):
        programmes = list(Programme.objects.order_by("pk"))
        data = [
            {
                "id": p.pk,
                "name": p.name,
                "unit": p.root_unit_id,
                "cadence_days": p.cadence_days,
                "per_round": p.per_round,
                "window_days": p.window_days,
                "active": p.active,
            }
            for p in programmes
        ]
        rows = [
            (d["id"], d["name"], d["unit"], d["cadence_days"], d["per_round"], d["window_days"], d["active"])
            for d in data
        ]
        self._print(format, data, rows, ["id", "name", "unit", "cadence", "statements", "window", "active"])

    def do_rounds(self, format="table", **_):
        rounds = Round.objects.select_related("programme").order_by(
            "opens_on", "closes_on", "programme_id", "number"
        )
        data = [_round_json(r) for r in rounds]
        rows = [(d["id"], d["unit"], d["opens"], d["closes"], d["status"]) for d in data]
        self._print(format, data, rows, ["id", "unit", "opens", "closes", "status"])

    def do_plan(self, programme_id, until, format="table", **_):
        try:
            programme = Programme.objects.get(pk=int(programme_id))
        except (ValueError, Programme.DoesNotExist):
            raise CommandError(f"No pulse programme {programme_id}.") from None
        created = schedule.plan(programme, _date(until), start=today())
        data = [_round_json(r) for r in created]
        if format == "json":
            self.stdout.write(json.dumps(data))
        else:
            self.stdout.write(f"Planned {len(created)} round(s) of {programme.name}.")

    def do_open(self, round_id, **_):
        round = _round(round_id)
        if round.status != Round.Status.PLANNED:
            raise CommandError(f"Round {round.pk} is {round.status}, not planned.")
        issued = actions.open_round(round, today())
        sent = schedule.send(round, issued)
        note = "" if sent else " The links were not sent: no messaging module is installed."
        self.stdout.write(f"Opened round {round.pk}: {len(issued)} invited.{note}")

    def do_close(self, round_id, **_):
        round = _round(round_id)
        if round.status != Round.Status.OPEN:
            raise CommandError(f"Round {round.pk} is {round.status}, not open.")
        actions.close_round(round)
        self.stdout.write(f"Closed round {round.pk}: {len(round.shown_nodes)} node(s) shown.")
        try:
            self.stdout.write(f"Early signals mailed to {notify.notify_early_signals(round)} user(s).")
        except Exception as error:  # the round stays closed; the signals are still on the dashboard
            self.stderr.write(f"Early signals could not be mailed: {type(error).__name__}: {error}")

    def do_remind(self, round_id, **_):
        round = _round(round_id)
        if round.status != Round.Status.OPEN:
            raise CommandError(
                f"Round {round.pk} is {round.status}: only an open round has anyone to remind."
            )
        try:
            from kasam.pulse.messaging import remind
        except ImportError:
            raise CommandError(
                "Reminders are not available yet: the messaging module is not installed."
            ) from None
        outcome = remind(round, today())
        self.stdout.write(f"Round {round.pk}: {outcome} reminded.")

    def do_results(self, round_id, username, format="table", **_):
        round = _round(round_id)
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username}.")
        if round.status != Round.Status.CLOSED:
            self.stderr.write(f"Round {round.pk} is {round.status}: results appear when it closes.")
        data = results.viewer_json(round, user)
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        names = list(results.DIMENSION_ORDER)
        rows = []
        for node in data:
            figures = [
                f"{node['dimensions'][n]['index']:.0f}" if n in node["dimensions"] else "–" for n in names
            ]
            rows.append((node["unit"], node["respondents"] if node["shown"] else "hidden", *figures))
        self._print(format, data, rows, ["unit", "respondents", *names])
