"""One-file backups of the site: its database and its media folder in a gzip'd tar, and putting them back.

The file holds `manifest.json` (database engine, applied migrations, when it was made), the database
(`database.dump`, pg_dump's custom format; or `database.sqlite3`, a consistent copy made with SQLite's backup
API while the site runs) and `media/`, the MEDIA_ROOT tree: uploads and thumbnails. A restore goes into an empty
database of the same engine and an empty media folder, and checks everything it can before it writes anything.

Media kept in a bucket (AWS_STORAGE_BUCKET_NAME) are neither backed up nor restored here: the bucket is kept by
its provider (versioning, replication), and the manifest names it. `media_note()` says so in words.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from core.cache import content_changed
from core.sites import sync_site_with_setting

FORMAT = 1  # bump when the layout of the file changes
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
ENGINE_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}


class BackupError(Exception):
    """Why a backup or a restore cannot go ahead, in words for whoever runs it."""


def default_filename(now=None):
    return f"magazine-{(now or datetime.now(UTC)):%Y%m%dT%H%M%SZ}.tar.gz"


def backup(destination):
    """Write the database and MEDIA_ROOT (unless media are in a bucket) to `destination` (a .tar.gz); its manifest.

    The file appears only once complete, readable by its owner alone: it holds e-mail addresses and password hashes.
    """
    engine = _engine()
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    manifest = {
        "format": FORMAT,
        "engine": engine,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "migrations": sorted(MigrationRecorder(connection).applied_migrations()),
    }
    if media_bucket():
        manifest["media_bucket"] = media_bucket()
    with tempfile.TemporaryDirectory(dir=destination.parent, prefix=".backup-") as work:
        database = Path(work) / DATABASE_FILES[engine]
        DUMP[engine](database)
        partial = Path(work) / "partial.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
            archive.add(database, DATABASE_FILES[engine])
            if not media_bucket() and Path(settings.MEDIA_ROOT).is_dir():
                archive.add(settings.MEDIA_ROOT, MEDIA)
        partial.chmod(0o600)
        partial.replace(destination)
    return manifest


def restore(source):
    """Put a backup made by `backup()` into this site's empty database and empty MEDIA_ROOT.

    A site whose media are in a bucket takes the database only: the media the file may hold are left in it.
    Returns (manifest, migrations this code has that the backup lacks: `migrate` applies them); the manifest's
    "media_left" counts the files left.
    """
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"There is no file at {source}.")
    try:
        archive = tarfile.open(source, "r:gz")  # noqa: SIM115 (closed below, once it proved to be a tar)
        members = {member.name: member for member in archive.getmembers()}  # reads it all: a cut-off file stops here
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise BackupError(f"{source} is not a backup made by `manage.py backup` ({error}).") from error
    with archive:
        manifest = _read_manifest(archive, members, source)
        engine = manifest["engine"]
        media = _media_members(members.values(), source)
        if media_bucket():
            manifest["media_left"], media = sum(member.isfile() for member in media), []
        pending = _check_migrations(manifest)
        _check_empty()
        with tempfile.TemporaryDirectory(prefix="restore-") as work:
            archive.extract(members[DATABASE_FILES[engine]], work, filter="data")
            LOAD[engine](Path(work) / DATABASE_FILES[engine])
        _restore_media(archive, media)
    sync_site_with_setting()  # the site's own address, not the one the backup was made on
    content_changed()  # pages cached before the restore must not be served
    return manifest, pending


def media_bucket():
    """The bucket this site keeps its media in, or "" when they are in MEDIA_ROOT."""
    return getattr(settings, "AWS_STORAGE_BUCKET_NAME", "") or ""


def media_note(manifest, restored=False):
    """What happened to the media, when it is not simply "they are in the file" (else "")."""
    here, there = media_bucket(), manifest.get("media_bucket")
    if not restored and here:
        return (
            f"Media are not in this file: they are in the bucket {here}, which its provider keeps (turn on "
            "versioning, or replication, there to be able to go back)."
        )
    if not restored:
        return ""
    if here and manifest.get("media_left"):
        return (
            f"The {manifest['media_left']} media file(s) in the backup were not restored: this site keeps its media "
            f"in the bucket {here}. Copy the backup's media/ folder there (e.g. aws s3 sync) if they are missing."
        )
    if there and not here:
        return (
            f"The backup holds no media: they were in the bucket {there}. Set AWS_STORAGE_BUCKET_NAME to use it, "
            "or copy its files into MEDIA_ROOT."
        )
    return ""


def _engine():
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"Backups cover PostgreSQL and SQLite; this site runs on {connection.vendor}.")
    return connection.vendor


def _add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def _read_manifest(archive, members, source):
    not_ours = f"{source} is not a backup made by `manage.py backup`"
    if MANIFEST not in members:
        raise BackupError(f"{not_ours}: it has no {MANIFEST}.")
    try:
        manifest = json.load(archive.extractfile(members[MANIFEST]))
        engine, migrations = manifest["engine"], manifest["migrations"]
        format_ = manifest["format"]
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError(f"{not_ours}: its {MANIFEST} is damaged.") from error
    if format_ != FORMAT or engine not in DATABASE_FILES or DATABASE_FILES[engine] not in members:
        raise BackupError(f"{not_ours}, or it was made by another version of the site (format {format_!r}).")
    if engine != _engine():
        raise BackupError(
            f"This backup holds a {ENGINE_NAMES[engine]} database and this site runs on "
            f"{ENGINE_NAMES[connection.vendor]}. A backup is restored into the engine it came from: set "
            f"DATABASE_URL to an empty {ENGINE_NAMES[engine]} database."
        )
    if not all(isinstance(m, list) and len(m) == 2 for m in migrations):
        raise BackupError(f"{not_ours}: its {MANIFEST} is damaged.")
    return manifest


def _media_members(members, source):
    """The members under media/, each checked to unpack inside it (no absolute path, `..`, outside link or device)."""
    media = [member for member in members if member.name == MEDIA or member.name.startswith(f"{MEDIA}/")]
    try:
        for member in media:
            tarfile.data_filter(member, settings.MEDIA_ROOT)
    except tarfile.FilterError as error:
        raise BackupError(f"{source} holds a file that would land outside the media folder: {error}") from error
    return media


def _check_migrations(manifest):
    """Refuse a backup from newer code; the migrations the restored database will still need."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    applied = {tuple(migration) for migration in manifest["migrations"]}
    unknown = sorted(applied - known)
    if unknown:
        names = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        raise BackupError(
            f"This backup was made by a newer version of the site: its database has migrations this code does not "
            f"know ({names}{', …' if len(unknown) > 5 else ''}). Restore it with the code it was made with."
        )
    return sorted(known - applied)


