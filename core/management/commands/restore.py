from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from core.backup import BackupError, media_bucket, media_note, restore


class Command(BaseCommand):
    help = (
        "Restore a file written by `manage.py backup` into an empty database (DATABASE_URL, same engine as the "
        "backup) and an empty media folder (MEDIA_ROOT; none when media are in a bucket). Refuses anything else, "
        "and changes nothing then."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup to restore (a .tar.gz made by `manage.py backup`).")

    def handle(self, *args, file, **options):
        try:
            manifest, pending = restore(file)
        except BackupError as error:  # raised before anything is written, or by a restore that rolled back
            raise CommandError(f"Nothing was restored: {error}") from error
        except (DatabaseError, OSError) as error:
            raise CommandError(f"The restore failed: {error}") from error
        what = "database" if media_bucket() or manifest.get("media_bucket") else "database and media"
        self.stdout.write(self.style.SUCCESS(f"Restored the {what} of {file}, backed up at {manifest['created_at']}."))
        if media_note(manifest, restored=True):
            self.stdout.write(media_note(manifest, restored=True))
        if pending:
            self.stdout.write(
                f"This code has {len(pending)} migration(s) the backup predates: run `python manage.py migrate`."
            )
