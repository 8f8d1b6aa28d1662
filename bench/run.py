"""`make bench`: the site's throughput in production mode on PostgreSQL, at 1,000 and 100,000 articles.

For each size it creates a database of its own on the local server, migrates it, loads the demo content and
that many scale articles (`seed_demo --scale`), collects static files, starts gunicorn with
config/gunicorn.conf.py in production mode (DEBUG=0, a generated SECRET_KEY, Redis for cache and sessions)
on a free port, warms it up, and drives each page with wrk. SQL queries per request are counted apart, with
Django's test client against the same database (bench/pages.py). It prints one table and writes it to
bench-results/latest.txt. Everything it starts is stopped on the way out, Ctrl-C included, and its
databases are dropped. It talks to 127.0.0.1 only.

Environment (all optional):
  BENCH_SIZES        comma-separated article counts                         1000,100000
  BENCH_SECONDS      seconds of load per page                               10
  BENCH_WARMUP       seconds of load per page before measuring              2
  BENCH_THREADS      wrk threads                                            2
  BENCH_CONNECTIONS  wrk connections                                        16
  BENCH_TIMEOUT      seconds wrk waits for an answer before counting an error 10
  BENCH_CACHE        off | on | both: the page cache (PAGE_CACHE_SECONDS) off, on, or each in turn        both
  BENCH_PG           the PostgreSQL server, without a database name         postgres://postgres@127.0.0.1:5432
  BENCH_REDIS_DB     the Redis database number it may flush                 15
  BENCH_KEEP_DB      1 to keep the databases afterwards (magazine_bench_<size>)
"""

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench-results"
HOST = "127.0.0.1"

SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "1000,100000").split(",") if size.strip()]
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", "10"))
CACHE = os.environ.get("BENCH_CACHE", "both")
PG_SERVER = os.environ.get("BENCH_PG", f"postgres://postgres@{HOST}:5432").rstrip("/")
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "15"))
KEEP_DB = os.environ.get("BENCH_KEEP_DB") == "1"


def cache_modes(setting):
    """The page-cache modes BENCH_CACHE asks for, in the order they run."""
    modes = {"off": ["off"], "on": ["on"], "both": ["off", "on"]}
    if setting not in modes:
        raise SystemExit(f"BENCH_CACHE must be off, on or both, not {setting!r}")
    return modes[setting]


def cache_environment(mode):
    """What a page-cache mode adds to the server's environment."""
    return {"PAGE_CACHE_SECONDS": "0" if mode == "off" else "600"}


def log(message):
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def ensure_wrk():
    if not shutil.which("wrk"):
        log("installing wrk (Debian package)")
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, stdout=subprocess.DEVNULL)


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def admin_connection():
    return psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True)


def run(args, env, logfile, capture=False):
    """Run a command in the project with `env`; its output goes to `logfile` (stdout returned if `capture`)."""
    with open(logfile, "a") as out:
        out.write(f"\n$ {' '.join(map(str, args))}\n")
        out.flush()
        stdout = subprocess.PIPE if capture else out
        result = subprocess.run(args, cwd=ROOT, env=env, stdout=stdout, stderr=out, check=True, text=True)
        return result.stdout


def parse_duration(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def parse_wrk(output):
    """requests/s, p50 and p99 in ms, and errors (non-2xx/3xx answers plus socket errors) from wrk --latency."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    p50 = parse_duration(re.search(r"^\s+50%\s+(\S+)", output, re.M)[1])
    p99 = parse_duration(re.search(r"^\s+99%\s+(\S+)", output, re.M)[1])
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": rps, "p50": p50, "p99": p99, "errors": errors + (int(non_2xx[1]) if non_2xx else 0)}


def wrk(url, seconds):
    args = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", f"--timeout={TIMEOUT}s", "--latency", url]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


class Server:
    """gunicorn in production mode, in a process group of its own, stopped however the bench ends."""

    def __init__(self, env, logfile):
        self.port = free_port()
        self.base = f"http://{HOST}:{self.port}"
        env = {**env, "GUNICORN_BIND": f"{HOST}:{self.port}"}
        self.log = open(logfile, "a")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [BIN / "gunicorn", "--config", "config/gunicorn.conf.py"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

    def wait_until_up(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}; see {self.log.name}")
            with contextlib.suppress(OSError), urllib.request.urlopen(f"{self.base}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer /healthz within {timeout} s; see {self.log.name}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def bench_size(size, cleanup):
    """Load `size` articles into a fresh database, serve it, drive every page; return the table's rows."""
    database = f"magazine_bench_{size}"
    workdir = Path(tempfile.mkdtemp(prefix=f"magazine-bench-{size}-"))
    cleanup.callback(shutil.rmtree, workdir, ignore_errors=True)
    logfile = RESULTS / f"bench-{size}.log"
    logfile.write_text("")
    with admin_connection() as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {database}")
    if not KEEP_DB:
        cleanup.callback(drop_database, database)
    redis.Redis(host=HOST, port=6379, db=REDIS_DB).flushdb()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"{PG_SERVER}/{database}",
        "REDIS_URL": f"redis://{HOST}:6379/{REDIS_DB}",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "ALLOWED_HOSTS": HOST,
        "CONN_MAX_AGE": "60",
    }
    python = BIN / "python"
    log(f"{size:,} articles: migrating {database}")
    run([python, "manage.py", "migrate", "--noinput"], env, logfile)
    log(f"{size:,} articles: loading")
    started = time.monotonic()
    run([python, "manage.py", "seed_demo", "--scale", str(size), "--verbosity", "0"], env, logfile)
    load_seconds = time.monotonic() - started
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")  # as autovacuum would soon: fresh statistics, index-only scans
    run([python, "manage.py", "collectstatic", "--noinput"], env, logfile)
    # Queries per request are those of the page itself, so they are counted with the page cache off.
    pages = json.loads(run([python, "bench/pages.py"], env | cache_environment("off"), logfile, capture=True))
    log(f"{size:,} articles: loaded in {load_seconds:.0f} s")
    rows = []
    for mode in cache_modes(CACHE):
        redis.Redis(host=HOST, port=6379, db=REDIS_DB).flushdb()
        server = Server(env | cache_environment(mode), logfile)
        cleanup.callback(server.stop)
        server.wait_until_up()
        log(f"{size:,} articles, cache {mode}: serving at {server.base}")
        for kind, page in pages.items():
            url = f"{server.base}{page['url']}"
            assert urlsplit(url).hostname == HOST
            row = {"size": size, "cache": mode, "kind": kind, "path": page["url"], "queries": page["queries"]}
            if page["status"] == 404:  # a page this branch does not have
                rows.append(row | {"rps": None})
                continue
            if WARMUP:
                wrk(url, WARMUP)
            log(f"{size:,} articles, cache {mode}: {kind} {page['url']}")
            rows.append(row | parse_wrk(wrk(url, SECONDS)))
        server.stop()
    return rows, load_seconds


