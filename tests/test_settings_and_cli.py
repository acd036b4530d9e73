"""The `kasam` command and the environment-driven settings, each checked in a fresh process so that the
test settings (fixtures, DATABASE_URL of a PostgreSQL run) cannot leak into what is tested."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kasam.settings

REPO = Path(__file__).resolve().parents[1]
SETTINGS_FILE = Path(kasam.settings.__file__)
ENV_EXAMPLE = REPO / ".env.example"

# The sub-commands an administrator is promised by README and docs.
EXPECTED_COMMANDS = ["demo", "generate", "import", "migrate"]

# Variables a test process may have set that change what the settings module computes.
SETTINGS_ENV = ["DATABASE_URL", "KASAM_VAR_DIR", "SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"]


def kasam_executable() -> str:
    beside_python = Path(sys.executable).with_name("kasam")
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("kasam")
    assert found, "the `kasam` command is not installed: run `make install`"
    return found


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS_ENV}
    env.update({"KASAM_VAR_DIR": str(tmp_path / "var"), "DJANGO_SETTINGS_MODULE": "kasam.settings"})
    env.update(extra)
    return env


def settings_in_fresh_process(tmp_path: Path, **env: str) -> dict:
    code = (
        "import json; from django.conf import settings; db = settings.DATABASES['default']; "
        "print(json.dumps({'engine': db['ENGINE'], 'name': str(db['NAME']), 'host': db.get('HOST', ''), "
        "'port': db.get('PORT', ''), 'user': db.get('USER', ''), "
        "'language': settings.LANGUAGE_CODE, 'time_zone': settings.TIME_ZONE, "
        "'hashers': settings.PASSWORD_HASHERS, 'debug': settings.DEBUG}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=clean_env(tmp_path, **env),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_kasam_help_lists_the_commands(tmp_path):
    result = subprocess.run(
        [kasam_executable(), "--help"],
        env=clean_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    listed = set(re.findall(r"^\s{2}(\S+)", result.stdout, flags=re.MULTILINE))
    missing = [name for name in EXPECTED_COMMANDS if name not in listed]
    assert not missing, f"`kasam --help` does not list {missing}:\n{result.stdout}"


def test_an_unknown_command_is_refused_in_one_line(tmp_path):
    result = subprocess.run(
        [kasam_executable(), "nosuch"],
        env=clean_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "kasam: unknown command 'nosuch'; `kasam --help` lists the commands."
    ]


def test_default_database_is_sqlite_under_the_var_dir(tmp_path):
    values = settings_in_fresh_process(tmp_path)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert Path(values["name"]) == tmp_path / "var" / "kasam.sqlite3"


def test_database_url_selects_postgresql(tmp_path):
    values = settings_in_fresh_process(
        tmp_path, DATABASE_URL="postgres://kasam:secret@db.example.org:5433/kasam"
    )
    assert values["engine"] == "django.db.backends.postgresql"
    assert (values["name"], values["host"], values["port"], values["user"]) == (
        "kasam",
        "db.example.org",
        5433,
        "kasam",
    )


def test_swedish_defaults_and_argon2(tmp_path):
    values = settings_in_fresh_process(tmp_path)
    assert values["language"] == "sv"
    assert values["time_zone"] == "Europe/Stockholm"
    assert values["hashers"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert values["debug"] is False


@pytest.mark.parametrize("value, expected", [("true", True), ("1", True), ("false", False), ("", False)])
def test_debug_comes_from_the_environment(tmp_path, value, expected):
    assert settings_in_fresh_process(tmp_path, DEBUG=value)["debug"] is expected


def env_names_read_by_settings() -> set[str]:
    source = SETTINGS_FILE.read_text(encoding="utf-8")
    patterns = [
        r"os\.environ\.get\(\s*[\"']([A-Z0-9_]+)[\"']",
        r"os\.environ\[\s*[\"']([A-Z0-9_]+)[\"']\s*\]",
        r"os\.getenv\(\s*[\"']([A-Z0-9_]+)[\"']",
        r"\benv_[a-z_]+\(\s*[\"']([A-Z0-9_]+)[\"']",
    ]
    return {name for pattern in patterns for name in re.findall(pattern, source)}


def env_names_in_example() -> set[str]:
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def test_every_environment_variable_is_in_env_example():
    read = env_names_read_by_settings()
    # The parser must find what settings.py obviously reads, or this test proves nothing.
    assert {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "KASAM_VAR_DIR"} <= read
    undocumented = sorted(read - env_names_in_example())
    assert not undocumented, f".env.example lacks (uncommented) entries for {undocumented}"
