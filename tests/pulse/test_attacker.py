"""The database read as an attacker with full read access would read it (docs/anonymity.md; ADR 008).

Every table is introspected and read with `SELECT *`, system columns included (SQLite's rowid;
PostgreSQL's xmin and ctid), once while a round is open with its submissions waiting sealed, and once
after close. Nothing in it may tie an answer or a comment to an invitation or a person: no column, key,
order, transaction id or timestamp. Runs on SQLite and PostgreSQL (CI runs the suite on both).
"""

import random
import re
from dataclasses import dataclass
from datetime import date

import pytest
from django.db import connection

from kasam.org.models import Employment, Person, Unit
from kasam.org.tree import compute_paths
from kasam.pulse import actions, tokens
from kasam.pulse.models import Answer, FreeText, Participation, Programme, Round, Submission

pytestmark = pytest.mark.django_db(transaction=True)

K = 5
STATEMENTS = ["s1", "s2", "s3"]
UNITS = {"R": None, "A": "R", "B": "R", "B1": "B"}
STAFF = {"A": 8, "B": 4, "B1": 3}
TODAY = date(2026, 11, 25)
ANSWER_COLUMNS = {"id", "round_id", "reporting_node", "statement_id", "value"}
FREE_TEXT_COLUMNS = {"id", "round_id", "reporting_node", "text"}
PARTICIPATION_COLUMNS = {"id", "round_id", "person_id", "answered_on", "link_hash", "idempotency_hash"}
TIME_TYPES = {"DateTimeField", "TimeField", "DurationField"}
SYSTEM = {"sys_rowid", "sys_xmin", "sys_ctid"}


@pytest.fixture(autouse=True)
def _pulse_settings(settings, monkeypatch):
    settings.KASAM_PULSE_K = K
    settings.KASAM_TOKEN_KEY = "test-token-key"
    settings.KASAM_TASKS_BACKEND = "immediate"
    # A seeded shuffle makes the order assertions reproducible (the real one is a CSPRNG).
    monkeypatch.setattr(actions, "rng", random.Random(4))


@dataclass
class Table:
    columns: list[str]
    rows: list[tuple]
    types: dict[str, str]

    def column(self, name: str) -> list:
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def data_columns(self) -> set[str]:
        return set(self.columns) - SYSTEM


def read_everything() -> dict[str, Table]:
    """Every table of the database, every row and column, with the system columns an attacker would
    look at for order and transactions."""
    tables = {}
    with connection.cursor() as cursor:
        for name in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(name)
            if connection.vendor == "postgresql":
                system = "xmin::text AS sys_xmin, ctid::text AS sys_ctid"
            else:
                system = "rowid AS sys_rowid"
            cursor.execute(f"SELECT {system}, * FROM {quoted}")  # noqa: S608
            columns = [column[0] for column in cursor.description]
            rows = cursor.fetchall()
            types = {
                info.name: connection.introspection.get_field_type(info.type_code, info)
                for info in connection.introspection.get_table_description(cursor, name)
            }
            tables[name] = Table(columns, rows, types)
    return tables


def physical_position(table: Table, row: tuple):
    if connection.vendor == "postgresql":
        ctid = row[table.columns.index("sys_ctid")]
        return tuple(int(n) for n in ctid.strip("()").split(","))
    return row[table.columns.index("sys_rowid")]


def in_physical_order(table: Table) -> list[tuple]:
    return sorted(table.rows, key=lambda row: physical_position(table, row))


def every_value(table: Table, skip: set[str] = SYSTEM) -> list[str]:
    wanted = [i for i, name in enumerate(table.columns) if name not in skip]
    return [str(row[i]) for row in table.rows for i in wanted if row[i] is not None]


def kendall_tau(sequence: list[int]) -> float:
    concordant = discordant = 0
    for i, a in enumerate(sequence):
        for b in sequence[i + 1 :]:
            concordant += a < b
            discordant += a > b
    return (concordant - discordant) / (concordant + discordant)


