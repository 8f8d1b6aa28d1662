#!/bin/sh
# A streaming read replica of the local PostgreSQL, for trying DATABASE_REPLICA_URLS (README, "Read replicas").
#
#   deploy/replica.sh start    copy the primary with pg_basebackup (first time only) and start it as a hot standby
#   deploy/replica.sh status   is it replaying, how far behind, what the primary sees
#   deploy/replica.sh stop     stop it (its data stays; `start` resumes streaming where it left off)
#   deploy/replica.sh remove   stop it and delete its data
#
# The replica is a second cluster of its own (its data directory, configuration, log and socket all under
# REPLICA_DIR), started with plain pg_ctl: nothing of the primary's installation is changed. The primary must
# accept replication connections from 127.0.0.1 (a `host replication all 127.0.0.1/32 trust` line in its
# pg_hba.conf, then SELECT pg_reload_conf(); wal_level=replica and max_wal_senders>0 are PostgreSQL's defaults).
# No replication slot is made: a replica left stopped can never fill the primary's disk with kept WAL; one
# stopped for long may have to be removed and started afresh.
set -eu

PRIMARY_HOST=${REPLICA_PRIMARY_HOST:-127.0.0.1}
PRIMARY_PORT=${REPLICA_PRIMARY_PORT:-5432}
PORT=${REPLICA_PORT:-5433}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${REPLICA_DIR:-$(dirname "$ROOT")/replica-pg}  # beside the checkout, never inside it
DATA=$DIR/data
BINDIR=$(pg_config --bindir)

# PostgreSQL refuses to run as root: root runs it as the postgres user.
as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres: "$DIR"
    if [ ! -f "$DATA/standby.signal" ]; then
        # -R writes primary_conninfo and standby.signal: the copy starts as a standby streaming from the primary.
        as_postgres "$BINDIR/pg_basebackup" -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres -D "$DATA" \
            -R -X stream --checkpoint=fast
        # Debian keeps a cluster's configuration outside its data directory, so the copy has none: its own.
        as_postgres sh -c "cat > '$DATA/postgresql.conf'" <<EOF
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
hot_standby = on
# Queries on the standby may hold back the cleanup of rows they read instead of being cancelled by it.
hot_standby_feedback = on
EOF
        as_postgres sh -c "cat > '$DATA/pg_hba.conf'" <<EOF
local all all trust
host all all 127.0.0.1/32 trust
EOF
    fi
    as_postgres "$BINDIR/pg_ctl" -D "$DATA" -l "$DIR/replica.log" -w start
    echo "Replica of $PRIMARY_HOST:$PRIMARY_PORT on 127.0.0.1:$PORT. For a database NAME on the primary:"
    echo "  DATABASE_REPLICA_URLS=postgres://postgres@127.0.0.1:$PORT/NAME"
}

status() {
    as_postgres "$BINDIR/pg_ctl" -D "$DATA" status || return 0
    psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -c \
        "SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn() AS replayed, now() - pg_last_xact_replay_timestamp() AS behind"
    psql -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U postgres -d postgres -c \
        "SELECT client_addr, state, sent_lsn, replay_lsn, replay_lag FROM pg_stat_replication"
}

stop() {
    if [ -f "$DATA/postmaster.pid" ]; then as_postgres "$BINDIR/pg_ctl" -D "$DATA" -m fast -w stop; fi
}

case "${1:-}" in
    start) start ;;
    status) status ;;
    stop) stop ;;
    remove) stop; rm -rf "$DATA" "$DIR/replica.log" ;;
    *) echo "usage: $0 start|status|stop|remove" >&2; exit 2 ;;
esac
