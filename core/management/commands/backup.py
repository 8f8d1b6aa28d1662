from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from core.backup import ENGINE_NAMES, BackupError, backup, default_filename, media_note


class Command(BaseCommand):
    help = (
        "Write one file holding the database and the media folder (a .tar.gz), by default "
        "backups/magazine-<UTC time>.tar.gz; media kept in a bucket stay out of it. Restore it with "
        "`manage.py restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Where to write the backup (default: backups/ in the project).")

    def handle(self, *args, file=None, **options):
        destination = Path(file) if file else Path(settings.BASE_DIR) / "backups" / default_filename()
        try:
            manifest = backup(destination)
        except (BackupError, DatabaseError, OSError) as error:
            raise CommandError(f"No backup was written: {error}") from error
        size = destination.stat().st_size / 1024 / 1024
        what = "database" if manifest.get("media_bucket") else "database and media"
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the {ENGINE_NAMES[manifest['engine']]} {what} to {destination} ({size:.1f} MB)."
            )
        )
        if media_note(manifest):
            self.stdout.write(media_note(manifest))