def _uuid_forms(value) -> set[str]:
    text = str(value).lower()
    return {text, text.replace("-", "")}


@dataclass
class Secrets:
    tokens: dict[str, str]  # person id → raw token
    token_hashes: dict[str, str]  # person id → the stored hash at invitation
    idempotency_keys: list[str]


def run_round() -> tuple[Round, Secrets, list[dict]]:
    """Open a round for 15 persons; 12 submit (submission i answers i % 5 + 1 to every statement), each
    committed on its own, so the flush task runs after the 5th and the 10th."""
    paths = compute_paths(UNITS)
    for unit_id, parent in UNITS.items():
        Unit.objects.create(id=unit_id, parent_id=parent, name=unit_id, kind="unit", path=paths[unit_id])
    number = 0
    for unit_id, count in STAFF.items():
        for _ in range(count):
            number += 1
            person = Person.objects.create(id=f"X{number:03d}", birth_year=1980, first_name=f"Namn{number}")
            Employment.objects.create(
                person=person, unit_id=unit_id, start_date=date(2020, 1, 1), rate=100, pay="monthly"
            )
    programme = Programme.objects.create(name="Puls", root_unit_id="R")
    round = Round.objects.create(
        programme=programme,
        number=1,
        opens_on=date(2026, 11, 23),
        closes_on=date(2026, 11, 29),
        statement_ids=STATEMENTS,
    )
    issued = actions.open_round(round)
    secrets = Secrets(
        tokens={inv.person_id: token for inv, token in issued},
        token_hashes={inv.person_id: inv.token_hash for inv, _ in issued},
        idempotency_keys=[],
    )
    # Interleave A and B so that batches mix reporting nodes.
    order = ["X001", "X009", "X002", "X010", "X003", "X011", "X004", "X012", "X005", "X013", "X006", "X014"]
    submitted = []
    for i, person in enumerate(order):
        values = dict.fromkeys(STATEMENTS, i % 5 + 1)
        text = f"Kommentar nummer {i}" if i % 2 == 0 else None
        key = f"idempotency-{person}-{i}"
        assert actions.submit(secrets.tokens[person], values, text, key).stored
        secrets.idempotency_keys.append(key)
        submitted.append({"person": person, "values": values, "text": text})
    return round, secrets, submitted


def assert_nothing_links(tables: dict[str, Table], secrets: Secrets, used: set[str]) -> None:
    answer, free_text = tables[Answer._meta.db_table], tables[FreeText._meta.db_table]
    participation = tables[Participation._meta.db_table]
    answer_side = {Answer._meta.db_table, FreeText._meta.db_table}

    # The answer tables hold these columns and nothing else: no person, token, invitation or time.
    assert answer.data_columns() == ANSWER_COLUMNS
    assert free_text.data_columns() == FREE_TEXT_COLUMNS
    for table in (answer, free_text):
        assert not TIME_TYPES & set(table.types.values())
        assert "DateField" not in table.types.values()
    with connection.cursor() as cursor:
        for name in answer_side:
            relations = connection.introspection.get_relations(cursor, name)
            assert {target for _column, target in relations.values()} == {Round._meta.db_table}

    # No value of an answer or comment is a person id, raw token, token hash, idempotency key or a value
    # of any participation or invitation column other than the round and the reporting node.
    people = set(secrets.tokens)
    forbidden = people | set(secrets.tokens.values()) | set(secrets.token_hashes.values())
    forbidden |= set(secrets.idempotency_keys)
    forbidden |= set(every_value(participation, SYSTEM | {"round_id", "answered_on"}))
    for name in answer_side:
        for value in every_value(tables[name], SYSTEM | {"round_id", "value"}):
            assert not any(secret in value for secret in forbidden), (name, value)

    # The participation holds the date only.
    assert participation.data_columns() == PARTICIPATION_COLUMNS
    assert not TIME_TYPES & set(participation.types.values())
    assert {str(day) for day in participation.column("answered_on")} <= {TODAY.isoformat()}
    assert set(participation.column("person_id")) == used

    # No other table holds an answer's or a comment's key.
    keys = set()
    for name in answer_side:
        for key in tables[name].column("id"):
            keys |= _uuid_forms(key)
    for name, table in tables.items():
        if name in answer_side:
            continue
        for value in every_value(table, set()):
            lowered = value.lower()
            assert not any(key in lowered for key in keys), (name, value)

    # No raw token is stored anywhere; the hash of a used link is gone too.
    for name, table in tables.items():
        for value in every_value(table, set()):
            assert not any(token in value for token in secrets.tokens.values()), name
            assert not any(secrets.token_hashes[person] in value for person in used), name

    # The hashes on the two sides cannot be joined.
    buffer = tables[Submission._meta.db_table]
    assert not set(buffer.column("idempotency_hash")) & set(every_value(participation))


