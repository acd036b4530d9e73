"""Publishing releases (kasam.releases): only ended periods, immutable, corrections as new versions,
the ledger written with the release, and the command line's contract."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kasam.audit.models import AuditEntry
from kasam.releases import publish as publishing
from kasam.releases.models import ImmutableError, LedgerCell, Release
from kasam.releases.publish import Built, Cell, ReleaseError, latest, publish

SEEN: list = []


def fake_build(period, earlier):
    SEEN.append((period.code, sorted((r.period, r.version) for r in earlier)))
    return Built(
        figures={"SOC": {"sick_leave_pct": 5.5}},
        roots=["SOC"],
        cells=[Cell("SOC", "all", 40, {"primary": True})],
        settings={"definition": "test"},
    )


@pytest.fixture
def fake(monkeypatch, db, settings):
    settings.KASAM_TODAY = date(2026, 12, 7)
    SEEN.clear()
    monkeypatch.setitem(publishing.BUILDERS, Release.Kind.SICK_LEAVE, f"{__name__}.fake_build")


def test_a_release_is_published_with_its_ledger_and_audited(fake):
    release = publish("sick-leave", "2026-T1")
    assert (release.period, release.version, release.figures) == (
        "2026-T1",
        1,
        {"SOC": {"sick_leave_pct": 5.5}},
    )
    assert list(LedgerCell.objects.filter(release=release).values_list("unit_id", "cell", "size")) == [
        ("SOC", "all", 40.0)
    ]
    assert AuditEntry.objects.filter(action="publish_release", detail__period="2026-T1").exists()


def test_the_builder_is_given_the_nesting_releases_and_a_correction_is_a_new_version(fake):
    publish("sick-leave", "2026-T1")
    publish("sick-leave", "2026-T2")
    again = publish("sick-leave", "2026-T1")
    assert again.version == 2
    assert SEEN == [
        ("2026-T1", []),
        ("2026-T2", [("2026-T1", 1)]),
        ("2026-T1", [("2026-T1", 1), ("2026-T2", 1)]),
    ]
    assert latest("sick-leave").period == "2026-T2"
    assert latest("sick-leave", until=again.end).version == 2


def test_a_release_is_never_changed_or_deleted(fake):
    release = publish("sick-leave", "2025")
    release.figures = {}
    with pytest.raises(ImmutableError):
        release.save()
    with pytest.raises(ImmutableError):
        Release.objects.filter(pk=release.pk).update(figures={})
    with pytest.raises(ImmutableError):
        Release.objects.all().delete()
    with pytest.raises(ImmutableError):
        LedgerCell.objects.all().delete()


@pytest.mark.parametrize(
    ("kind", "code", "reason"),
    [
        ("sick-leave", "2026", "has not ended"),
        ("sick-leave", "2026-T4", "not a period"),
        ("cake", "2025", "no release kind"),
    ],
)
def test_what_cannot_be_published_says_why(fake, kind, code, reason):
    with pytest.raises(ReleaseError, match=reason):
        publish(kind, code)
    with pytest.raises(CommandError, match=reason):
        call_command("release", "publish", "--kind", kind, "--period", code)


def test_the_command_prints_json_only(fake):
    out = StringIO()
    call_command(
        "release", "publish", "--kind", "sick-leave", "--period", "2025-T2", "--format", "json", stdout=out
    )
    printed = json.loads(out.getvalue())
    assert (printed["period"], printed["version"], printed["units_shown"]) == ("2025-T2", 1, 1)
    out = StringIO()
    call_command("release", "list", "--format", "json", stdout=out)
    assert [row["period"] for row in json.loads(out.getvalue())] == ["2025-T2"]
