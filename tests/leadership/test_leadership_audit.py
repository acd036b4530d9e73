"""`kasam anonymity audit` on leadership releases: a release planted in the database that shows a
statement over too few answers, or that differs from the one before by one leader, is found."""

from datetime import date

import pytest

from kasam.leadership.models import ChecklistRelease


def release(used, answers=5, mean=3.2):
    return ChecklistRelease.objects.create(
        scope_id="SOC",
        year=2026,
        published_on=date(2026, 3, 1),
        leaders=len(used),
        k=5,
        figures=[{"slug": "tid", "answers": answers, "passes": True, "mean": mean, "high_share": 40.0}],
        used=[[leader, leader * 10, "v1"] for leader in used],
    )


@pytest.mark.django_db
def test_releases_that_keep_the_rules_pass(org, anonymity_audit):
    release(range(1, 12), answers=11)
    release(range(1, 17), answers=16)
    assert anonymity_audit() == (0, "No violations of the disclosure rules.\n")


@pytest.mark.django_db
def test_a_release_recomputed_over_one_leaver_is_found(org, anonymity_audit):
    """The leaver attack planted in the database: eleven leaders released, then the same ten."""
    release(range(1, 12), answers=11)
    release(range(1, 11), answers=10)
    code, out = anonymity_audit()
    assert code == 1
    assert "differs from the release before by fewer than k leaders [added (0), removed (1)]" in out


@pytest.mark.django_db
def test_a_statement_shown_over_too_few_answers_is_found(org, anonymity_audit):
    release(range(1, 12), answers=4)
    code, out = anonymity_audit()
    assert code == 1 and "a statement shown over fewer than k answers [tid (4)]" in out
