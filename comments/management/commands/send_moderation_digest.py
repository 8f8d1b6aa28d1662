from django.core.management.base import BaseCommand

from comments.digests import send_digests
from comments.models import ModeratorMailPreference


class Command(BaseCommand):
    help = (
        "Mail each moderator who chose an hourly or daily digest the comments held for moderation since their "
        "last one (nothing when none wait). Run it from cron or a systemd timer: see the README."
    )

    def add_arguments(self, parser):
        parser.add_argument("--frequency", required=True, choices=[str(f) for f in ModeratorMailPreference.DIGESTS])

    def handle(self, *args, frequency, **options):
        sent = send_digests(frequency)
        self.stdout.write(f"Sent {sent} {frequency} moderation digest{'s' if sent != 1 else ''}.")
