import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env):
    environment = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("secret", ["", "short", "django-insecure-0123456789abcdefghijklmnopqrstuvwxyz"])
def test_production_refuses_to_start_without_a_real_secret_key(secret):
    result = run_check(DEBUG="0", SECRET_KEY=secret)
    assert result.returncode != 0
    assert "SECRET_KEY is missing or not a real secret while DEBUG is off" in result.stderr


def test_production_starts_with_a_real_secret_key():
    result = run_check(DEBUG="0", SECRET_KEY="a" * 20 + "-real-secret-from-the-environment-0123")
    assert result.returncode == 0, result.stderr


def test_development_starts_without_a_secret_key():
    assert run_check(DEBUG="1").returncode == 0
