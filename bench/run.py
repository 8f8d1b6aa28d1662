"""`make bench`: the site's throughput in production mode on PostgreSQL, at 1,000 and 100,000 articles.

For each size it creates a database of its own on the local server, migrates it, loads the demo content and
that many scale articles (`seed_demo --scale`), collects static files, starts gunicorn with
config/gunicorn.conf.py in production mode (DEBUG=0, a generated SECRET_KEY, Redis for cache and sessions)
on a free port, warms it up, and drives each page with wrk. SQL queries per request are counted apart, with
Django's test client against the same database (bench/pages.py).

Every figure is also given as a share of the bare-Django floor (bench/floor/): a Django project whose one view
returns a fixed 8 KB page, served by the same gunicorn command line and measured the same way, before and after
each size and page-cache mode's pages (the machine's load drifts; the two show by how much). Then comes the mix
scenario (bench/mix.py): readers over 1,000 articles of the archive, the front and section lists and tag pages,
without and then with a returning reader commenting every few seconds, and a check that every commented page
shows its comments.

It prints one table and writes it to bench-results/latest.txt. Everything it starts is stopped on the way out,
Ctrl-C included, and its databases are dropped. It talks to 127.0.0.1 only.

Environment (all optional):
  BENCH_SIZES          comma-separated article counts                                      1000,100000
  BENCH_SECONDS        seconds of load per page, and for each run of the mix               10
  BENCH_WARMUP         seconds of load per page (and mix) before measuring                 2
  BENCH_THREADS        wrk threads                                                         2
  BENCH_CONNECTIONS    wrk connections (and the mix's warm-up pass's)                      16
  BENCH_TIMEOUT        seconds wrk waits for an answer before counting an error            10
  BENCH_CACHE          off | on | both: the page cache (PAGE_CACHE_SECONDS) off, on, or each in turn   both
  BENCH_COMMENT_EVERY  seconds between two comments of the mix's returning reader          3
  BENCH_PG             the PostgreSQL server, without a database name     postgres://postgres@127.0.0.1:5432
  BENCH_REDIS_DB       the Redis database number it may flush                              15
  BENCH_VARNISH        1 to serve every page and the mix through Varnish (deploy/varnish.vcl, purged on write)
  BENCH_REPLICA_PG     a streaming replica of BENCH_PG, without a database name (deploy/replica.sh): the
                       servers read from it (DATABASE_REPLICA_URLS); queries are still counted on BENCH_PG
  BENCH_KEEP_DB        1 to keep the databases afterwards (magazine_bench_<size>)
"""

import contextlib
import json
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import mix
import psycopg
import redis
import report
from server import HOST, Server

# The same Varnish the tests run, with deploy/varnish.vcl.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.varnish import Varnish

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench-results"

SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "1000,100000").split(",") if size.strip()]
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
TIMEOUT = int(os.environ.get("BENCH_TIMEOUT", "10"))
CACHE = os.environ.get("BENCH_CACHE", "both")
COMMENT_EVERY = float(os.environ.get("BENCH_COMMENT_EVERY", "3"))
PG_SERVER = os.environ.get("BENCH_PG", f"postgres://postgres@{HOST}:5432").rstrip("/")
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "15"))
REPLICA_PG = os.environ.get("BENCH_REPLICA_PG", "").rstrip("/")
VARNISH = os.environ.get("BENCH_VARNISH", "") == "1"
KEEP_DB = os.environ.get("BENCH_KEEP_DB") == "1"
FLOOR_APP = "bench.floor.wsgi:application"  # the floor (bench/floor/), on the site's gunicorn command line
# The mix's comments must all be accepted: one address posts them, far more often than a reader would.
COMMENTS_RATE_LIMIT = "1000/m"


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


def wrk(url, seconds, script=None, script_args=()):
    args = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", f"--timeout={TIMEOUT}s", "--latency"]
    if script:
        args += ["--script", script, url, "--", *script_args]
    else:
        args.append(url)
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def measure(url, script=None, script_args=()):
    """wrk's measures of `url` (or of what `script` asks for), after BENCH_WARMUP seconds of the same load."""
    if WARMUP:
        wrk(url, WARMUP, script, script_args)
    return parse_wrk(wrk(url, SECONDS, script, script_args))


