"""Secure by default in production: with DEBUG=false and only SECRET_KEY and ALLOWED_HOSTS set – or with
the environment docs/operations.md documents, or .env.example as it stands – Django's deployment check
passes (HTTPS redirect, HSTS, Secure cookies); one explicit setting, KASAM_INSECURE_HTTP=true, turns
them off and the check warns about it. A weak KASAM_TOKEN_KEY is an error. The SQLite database and the
data directory are created readable by their owner only."""

import json
import os
import re
import secrets
import stat
import string
import subprocess
from pathlib import Path

import pytest
from kasam_process import clean_env, kasam_executable, run_kasam, run_python

from kasam.core.deploy_checks import weak_token_key

REPO = Path(__file__).resolve().parents[2]


def random_key(length: int = 50) -> str:
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(length))


MINIMAL = {"DEBUG": "false", "ALLOWED_HOSTS": "kasam.example.org"}


def check_deploy(tmp_path, **env):
    return run_kasam(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **env)


def test_the_minimal_production_environment_passes_the_deployment_check(tmp_path):
    result = check_deploy(tmp_path, **MINIMAL, SECRET_KEY=random_key())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_plain_http_must_be_asked_for_and_the_deployment_check_warns_about_it(tmp_path):
    result = check_deploy(tmp_path, **MINIMAL, SECRET_KEY=random_key(), KASAM_INSECURE_HTTP="true")
    assert result.returncode != 0
    assert "kasam.W010" in result.stderr and "KASAM_INSECURE_HTTP=true" in result.stderr
    # What it turned off, as Django's own checks see it.
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stderr, check


def documented_environment() -> dict[str, str]:
    """The production environment of docs/operations.md ("Then set at least these …"), with real keys
    for the placeholders and SQLite instead of the PostgreSQL server the check never connects to."""
    text = (REPO / "docs" / "operations.md").read_text(encoding="utf-8")
    block = re.search(r"Then set at least these.*?```sh\n(.*?)```", text, re.S).group(1)
    env = dict(line.split("=", 1) for line in block.splitlines() if "=" in line and not line.startswith("#"))
    assert {"SECRET_KEY", "KASAM_TOKEN_KEY", "ALLOWED_HOSTS", "DEBUG", "BEHIND_PROXY"} <= env.keys()
    env.update(SECRET_KEY=random_key(), KASAM_TOKEN_KEY=secrets.token_urlsafe(32))
    for name in ("DATABASE_URL", "KASAM_VAR_DIR"):
        env.pop(name)
    return env


def example_environment() -> dict[str, str]:
    """.env.example as it is, with a SECRET_KEY (it leaves that empty) and a real host name."""
    text = (REPO / ".env.example").read_text(encoding="utf-8")
    env = dict(re.findall(r"^([A-Z][A-Z0-9_]*)=(.*)$", text, flags=re.M))
    env.update(SECRET_KEY=random_key(), ALLOWED_HOSTS="kasam.example.org")
    env.pop("KASAM_VAR_DIR")
    return env


@pytest.mark.parametrize("environment", [documented_environment, example_environment])
def test_the_documented_production_environment_passes_the_deployment_check(tmp_path, environment):
    result = check_deploy(tmp_path, **environment())
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "key", ["short-key", "…32 random characters…", "a" * 64, "abababababababababababababababab", "change-me"]
)
def test_a_weak_token_key_is_an_error_outside_debug(tmp_path, key):
    result = run_kasam(tmp_path, "check", **MINIMAL, SECRET_KEY=random_key(), KASAM_TOKEN_KEY=key)
    assert result.returncode != 0
    assert "kasam.E011" in result.stderr and "KASAM_TOKEN_KEY is weak" in result.stderr
    assert key not in result.stderr  # the key itself is never printed
    relaxed = run_kasam(tmp_path, "check", DEBUG="true", SECRET_KEY=random_key(), KASAM_TOKEN_KEY=key)
    assert relaxed.returncode == 0, relaxed.stderr


def test_a_random_token_key_or_none_is_not_weak():
    assert weak_token_key(secrets.token_urlsafe(32)) is None
    assert weak_token_key(secrets.token_hex(32)) is None
    assert weak_token_key("") is None  # derived from SECRET_KEY


def test_the_sqlite_database_and_the_data_directory_are_created_private(tmp_path):
    var = tmp_path / "var"
    result = subprocess.run(
        [kasam_executable(), "migrate", "--verbosity", "0"],
        env=clean_env(tmp_path, SECRET_KEY=random_key()),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=180,
        umask=0o022,
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(var.stat().st_mode) == 0o700
    files = [path for path in var.iterdir() if path.name.startswith("kasam.sqlite3")]
    assert Path(var / "kasam.sqlite3") in files
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_a_database_made_readable_by_others_is_tightened_when_kasam_opens_it(tmp_path):
    first = run_kasam(tmp_path, "migrate", "--verbosity", "0")
    assert first.returncode == 0, first.stderr
    database = tmp_path / "var" / "kasam.sqlite3"
    os.chmod(database, 0o644)
    again = run_kasam(tmp_path, "migrate", "--verbosity", "0")
    assert again.returncode == 0, again.stderr
    assert stat.S_IMODE(database.stat().st_mode) == 0o600


def test_kasam_serve_asks_for_the_default_roles_and_exempts_demo_logins(tmp_path):
    code = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps([sorted(s.KASAM_MFA_REQUIRED_ROLES), s.KASAM_MFA_EXEMPT_DEMO_LOGINS]))"
    )
    result = run_python(tmp_path, code)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [["admin", "health_strategist", "hr", "leadership"], True]
    named = run_python(tmp_path, code, KASAM_MFA_REQUIRED_ROLES="hr")
    assert json.loads(named.stdout) == [["hr"], False]
