"""The pulse's tables (docs/definitions.md "Pulse", ADR 008). Only the technical admin shows their names, so
they carry no translated strings.

Two halves that share no key: who was invited and who has answered (`Invitation`, `Participation`),
and what was answered (`Submission` while it waits in the buffer, then `Answer` and `FreeText`). An
answer row holds round, reporting node, statement and value only – no person, token, invitation or
time – and a random primary key. All writes go through kasam.pulse.actions.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual

# The scale of every statement (docs/pulse-questions.md): 1 "stämmer inte alls" … 5 "stämmer helt".
SCALE_MIN, SCALE_MAX = 1, 5
# The limit on the open answer; the answer page enforces it as well.
OPEN_TEXT_MAX = 1000


class Programme(models.Model):
    """A pulse for a part of the tree: every `cadence_days` a round of `per_round` statements,
    open for `window_days`."""

    name = models.CharField("name", max_length=200)
    root_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="pulse_programmes", verbose_name="unit"
    )
    cadence_days = models.PositiveSmallIntegerField("days between rounds", default=14)
    per_round = models.PositiveSmallIntegerField("statements per round", default=4)
    window_days = models.PositiveSmallIntegerField("days open", default=7)
    include_hourly = models.BooleanField("invite hourly paid staff", default=True)
    active = models.BooleanField("active", default=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "pulse programme"
        verbose_name_plural = "pulse programmes"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(per_round__gte=3, per_round__lte=6), name="pulse_programme_per_round"
            ),
            models.CheckConstraint(condition=models.Q(cadence_days__gte=1), name="pulse_programme_cadence"),
            models.CheckConstraint(
                condition=models.Q(window_days__gte=1, window_days__lte=models.F("cadence_days")),
                name="pulse_programme_window",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Round(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "planned"
        OPEN = "open", "open"
        CLOSED = "closed", "closed"

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="rounds")
    number = models.PositiveIntegerField()
    opens_on = models.DateField()
    closes_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    # The statements asked, in the order shown (question bank ids); every one is required.
    statement_ids = models.JSONField(default=list)
    # Frozen when the round opens (docs/definitions.md "Anonymity rules" 1): k and the tree {unit_id:
    # parent_id or null} of the programme's part of the organisation, its root's parent null.
    k = models.PositiveSmallIntegerField(null=True, blank=True)
    tree = models.JSONField(default=dict, blank=True)
    # Decided once, at close, for the whole tree (rule 4); never recomputed. Null until then.
    shown_nodes = models.JSONField(null=True, blank=True)
    # Also frozen at close: {reporting node: [invited, answered]} per stored group (the reporting nodes as
    # re-pooled by respondents at close), replacing the per-person participation rows.
    counts = models.JSONField(null=True, blank=True)
    # Kept when the raw answers go after their retention (kasam.gdpr.retention): the answers counted by
    # [reporting node, statement, value, count] – exactly what the results are computed from – so every
    # figure of the round stays the same without a single answer row. Null while the rows are there.
    answer_counts = models.JSONField(null=True, blank=True)
    # True once the round's gated results are stored (`NodeResult`, written in the transaction of the
    # close); the results are then read from there and never computed from answers again.
    results_stored = models.BooleanField(default=False)

    class Meta:
        ordering = ["opens_on", "programme_id", "number"]
        verbose_name = "pulse round"
        verbose_name_plural = "pulse rounds"
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="pulse_round_number"),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")), name="pulse_round_dates"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["planned", "open", "closed"]), name="pulse_round_status"
            ),
            models.CheckConstraint(
                condition=models.Q(k__isnull=True) | models.Q(k__gte=3), name="pulse_round_k_at_least_3"
            ),
        ]
        # The tick's "which rounds are due to open or close today": status and date.
        indexes = [models.Index(fields=["status", "opens_on", "closes_on"], name="pulse_round_due")]

    def __str__(self) -> str:
        return f"{self.programme} #{self.number} ({self.opens_on}–{self.closes_on})"


class Invitation(models.Model):
    """One person invited to one round. The token itself is never stored: only its keyed hash
    (kasam.pulse.tokens), cleared when the link is used."""

    # No index of its own: the unique (round, person) below begins with the round.
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations", db_index=False)
    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="pulse_invitations")
    # The person's answers are stored against this node, fixed here (docs/definitions.md "Anonymity rules" 1).
    reporting_node = models.CharField(max_length=64)
    # The link's lookup: unique, so the answer page finds an invitation with one index probe.
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round_id", "person_id"]
        verbose_name = "pulse invitation"
        verbose_name_plural = "pulse invitations"
        # The unique (round, person) also serves "the invitations of a round" (sending, response rates).
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="pulse_invitation_once")]

    def __str__(self) -> str:
        return f"{self.round_id} {self.person_id}"


class Participation(models.Model):
    """That a person has answered a round – apart from what they answered, for reminders and response
    rates while the round is open. The date only; a random key. Deleted at close, when the round keeps
    counts per reporting node instead (`Round.counts`), so that after close no table tells who answered."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # No index of its own: the unique (round, person) below begins with the round.
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participations", db_index=False)
    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="pulse_participations")
    answered_on = models.DateField()
    # Keyed hashes of the used link and of (link, idempotency key), each under its own purpose, so that a
    # retry of the same submission is recognised and another one is told "already answered". Neither
    # equals the invitation's token hash nor any value in the buffer.
    link_hash = models.CharField(max_length=64, unique=True)
    idempotency_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = "pulse participation"
        verbose_name_plural = "pulse participations"
        # The unique (round, person) also serves reminders ("invited but not answered") and response
        # rates per reporting node (joined with the invitations on round and person).
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="pulse_participation_once")]

    def __str__(self) -> str:
        return f"{self.round_id} {self.person_id} {self.answered_on}"


