"""Which database a query goes to: anonymous readers' reads to a read replica, everything else to the primary.

Every database but "default" is a read replica of it (DATABASE_REPLICA_URLS). The primary takes every write,
every read inside a transaction (a replica cannot see what the transaction wrote), every read outside a
request (management commands, migrations, the page cache's own bookkeeping) and every read of a request that
is not an anonymous reader's GET: a logged-in member of staff, whose forms must show what is there now (and
who are few); a request that wrote, from its first write on; and, for REPLICA_PIN_SECONDS after a POST that
wrote, the same browser, by a signed cookie, so the reader who just commented sees the comment.

A replica replays the primary's WAL a little after each commit. The page cache (core.cache) files a page under
the dependency-key versions current before it rendered; a page rendered on a replica that had not yet replayed
the write behind those versions would show the old content under the new versions, stale until the next write.
So each time page versions are bumped (core.dependencies), the primary's WAL position is recorded in the cache
first, and only ever raised; and a request checks that its replica has replayed that far before its first
read there, and again after each time it reads versions under which it will file what it reads next. A
replica found behind is not used for the rest of the request.
"""

import logging
import random
import threading
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.redis import RedisCache
from django.db import DEFAULT_DB_ALIAS, Error, connections

PRIMARY = DEFAULT_DB_ALIAS
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
PIN_COOKIE = "primary"
PIN_SALT = "core.db_router.pin"
POSITION_KEY = "primary-wal-position"  # the primary's WAL position (bytes) when content last changed

logger = logging.getLogger(__name__)
_reads = ContextVar("replica_reads", default=None)


def replica_aliases():
    return [alias for alias in settings.DATABASES if alias != PRIMARY]


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        reads = _reads.get()
        return PRIMARY if reads is None else reads.alias()

    def db_for_write(self, model, **hints):
        reads = _reads.get()
        if reads is not None:
            reads.wrote = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Replicas hold the primary's rows: a row read from one may be linked to a row read from another.
        aliases = {PRIMARY, *replica_aliases()}
        return True if obj1._state.db in aliases and obj2._state.db in aliases else None

    def allow_migrate(self, db, app_label, **hints):
        return db == PRIMARY  # a replica has the primary's tables by replaying its WAL


class ReplicaRoutingMiddleware:
    """Marks each request as an anonymous reader's (its reads may go to a replica) or not; pins writers.

    It sits just below the page cache: a hit never gets here, and a miss reads the write mark before any read
    here is checked against the recorded WAL position.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        replicas = replica_aliases()
        if not replicas:
            return self.get_response(request)
        reads = _Reads(random.choice(replicas) if self.is_anonymous_read(request) else None)
        token = _reads.set(reads)
        try:
            response = self.get_response(request)
        finally:
            _reads.reset(token)
        # A GET must not write what its reader then needs to see, and a cookie would keep its page out of the cache.
        if reads.wrote and request.method not in SAFE_METHODS and settings.REPLICA_PIN_SECONDS > 0:
            response.set_signed_cookie(
                PIN_COOKIE, "1", salt=PIN_SALT, max_age=settings.REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
            )  # fmt: skip
        return response

    @staticmethod
    def is_anonymous_read(request):
        return (
            request.method in SAFE_METHODS
            and settings.SESSION_COOKIE_NAME not in request.COOKIES  # logged in (staff), or a message waiting
            # Signed and dated: a pin is good for REPLICA_PIN_SECONDS, whatever the browser keeps.
            and request.get_signed_cookie(
                PIN_COOKIE, default=None, salt=PIN_SALT, max_age=settings.REPLICA_PIN_SECONDS
            ) is None
        )  # fmt: skip


class _Reads:
    """Where one request's reads go: its replica, until it writes or finds the replica behind."""

    def __init__(self, replica):
        self.replica = replica  # None: the primary
        self.checked = False
        self.wrote = False

    def alias(self):
        if self.replica is None or self.wrote or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        if not self.checked:
            self.checked = True
            if not self.caught_up():
                self.replica = None
                return PRIMARY
        return self.replica

    def caught_up(self):
        recorded = recorded_position()
        return recorded is None or replayed_at_least(self.replica, recorded)  # None: nothing to compare (SQLite)


# How far each replica had replayed when this process last asked, with the connection it asked on. A replica
# never replays backwards, so while the recorded position is no further, it need not be asked again; a new
# connection may reach another server (a replica rebuilt, or replaced), so it is asked afresh.
_replayed = {}


def replayed_at_least(alias, position):
    """Whether `alias` has replayed the primary's WAL up to `position`; asks it only when it must."""
    connection = connections[alias]
    known = _replayed.get(alias)
    if known is not None and known[0] is connection.connection and known[1] >= position:
        return True
    found = replica_position(alias)
    if found is None:
        return False
    _replayed[alias] = (connection.connection, found)
    return found >= position


def check_replica_again():
    """The request is about to file what it reads under versions it just read (core.dependencies).

    Writes recorded since the replica was checked may be behind those versions: it is checked again, once,
    before its next read.
    """
    reads = _reads.get()
    if reads is not None:
        reads.checked = False


def content_written():
    """Page versions are about to be bumped (core.dependencies): record how far the primary's WAL has got."""
    if not replica_aliases() or connections[PRIMARY].in_atomic_block:
        return  # inside a transaction the position falls short of its commit: the bump after the commit records it
    position = primary_position()
    if position is not None:
        record_position(position)


def recorded_position():
    """The primary's WAL position when content last changed; taken now if the cache has lost it."""
    position = caches[DEFAULT_CACHE_ALIAS].get(POSITION_KEY)
    if position is None:
        position = primary_position()
        if position is not None:
            record_position(position)
    return position


def primary_position():
    """How many bytes of WAL the primary has written, or None where there is no WAL to compare (SQLite)."""
    connection = connections[PRIMARY]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn() - '0/0'")
        return int(cursor.fetchone()[0])


def replica_position(alias):
    """How many bytes of the primary's WAL `alias` has replayed, or None when it cannot say (it is down)."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        return None
    try:
        with connection.cursor() as cursor:
            # A server not in recovery is the primary itself: a test mirror, or a replica URL naming the primary.
            cursor.execute(
                "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END"
                " - '0/0'"
            )
            found = cursor.fetchone()[0]
    except Error:
        logger.warning("Read replica %r did not answer; reading from the primary", alias, exc_info=True)
        return None
    return None if found is None else int(found)


# Two writers may record their positions out of order: the later, lower one must not replace the higher.
_RAISE_SCRIPT = """
local current = redis.call('GET', KEYS[1])
local new = ARGV[1]
if not current or #new > #current or (#new == #current and new > current) then
    redis.call('SET', KEYS[1], new)
end
"""
_raise_lock = threading.Lock()


def record_position(position):
    """Raise the recorded position to `position`, atomically; never lower it."""
    cache = caches[DEFAULT_CACHE_ALIAS]
    if isinstance(cache, RedisCache):
        # Django's cache API has no compare-and-set: the script runs on the backend's own client. Django stores
        # integers in Redis as their digits, so cache.get() reads what the script sets.
        key = cache.make_and_validate_key(POSITION_KEY)
        cache._cache.get_client(key, write=True).eval(_RAISE_SCRIPT, 1, key, position)
    else:  # a cache of one process (development, tests): a lock makes the comparison and the write one step
        with _raise_lock:
            current = cache.get(POSITION_KEY)
            if current is None or current < position:
                cache.set(POSITION_KEY, position, None)