def drop_database(database):
    with admin_connection() as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


def table(rows, loads, workers):
    lines = [
        f"make bench · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · commit {git_commit()} · BENCH_CACHE={CACHE} · "
        f"LIST_COUNT_CACHE_SECONDS={os.environ.get('LIST_COUNT_CACHE_SECONDS', '0')}",
        f"wrk {THREADS} threads, {CONNECTIONS} connections, {SECONDS} s per page after {WARMUP} s warm-up · "
        f"gunicorn {workers} sync workers · {os.cpu_count()} cores shared by wrk, gunicorn and PostgreSQL",
        "load time (seed_demo --scale): " + ", ".join(f"{size:,} articles {sec:.0f} s" for size, sec in loads.items()),
        "machine load average (1, 5, 15 min) at the end: " + ", ".join(f"{load:.2f}" for load in os.getloadavg()),
        "",
        f"{'articles':>8}  {'cache':5}  {'page':13}  {'path':34}  {'req/s':>7}  {'p50 ms':>7}  {'p99 ms':>7}  "
        f"{'errors':>6}  {'queries':>7}  {'vs healthz':>10}",
    ]
    healthz = {(row["size"], row["cache"]): row["rps"] for row in rows if row["kind"] == "healthz"}
    for row in rows:
        start = f"{row['size']:>8,}  {row['cache']:5}  {row['kind']:13}  {row['path'][:34]:34}"
        if row["rps"] is None:
            lines.append(f"{start}  {'n/a':>7}  {'n/a':>7}  {'n/a':>7}  {'n/a':>6}  {'n/a':>7}  {'n/a':>10}")
            continue
        base = healthz.get((row["size"], row["cache"]))
        ratio = row["rps"] / base if base else float("nan")
        lines.append(
            f"{start}  {row['rps']:7.1f}  {row['p50']:7.1f}  {row['p99']:7.1f}  {row['errors']:6d}  "
            f"{row['queries']:7d}  {ratio:10.2f}"
        )
    lines += ["", *size_comparison(rows)]
    return "\n".join(lines) + "\n"


def size_comparison(rows):
    """How much slower each page is at the largest size than at the smallest, by requests/s (the 1.2x target)."""
    sizes = sorted({row["size"] for row in rows})
    if len(sizes) < 2:
        return []
    small, large = sizes[0], sizes[-1]
    rps = {(row["size"], row["cache"], row["kind"]): row["rps"] for row in rows}
    lines = [f"slowdown {large:,} vs {small:,} articles (req/s at {small:,} / req/s at {large:,}; target <= 1.20)"]
    for (size, mode, kind), value in rps.items():
        other = rps.get((large, mode, kind))
        if size == small and value and other:
            lines.append(f"  cache {mode:3}  {kind:13}  {value / other:5.2f}")
    return lines


def git_commit():
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True)
    return result.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


def gunicorn_workers():
    conf = {}
    exec((ROOT / "config" / "gunicorn.conf.py").read_text(), conf)
    return conf["workers"]


def main():
    if urlsplit(PG_SERVER).hostname != HOST:
        raise SystemExit(f"BENCH_PG must point at {HOST}, not {PG_SERVER}")
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):  # unwind through the cleanups below
        signal.signal(signum, lambda signum, frame: sys.exit(128 + signum))
    cache_modes(CACHE)
    ensure_wrk()
    RESULTS.mkdir(exist_ok=True)
    rows, loads = [], {}
    for size in SIZES:
        with contextlib.ExitStack() as cleanup:
            size_rows, loads[size] = bench_size(size, cleanup)
            rows += size_rows
    result = table(rows, loads, gunicorn_workers())
    (RESULTS / "latest.txt").write_text(result)
    print(result, end="")


if __name__ == "__main__":
    main()