def test_an_attacker_reading_every_table_cannot_link_an_answer_to_a_person():
    round, secrets, submitted = run_round()
    used = {entry["person"] for entry in submitted}

    # While the round is open nothing has moved: all twelve wait sealed, padded to one size.
    tables = read_everything()
    assert tables[Answer._meta.db_table].rows == [] and tables[FreeText._meta.db_table].rows == []
    buffer = tables[Submission._meta.db_table]
    assert len(buffer.rows) == 12
    assert len({len(payload) for payload in buffer.column("sealed_payload")}) == 1
    assert_nothing_links(tables, secrets, used)

    # After close: everything moved, in one transaction and one random order, and no table tells who
    # answered any more (no participation rows, no link hashes).
    actions.close_round(round)
    tables = read_everything()
    used = set()
    answer = tables[Answer._meta.db_table]
    assert len(answer.rows) == 12 * len(STATEMENTS)
    assert len(tables[FreeText._meta.db_table].rows) == 6
    assert tables[Submission._meta.db_table].rows == []
    assert_nothing_links(tables, secrets, used)
    assert not [h for h in tables["pulse_invitation"].column("token_hash") if h]
    if connection.vendor == "postgresql":
        assert len(set(answer.column("sys_xmin"))) == 1
        assert len(set(tables[FreeText._meta.db_table].column("sys_xmin"))) == 1
    # Submission order (i % 5 + 1 per submission, three rows each) against the stored order.
    stored = [row[answer.columns.index("value")] for row in in_physical_order(answer)]
    in_submission_order = [entry["values"]["s1"] for entry in submitted for _ in STATEMENTS]
    assert sorted(stored) == sorted(in_submission_order)
    assert stored != in_submission_order
    texts = [
        row[tables[FreeText._meta.db_table].columns.index("text")] for row in tables["pulse_freetext"].rows
    ]
    assert sorted(texts) == sorted(entry["text"] for entry in submitted if entry["text"])


def test_the_keys_of_answers_are_random_not_sequential():
    run_round()
    keys = [str(key) for key in Answer.objects.values_list("id", flat=True)]
    assert all(
        re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", k) for k in keys
    )
    # A UUID4 carries no time (unlike UUID1 or UUID7): 122 random bits.
    assert len(set(keys)) == len(keys)


def test_the_token_key_is_what_makes_the_hashes(settings):
    """Knowing the database and the raw token is not enough without the key: a hash under another key
    matches no invitation."""
    _round, secrets, _submitted = run_round()
    person = sorted(set(secrets.tokens) - set(Participation.objects.values_list("person_id", flat=True)))[0]
    assert tokens.invitation_hash(secrets.tokens[person]) == secrets.token_hashes[person]
    settings.KASAM_TOKEN_KEY = "guessed"
    assert tokens.invitation_hash(secrets.tokens[person]) != secrets.token_hashes[person]
