"""The answer page's form: the questions of one round, read from a POST and shown again
with the person's choices and the errors of kasam.pulse.actions.submit.

Not a django.forms.Form: submit() is the one validation of a pulse, and the page needs its own markup
(a fieldset per statement, a large radio button per scale step). This module only maps the round to
questions, the POST to submit()'s arguments, and submit()'s error codes to sentences.
"""

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import get_language

from kasam.pulse import actions, question_bank
from kasam.pulse.languages import Catalogue, Text, catalogue
from kasam.pulse.models import OPEN_TEXT_MAX

# Form field names: "s-<statement id>" for a statement, OPEN_FIELD for the open question, KEY_FIELD for
# the idempotency key. The prefix keeps a statement id from colliding with the other fields.
STATEMENT_PREFIX = "s-"
OPEN_FIELD = "open"
KEY_FIELD = "idempotency_key"
# At most this many statement fields are read from a POST: a tampered form cannot make the page work
# through thousands of fields (Django's DATA_UPLOAD_MAX_NUMBER_FIELDS caps the request anyway).
MAX_STATEMENT_FIELDS = 50

# submit()'s error codes → the keys of their sentences (kasam.pulse.page_texts, in every language).
ERROR_MESSAGES = {
    actions.MISSING: "error.missing",
    actions.OUT_OF_SCALE: "error.out_of_scale",
    actions.UNKNOWN_STATEMENT: "error.unknown_statement",
    actions.TOO_LONG: "error.too_long",
    actions.NOT_TEXT: "error.not_text",
    actions.MALFORMED: "error.malformed",
}
GENERAL_ERROR = "error.general"


@dataclass
class Choice:
    value: int
    label: Text
    checked: bool = False


@dataclass
class Question:
    statement_id: str
    text: Text
    name: str
    choices: list[Choice]
    error: Text | str = ""

    @property
    def dom_id(self) -> str:
        return f"q-{self.statement_id}"

    @property
    def first_input_id(self) -> str:
        return f"{self.dom_id}-{self.choices[0].value}"


@dataclass
class AnswerForm:
    """The questions of a round in the employee's language (kasam.pulse.languages: a text the language
    lacks is the Swedish, marked), with any previous choices and errors."""

    questions: list[Question]
    open_label: Text
    texts: Catalogue
    open_text: str = ""
    open_error: Text | str = ""
    idempotency_key: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    general_errors: list[Text] = field(default_factory=list)

    open_name = OPEN_FIELD
    key_name = KEY_FIELD
    open_max = OPEN_TEXT_MAX

    @classmethod
    def for_round(cls, statement_ids: list[str], texts: Catalogue | None = None) -> "AnswerForm":
        """The form of a round's statements; `texts` is the employee's language (default: the
        site's Swedish or English)."""
        texts = texts or catalogue("en" if (get_language() or "sv").startswith("en") else "sv")
        questions = []
        for statement_id in statement_ids:
            try:
                question_bank.get(statement_id)
            except KeyError:
                # A round always holds bank ids; an unknown one shows its id rather than break the page.
                text = Text(statement_id, texts.language)
            else:
                text = texts.text(f"statement.{statement_id}")
            scale, prefix = (
                (question_bank.HEALTH_SCALE, "health")
                if statement_id == question_bank.HEALTH_ID
                else (question_bank.AGREEMENT_SCALE, "agreement")
            )
            choices = [Choice(step.value, texts.text(f"{prefix}.{step.value}")) for step in scale]
            questions.append(Question(statement_id, text, STATEMENT_PREFIX + statement_id, choices))
        open_label = texts.text(f"open.{question_bank.OPEN_QUESTION.id}")
        return cls(questions=questions, open_label=open_label, texts=texts)

    @property
    def has_errors(self) -> bool:
        return bool(self.general_errors or self.open_error or any(q.error for q in self.questions))

    @property
    def error_list(self) -> list[tuple[str, str, str]]:
        """(anchor, question, message) for the error summary, in the order of the page."""
        items = [(f"#{q.first_input_id}", q.text, q.error) for q in self.questions if q.error]
        if self.open_error:
            items.append(("#q-open", self.open_label, self.open_error))
        items.extend(("", "", message) for message in self.general_errors)
        return items

    def bind(self, data: Mapping[str, str]) -> None:
        """Keep the submitted choices and text, so that the form shows them again."""
        for question in self.questions:
            chosen = data.get(question.name, "")
            for choice in question.choices:
                choice.checked = chosen == str(choice.value)
        self.open_text = str(data.get(OPEN_FIELD, ""))[: OPEN_TEXT_MAX * 2]
        key = data.get(KEY_FIELD, "")
        if isinstance(key, str) and key:
            # The same key again: a second press after an error is still one submission.
            self.idempotency_key = key[:100]

    def add_errors(self, errors: Mapping[str, str]) -> None:
        """Word submit()'s {field: code} errors on their questions; others go to the summary."""
        by_id = {q.statement_id: q for q in self.questions}
        for key, code in errors.items():
            message = self.texts.text(ERROR_MESSAGES.get(code, GENERAL_ERROR)).fill(limit=OPEN_TEXT_MAX)
            if key in by_id:
                by_id[key].error = message
            elif key == actions.OPEN_KEY:
                self.open_error = message
            elif message not in self.general_errors:
                self.general_errors.append(message)


def read_post(data) -> tuple[dict[str, str], str | None, str]:
    """submit()'s arguments from a POST: ({statement id: value}, open text or None, idempotency key).
    Every "s-…" field becomes an answer (an unknown id is then refused by submit()); a field given more
    than once counts as its last value."""
    answers: dict[str, str] = {}
    for name in data:
        if name.startswith(STATEMENT_PREFIX):
            if len(answers) >= MAX_STATEMENT_FIELDS:
                answers[name] = ""
                break
            answers[name[len(STATEMENT_PREFIX) :]] = data.get(name)
    open_text = data.get(OPEN_FIELD)
    key = data.get(KEY_FIELD) or ""
    return answers, open_text, key
