"""Gunicorn settings for `make serve`: production mode, every knob read from the environment.

Workers are processes running one request at a time (the sync worker): Django's ORM and templates are
CPU-bound Python, so the usual 2 x cores + 1 keeps every core busy while some workers wait on PostgreSQL.
"""

import os


def cpu_count():
    """The cores this process may run on (a container's CPU set, not the host's every core)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "config.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = env_int("WEB_CONCURRENCY", 2 * cpu_count() + 1)

# A request running longer than this is killed and the worker replaced; a proxy should time out first.
timeout = env_int("GUNICORN_TIMEOUT", 30)
# On SIGTERM or a restart, workers finish the requests in hand for up to this long.
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Seconds an idle keep-alive connection from the front proxy stays open.
keepalive = env_int("GUNICORN_KEEPALIVE", 5)
# Replace each worker after this many requests (with jitter, so they don't all restart together).
max_requests = env_int("GUNICORN_MAX_REQUESTS", 10_000)
max_requests_jitter = max_requests // 10

# Logs go to stdout/stderr, for the process manager to collect; the access log shows each request's time.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'

# gunicornc's control socket only when a path is given: its default path in $HOME is shared by every
# instance on the host, so a second one (a bench beside `make serve`) would take over the first one's socket.
if os.environ.get("GUNICORN_CONTROL_SOCKET"):
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]
else:
    control_socket_disable = True
