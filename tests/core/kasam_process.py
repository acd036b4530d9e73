"""Running `kasam` (or Python with Kasam's settings) in a fresh process, with the test process's
database and settings variables removed, so that what is tested is what an operator gets."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

# Variables a test process may have set that change what the settings module computes or what Django
# checks (tests/e2e/conftest.py sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright, which --deploy refuses).
SETTINGS_ENV = [
    "DATABASE_URL",
    "KASAM_VAR_DIR",
    "SECRET_KEY",
    "DEBUG",
    "DJANGO_SETTINGS_MODULE",
    "KASAM_LOG_FORMAT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
]


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


def run_kasam(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [kasam_executable(), *args],
        env=clean_env(tmp_path, **env),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=180,
    )


def run_python(tmp_path: Path, code: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        env=clean_env(tmp_path, **env),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
