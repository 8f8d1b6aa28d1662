"""config/gunicorn.conf.py: what `make serve` runs gunicorn with, read from the environment."""

import os
import runpy
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT / "config" / "gunicorn.conf.py"
GUNICORN_VARIABLES = ("WEB_CONCURRENCY", "GUNICORN_BIND", "GUNICORN_TIMEOUT", "GUNICORN_CONTROL_SOCKET")


def load(monkeypatch, **env):
    for name in GUNICORN_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))


def test_workers_follow_the_cores_this_process_may_use(monkeypatch):
    conf = load(monkeypatch)
    assert conf["workers"] == 2 * len(os.sched_getaffinity(0)) + 1
    assert conf["bind"] == ["127.0.0.1:8000"]
    assert conf["wsgi_app"] == "config.wsgi:application"
    assert conf["accesslog"] == "-"
    assert conf["timeout"] == 30
    assert conf["graceful_timeout"] == 30
    assert conf["control_socket_disable"] is True


def test_the_environment_overrides_workers_bind_and_timeout(monkeypatch):
    conf = load(monkeypatch, WEB_CONCURRENCY="3", GUNICORN_BIND="0.0.0.0:9000,[::1]:9000", GUNICORN_TIMEOUT="12")
    assert conf["workers"] == 3
    assert conf["bind"] == ["0.0.0.0:9000", "[::1]:9000"]
    assert conf["timeout"] == 12


def test_gunicorn_accepts_the_file_and_loads_the_app():
    environment = {k: v for k, v in os.environ.items() if k not in GUNICORN_VARIABLES}
    environment.update(
        DEBUG="0", SECRET_KEY="s" * 20 + "-real-secret-from-the-environment-0123", REDIS_URL="redis://127.0.0.1:6379/3"
    )
    result = subprocess.run(
        [Path(sys.executable).parent / "gunicorn", "--config", CONF, "--check-config"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
