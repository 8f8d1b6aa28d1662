"""The site served as in production, for tests that need real processes: gunicorn, DEBUG=0, Redis.

`ServedSite` migrates a database of its own, collects static files, runs `manage.py` commands in the same
environment and starts gunicorn with config/gunicorn.conf.py on a free port of 127.0.0.1. `Reader` is one
browser: its own cookies, and forms posted back as the page rendered them. `ServedSite.another_host()` is a
second web host of the same site (same database, Redis, SECRET_KEY and media), as behind a load balancer.
"""

import contextlib
import http.cookiejar
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import psycopg
import redis

from tests.forms import form_values

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
# Flushed by these tests (SERVED_REDIS_DB, to run them beside others on one Redis); the page-cache bench uses 15.
REDIS_DB = int(os.environ.get("SERVED_REDIS_DB", "14"))


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


PG_SERVER = "postgres://postgres@127.0.0.1:5432"


@contextlib.contextmanager
def postgres_database(name):
    """A new, empty database `name` on the local PostgreSQL for a served site, dropped afterwards; its URL."""

    def drop():
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    drop()
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        drop()


class ServedProcess:
    """A server in a process group of its own, logging to `self.log`: up once its /healthz answers 200."""

    process = None

    def launch(self, args, **popen):
        self.log_file = open(self.log, "a")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            args, stdout=self.log_file, stderr=subprocess.STDOUT, start_new_session=True, **popen
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()[-3000:]
            with contextlib.suppress(OSError), urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return self
            time.sleep(0.3)
        raise AssertionError(f"{Path(args[0]).name} did not answer /healthz: {self.log.read_text()[-3000:]}")

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            self.log_file.close()


class ServedSite(ServedProcess):
    def __init__(self, workdir, database_url, workers=4, **env):
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.workdir = Path(workdir)
        self.log = self.workdir / f"gunicorn-{self.port}.log"
        self.first_host = True
        inherited = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEBUG", "PYTEST"))}
        self.env = (
            inherited
            | {
                "DEBUG": "0",
                "SECRET_KEY": "served-test-site-secret-key-0123456789-abcdefghij",
                "DATABASE_URL": database_url,
                "REDIS_URL": f"redis://{HOST}:6379/{REDIS_DB}",
                "MEDIA_ROOT": str(self.workdir / "media"),
                "STATIC_ROOT": str(self.workdir / "static"),
                "SITE_URL": self.url,
                "ALLOWED_HOSTS": HOST,
                "SESSION_COOKIE_SECURE": "0",
                "CSRF_COOKIE_SECURE": "0",
                "WEB_CONCURRENCY": str(workers),
                "GUNICORN_BIND": f"{HOST}:{self.port}",
                "GUNICORN_LOG_LEVEL": "warning",
            }
            | env
        )
        self.process = None

    def another_host(self, **env):
        """One more web host of this site: its own port and gunicorn, everything else shared (`env` adds to it).

        Start it after this one: like a host joining a running site, it neither migrates nor flushes Redis.
        """
        shared = {name: value for name, value in self.env.items() if name != "GUNICORN_BIND"}  # SITE_URL is one
        host = ServedSite(self.workdir, shared["DATABASE_URL"], **shared | env)
        host.first_host = False
        return host

    def manage(self, *args):
        """Run a manage.py command in the site's environment; its output."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def python(self, code):
        """Run Python code with Django set up against the site's database; what it prints."""
        return self.manage("shell", "--no-imports", "-c", code)

    def start(self):
        if self.first_host:
            redis.Redis.from_url(self.env["REDIS_URL"]).flushdb()
            self.manage("migrate", "--noinput", "--verbosity", "0")
            self.manage("collectstatic", "--noinput", "--verbosity", "0")
        return self.launch([BIN / "gunicorn", "--config", "config/gunicorn.conf.py"], cwd=ROOT, env=self.env)

    def server_errors(self):
        """Lines of gunicorn's log that tell of a server error (the access log shows every request's status)."""
        return [line for line in self.log.read_text().splitlines() if '" 50' in line or "Traceback" in line]


class Reader:
    """One browser: keeps its cookies, fetches pages and posts their forms back."""

    def __init__(self, site, headers=None):
        self.site = site
        self.headers = headers or {}
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def at(self, site):
        """The same browser, its cookies included, sent to another host of the site (as a load balancer would)."""
        other = Reader(site, self.headers)
        other.opener = self.opener
        return other

    def request(self, path, data=None, files=None):
        """(status, body) of a GET, or of a POST when `data` is given; redirects are not followed.

        `files` ({name: (filename, bytes, content type)}) sends the form as multipart/form-data, as a file input does.
        """
        headers = dict(self.headers)
        if files:
            body, headers["Content-Type"] = multipart(data or {}, files)
        else:
            body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.site.url + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=60) as answer:
                self.headers_received = answer.headers
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            self.headers_received = error.headers
            return error.code, error.read().decode()

    def post_form(self, path, selector, files=None, **fields):
        """Fetch `path`, fill the form matching `selector` with `fields` (and `files`) and send it; (status, body)."""
        status, page = self.request(path)
        assert status == 200, page[:500]
        form = form_values(page, selector) | fields
        return self.request(path.split("?")[0], form, files)


def multipart(data, files):
    """(body, Content-Type) of a multipart/form-data post of the fields `data` and the files `files`."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, values in data.items():
        for value in values if isinstance(values, list) else [values]:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