class Submission(models.Model):
    """The buffer: a submitted pulse waiting, sealed, until its round closes; then moved into
    Answer/FreeText and deleted. No person, no token, no time; its key is random."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    reporting_node = models.CharField(max_length=64)
    # {statement_id: value, ..., "open": text or absent}, padded to one size and sealed
    # (kasam.pulse.sealing): while it waits, its transaction id and position are those of the
    # participation written with it, so nothing readable may be in it.
    sealed_payload = models.TextField()
    # Which key sealed it (a name, not the key): keys can be rotated. Empty for rows sealed before
    # key ids existed.
    key_id = models.CharField(max_length=32, blank=True, default="")
    # A keyed hash under the buffer's own purpose: a second guard against a double row, which cannot be
    # joined to Participation.idempotency_hash.
    idempotency_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = "buffered submission"
        verbose_name_plural = "buffered submissions"
        # No index on round besides the foreign key's own: the flush reads a round's few waiting rows.

    def __str__(self) -> str:
        return f"buffered ({self.round_id}, {self.reporting_node})"

    @property
    def payload(self) -> dict:
        from kasam.pulse.sealing import unseal

        return unseal(self.sealed_payload, self.round_id, self.reporting_node, self.key_id)


class Answer(models.Model):
    """One answer to one statement. Nothing else: no person, token, invitation or timestamp (the round
    has the date); a random key; rows inserted in random order at close (kasam.pulse.actions.close_round)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # No index of its own: the results index below begins with the round (one index less to keep up
    # for the millions of answers a year of rounds stores).
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="answers", db_index=False)
    reporting_node = models.CharField(max_length=64)
    statement_id = models.CharField(max_length=64)
    value = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = "pulse answer"
        verbose_name_plural = "pulse answers"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__gte=SCALE_MIN, value__lte=SCALE_MAX), name="pulse_answer_scale"
            )
        ]
        # Results: a round's answers grouped by reporting node and statement (counts, means, shares).
        indexes = [
            models.Index(fields=["round", "reporting_node", "statement_id"], name="pulse_answer_results")
        ]

    def __str__(self) -> str:
        return f"{self.statement_id} = {self.value}"


class FreeText(models.Model):
    """One answer to the open question, stored as plain text: any HTML in it is text, escaped when
    rendered (Django's autoescaping), never marked safe."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # No index of its own: the (round, reporting node) index below begins with the round.
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="free_texts", db_index=False)
    reporting_node = models.CharField(max_length=64)
    text = models.TextField(max_length=OPEN_TEXT_MAX)

    class Meta:
        verbose_name = "pulse comment"
        verbose_name_plural = "pulse comments"
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("text"), OPEN_TEXT_MAX), name="pulse_free_text_length"
            )
        ]
        # The results list a round's comments under one shown node: by round and reporting node.
        indexes = [models.Index(fields=["round", "reporting_node"], name="pulse_free_text_round_node")]

    def __str__(self) -> str:
        return self.text[:50]


class NodeResult(models.Model):
    """A closed round's gated results for one SHOWN node (docs/architecture.md "Caches"), written in
    the transaction of the close (kasam.pulse.stored) and never changed: a hidden node has no row, so
    no small group is ever stored. The figures are exactly those computed from the round's answers
    (kasam.pulse.results), and stay when the raw answers go at retention."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="node_results")
    # A node of the round's frozen tree (not a foreign key: the organisation may change later).
    unit_id = models.CharField(max_length=64)
    # Respondents in the node's subtree (the gated count the pages show beside the figures).
    respondents = models.PositiveIntegerField()
    # {dimension: [index, favourable_pct]} (kasam.metrics.pulse.DimensionResult; null when absent).
    dimensions = models.JSONField(default=dict)
    # {statement id: item score 0–100} over the node's subtree, for comparisons between rounds.
    item_scores = models.JSONField(default=dict)

    class Meta:
        verbose_name = "pulse node result"
        verbose_name_plural = "pulse node results"
        # The unique (round, unit) serves "the rows of a round in the viewer's scope".
        constraints = [models.UniqueConstraint(fields=["round", "unit_id"], name="pulse_node_result_once")]
        # One unit over the rounds (its dashboard, early signals).
        indexes = [models.Index(fields=["unit_id", "round"], name="pulse_node_result_unit")]

    def __str__(self) -> str:
        return f"{self.round_id} {self.unit_id}"


class TranslationOverride(models.Model):
    """A wording of the answer page corrected in Kasam by the health strategist: it wins over the
    language's data file (kasam/pulse/translations/, docs/pulse-questions.md "Languages of the answer
    page"). One row per language and key; every change is in the audit log too."""

    language = models.CharField(max_length=16)
    key = models.CharField(max_length=100)
    text = models.TextField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["language", "key"]
        verbose_name = "answer page translation override"
        verbose_name_plural = "answer page translation overrides"
        constraints = [models.UniqueConstraint(fields=["language", "key"], name="pulse_translation_once")]

    def __str__(self) -> str:
        return f"{self.language} {self.key}"


class TranslationReview(models.Model):
    """That a native speaker has reviewed a language's wording: who (as the strategist wrote the
    name) and on which day. It replaces the data file's header; without a review of either kind the
    answer page in that language says its wording is a draft."""

    language = models.CharField(max_length=16, unique=True)
    reviewed_by = models.CharField(max_length=200)
    reviewed_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "answer page translation review"
        verbose_name_plural = "answer page translation reviews"

    def __str__(self) -> str:
        return f"{self.language} {self.reviewed_by} {self.reviewed_on}"