def bench_size(size, floor, cleanup):
    """Load `size` articles into a fresh database, serve it, drive the floor, every page and the mix.

    Returns the table's rows, the load time and what became of the mix's comments, by page-cache mode.
    """
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
        "COMMENTS_RATE_LIMIT": COMMENTS_RATE_LIMIT,
        "DATABASE_REPLICA_URLS": "",  # not the shell's: the servers' own is below
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
    run([python, "bench/returning_reader.py"], env, logfile)
    # Queries per request are those of the page itself, so they are counted with the page cache off.
    pages = json.loads(run([python, "bench/pages.py"], env | cache_environment("off"), logfile, capture=True))
    mix_pages = json.loads(run([python, "bench/pages.py", "--mix"], env | cache_environment("off"), logfile, True))
    log(f"{size:,} articles: loaded in {load_seconds:.0f} s")
    rows, comments = [], {}
    for mode in cache_modes(CACHE):
        redis.Redis(host=HOST, port=6379, db=REDIS_DB).flushdb()
        replica = {"DATABASE_REPLICA_URLS": f"{REPLICA_PG}/{database}" if REPLICA_PG else ""}
        front = Varnish(workdir) if VARNISH else None
        purges = {"VARNISH_PURGE_URLS": front.url if front else ""}
        server = Server(env | cache_environment(mode) | replica | purges, logfile)
        cleanup.callback(server.stop)
        server.wait_until_up()
        if front:  # readers reach the site through Varnish, which the site purges on every write
            cleanup.callback(front.stop)
            front.start(server.port)
            server.base = front.url
            mode = f"{mode}+varnish"
        log(f"{size:,} articles, cache {mode}: serving at {server.base}; the floor first")
        floor_row = {"size": size, "cache": mode, "kind": "floor", "path": "/ (bench/floor), before", "queries": 0}
        rows.append(floor_row | measure(f"{floor.base}/"))
        for kind, page in pages.items():
            url = f"{server.base}{page['url']}"
            assert urlsplit(url).hostname == HOST
            row = {"size": size, "cache": mode, "kind": kind, "path": page["url"], "queries": page["queries"]}
            if page["status"] == 404:  # a page this branch does not have
                rows.append(row | {"rps": None})
                continue
            log(f"{size:,} articles, cache {mode}: {kind} {page['url']}")
            rows.append(row | measure(url))
        log(f"{size:,} articles, cache {mode}: the mix, {len(mix_pages['articles']):,} articles")
        readers, commented, comments[size, mode] = mix.run_mix(
            server.base, mix_pages, measure, workdir, COMMENT_EVERY, CONNECTIONS, random.Random(size)
        )
        row = {"size": size, "cache": mode, "queries": None}
        rows.append(row | {"kind": "mix", "path": f"readers, {len(mix_pages['articles']):,} articles"} | readers)
        rows.append(row | {"kind": "mix + comments", "path": f"a comment every {COMMENT_EVERY:g} s"} | commented)
        rows.append(floor_row | {"path": "/ (bench/floor), after"} | measure(f"{floor.base}/"))
        server.stop()
        if front:
            front.stop()
    return rows, load_seconds, comments


def drop_database(database):
    with admin_connection() as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


def header(loads, workers):
    """The lines above the table: when, what, how it was driven, and how busy the machine was."""
    return [
        f"make bench · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · commit {git_commit()} · BENCH_CACHE={CACHE} · "
        f"LIST_COUNT_CACHE_SECONDS={os.environ.get('LIST_COUNT_CACHE_SECONDS', 'the site default')} · "
        f"replica {REPLICA_PG or 'none'}",
        f"wrk {THREADS} threads, {CONNECTIONS} connections, {SECONDS} s per page after {WARMUP} s warm-up · "
        f"gunicorn {workers} sync workers · {os.cpu_count()} cores shared by wrk, gunicorn and PostgreSQL",
        "floor: bench/floor, one Django view returning a fixed 8 KB page (no database, template or middleware), "
        "same gunicorn command line, measured before and after each size and cache mode's pages; "
        "'vs floor' is the share of their mean",
        f"mix: {mix.SHARES_TOLD}; a warm-up pass over every page first; "
        f"'mix + comments': a returning reader comments every {COMMENT_EVERY:g} s on one of the articles",
        "load time (seed_demo --scale): " + ", ".join(f"{size:,} articles {sec:.0f} s" for size, sec in loads.items()),
        "machine load average (1, 5, 15 min) at the end: " + ", ".join(f"{load:.2f}" for load in os.getloadavg()),
    ]


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
    rows, loads, comments = [], {}, {}
    with contextlib.ExitStack() as cleanup:
        (RESULTS / "bench-floor.log").write_text("")
        floor = Server(dict(os.environ), RESULTS / "bench-floor.log", FLOOR_APP, probe="/")
        cleanup.callback(floor.stop)
        floor.wait_until_up()
        for size in SIZES:
            with contextlib.ExitStack() as size_cleanup:
                size_rows, loads[size], size_comments = bench_size(size, floor, size_cleanup)
                rows += size_rows
                comments |= size_comments
    result = report.table(header(loads, gunicorn_workers()), rows, comments)
    (RESULTS / "latest.txt").write_text(result)
    print(result, end="")


if __name__ == "__main__":
    main()
