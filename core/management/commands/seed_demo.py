import time
from io import StringIO

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

from core.cache import content_changed
from core.demo.accounts import DEMO_USERS, create_demo_user
from core.demo.scale import SLUG_PREFIX, seed_scale
from core.demo.seed import seed_demo_content
from core.roles import sync_groups


class Command(BaseCommand):
    help = (
        "Fill an empty database with demo content, create the Editors, Moderators and Contributors groups, and "
        "create the staff users admin, editor, moderator and contributor with random passwords. Safe to run "
        "again: it changes nothing that exists. With -v 0 it prints only the passwords of users it creates."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, default=0, metavar="N",
            help=f"Then top the load-test articles (slugs {SLUG_PREFIX}…) up to N, with bulk inserts.",
        )  # fmt: skip

    def handle(self, *args, verbosity=1, scale=0, **options):
        self.verbosity = verbosity
        groups = sync_groups()
        counts = ", ".join(f"{name} ({group.permissions.count()} permissions)" for name, group in groups.items())
        self.info(f"Groups up to date: {counts}.")
        self.seed_content()
        self.create_users()
        # Other apps add their own demo data (the comments app: threads on the items just created).
        for config in apps.get_app_configs():
            if hasattr(config, "seed_demo"):
                config.seed_demo(self.stdout if self.verbosity >= 1 else StringIO())
        if scale:
            self.seed_scale(scale)
        content_changed()  # bulk inserts send no signals: cached pages must not outlive them

    def seed_scale(self, total):
        started = time.monotonic()
        created = seed_scale(total, progress=lambda done, wanted: self.info(f"  {done}/{wanted}", level=2))
        self.info(
            self.style.SUCCESS(
                f"Created {created} scale articles ({total} in all) in {time.monotonic() - started:.1f} s."
            )
        )

    def seed_content(self):
        # The demo is all or nothing: any article means someone has content here already.
        if apps.get_model("blog", "Article").objects.exists():
            self.info("Demo content already present; nothing to do.")
            return
        created = seed_demo_content()
        summary = ", ".join(f"{count} {label}" for label, count in created.items())
        self.info(self.style.SUCCESS(f"Created demo content: {summary}."))

    def create_users(self):
        login_url = f"{settings.SITE_URL}{reverse('admin:index')}"
        for username, (group_names, superuser) in DEMO_USERS.items():
            password = create_demo_user(username, group_names, superuser=superuser)
            if password is None:
                self.info(
                    f"User “{username}” already exists; its password is unchanged. "
                    f"To set a new one: python manage.py changepassword {username}"
                )
                continue
            # Printed whatever the verbosity: nobody can read this password again.
            kind = "superuser" if superuser else "staff user"
            self.stdout.write(self.style.SUCCESS(f"Created {kind} “{username}” in {', '.join(group_names)}."))
            self.stdout.write(f"  log in at: {login_url}\n  username: {username}\n  password: {password}")
            self.stdout.write(self.style.WARNING("  This password is shown only once; note it now."))

    def info(self, message, level=1):
        if self.verbosity >= level:
            self.stdout.write(message)
