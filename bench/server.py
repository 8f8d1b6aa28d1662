"""gunicorn for `make bench`, serving the site or the floor on a free port of 127.0.0.1."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn in production mode, in a process group of its own, stopped however the bench ends.

    It serves the site, or `app` (a WSGI application's dotted path, as gunicorn takes it) with the same settings.
    """

    def __init__(self, env, logfile, app=None, probe="/healthz"):
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.probe = probe
        env = {**env, "GUNICORN_BIND": f"{HOST}:{self.port}"}
        self.log = open(logfile, "a")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [BIN / "gunicorn", "--config", "config/gunicorn.conf.py", *([app] if app else [])],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

    def wait_until_up(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}; see {self.log.name}")
            with contextlib.suppress(OSError), urllib.request.urlopen(self.base + self.probe, timeout=2) as answer:
                if answer.status == 200:
                    return
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer {self.probe} within {timeout} s; see {self.log.name}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
