"""The audit log's details in words: the page showed the stored keys and Python's dicts ("cutoffs:
{'pulse_answers': '2023-11-25'}", "dry_run: False") – English in a Swedish page."""

from django.utils import translation

from kasam.audit.details import LABELS, detail_text


def test_an_imports_detail_reads_in_swedish():
    detail = {
        "kind": "units",
        "file": "units.csv",
        "saved": True,
        "dry_run": False,
        "changed": ["U001", "U002"],
        "bytes": 2695,
        "scope": "organisation",
    }
    with translation.override("sv"):
        assert detail_text(detail) == (
            "byte: 2\u202f695; ändrade: U001, U002; provkörning: nej; fil: units.csv; typ: enheter; "
            "sparad: ja; omfattning: hela organisationen"
        )


def test_retention_and_a_login_read_in_swedish_and_english():
    purge = {"cutoffs": {"pulse_answers": "2023-11-25"}, "counts": {"pulse_free_text": 404, "absences": 0}}
    login = {"methods": ["password", "mfa"], "role": "hr", "subject_username": "ny-hr"}
    with translation.override("sv"):
        assert detail_text(purge) == (
            "raderat: frånvaro 0, pulskommentarer 404; raderat till och med: pulssvar 25 november 2023"
        )
        assert detail_text(login) == "hur: lösenord, andra faktor; roll: HR; konto: ny-hr"
    with translation.override("en"):
        assert detail_text(login) == "how: password, second factor; role: HR; account: ny-hr"


def test_every_name_has_a_swedish_word_of_its_own():
    with translation.override("sv"):
        same_in_swedish = {"via", "period", "version", "format", "signal", "status"}
        untranslated = [
            key for key, text in LABELS.items() if str(text) == key and key not in same_in_swedish
        ]
    assert untranslated == []