def _check_empty():
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty ({len(tables)} tables). A backup is "
            "restored into an empty database only: point DATABASE_URL at a new one (PostgreSQL: createdb NAME; "
            "SQLite: a file that does not exist yet), or drop this one first if you mean to replace it."
        )
    media = Path(settings.MEDIA_ROOT)
    if not media_bucket() and media.is_dir() and any(media.iterdir()):
        raise BackupError(
            f"The media folder {media} is not empty. A backup is restored into an empty one: set MEDIA_ROOT to a "
            "new folder, or move this one away first."
        )


def _restore_media(archive, members):
    """Unpack `media/` beside MEDIA_ROOT, then move it into place in one rename."""
    if not members:
        return
    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media.parent, prefix=".restore-") as work:
        archive.extractall(work, members=members, filter="data")
        if media.is_dir():
            media.rmdir()  # empty: checked before the database was touched
        Path(work, MEDIA).replace(media)


def _dump_sqlite(path):
    if connection.in_atomic_block:  # SQLite's backup would wait forever for this connection's own write lock
        raise BackupError("A SQLite backup cannot be made inside a transaction.")
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as copy:
        connection.connection.backup(copy)  # a consistent snapshot, even while other processes write
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, whatever mode the site runs in


def _load_sqlite(path):
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as copy:
        copy.backup(connection.connection)


def _postgresql_environment():
    """libpq's variables for this site's database, so no password appears on a command line."""
    database = connection.settings_dict
    names = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD", "NAME": "PGDATABASE"}
    env = os.environ.copy()
    env.update({variable: str(database[key]) for key, variable in names.items() if database.get(key)})
    if database.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = database["OPTIONS"]["sslmode"]
    return env


def _run(program, *arguments):
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(f"{program} is not installed (Debian: apt-get install postgresql-client).")
    result = subprocess.run(
        [executable, *arguments], env=_postgresql_environment(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")


def _dump_postgresql(path):
    # Uncompressed: the whole file is gzip'd anyway.
    _run("pg_dump", "--format=custom", "--compress=0", f"--file={path}")


def _load_postgresql(path):
    # One transaction: a failed restore leaves the database empty, ready for another try. The restored tables
    # belong to the user restoring them, whoever owned them on the machine the backup came from.
    _run(
        "pg_restore", "--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges",
        f"--dbname={connection.settings_dict['NAME']}", str(path),
    )  # fmt: skip


DUMP = {"postgresql": _dump_postgresql, "sqlite": _dump_sqlite}
LOAD = {"postgresql": _load_postgresql, "sqlite": _load_sqlite}
