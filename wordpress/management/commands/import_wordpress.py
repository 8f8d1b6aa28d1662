import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wordpress import wxr
from wordpress.importer import Importer, ImportRefused
from wordpress.report import Report
from wordpress.sections import parse_section_map

PROGRESS_SECONDS = 2
PROGRESS_KINDS = [("post", "posts"), ("page", "pages"), ("attachment", "attachments"), ("other", "other items"),
                  ("comments", "comments")]  # fmt: skip


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR 1.1 or 1.2, from Tools › Export): posts and pages with their authors, "
        "tags, featured images and comments; old links answer 301. Running it again imports only what is new."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="the .xml file WordPress exported")
        parser.add_argument("--media-dir", help="a copy of the old site's wp-content/uploads folder")
        parser.add_argument("--dry-run", action="store_true", help="say what would be imported; write nothing")
        parser.add_argument(
            "--section-map", action="append", default=[], metavar="CATEGORY=SECTION",
            help='posts in this WordPress category go to this section ("Reviews=reviews"); repeat for each. '
            "The first that matches a post wins; unmapped posts become articles.",
        )  # fmt: skip

    def handle(self, export, media_dir=None, dry_run=False, section_map=(), verbosity=1, **options):
        path = Path(export)
        if not path.is_file():
            raise CommandError(f"{export}: no such file.")
        if media_dir and not Path(media_dir).is_dir():
            raise CommandError(f"--media-dir {media_dir}: no such folder.")
        try:
            mapping = parse_section_map(section_map)
        except ValueError as error:
            raise CommandError(error) from None
        say = self.stdout.write if verbosity else lambda *args: None
        say(f"Checking {path.name} and counting what it holds…")
        try:
            survey = wxr.survey(path)
            site = survey.site or "an unnamed site"
            say(f"WordPress export {survey.version} of {site}: {self._counts(survey.totals)}.")
            report = Report()
            importer = Importer(
                survey, report, section_map=mapping, media_dir=media_dir, dry_run=dry_run,
                progress=self._progress(survey.totals, say),
            )  # fmt: skip
            importer.run(path)
        except (wxr.WXRError, ImportRefused) as error:
            raise CommandError(f"{error} Nothing was imported.") from None
        except OSError as error:
            raise CommandError(f"{export}: {error.strerror or error}. Nothing was imported.") from None
        self._show_progress(importer.done, survey.totals, say)
        for line in report.lines(dry_run):
            say(line)

    @staticmethod
    def _counts(totals):
        return ", ".join(f"{totals[key]} {name}" for key, name in PROGRESS_KINDS)

    def _progress(self, totals, say):
        last = [time.monotonic()]

        def show(done):
            if time.monotonic() - last[0] >= PROGRESS_SECONDS:
                last[0] = time.monotonic()
                self._show_progress(done, totals, say)

        return show

    @staticmethod
    def _show_progress(done, totals, say):
        items = sum(totals[key] for key, _name in PROGRESS_KINDS[:-1]) or 1
        percent = 100 * sum(done[key] for key, _name in PROGRESS_KINDS[:-1]) // items
        say(f"[{percent:3d}%] " + " · ".join(f"{name} {done[key]}/{totals[key]}" for key, name in PROGRESS_KINDS))
