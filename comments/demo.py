"""Demo discussion: a few lively threads, one comment waiting for a moderator, one closed and one auto-closed thread.

All text is original. Runs after core's demo content and users (see `seed_demo`); does nothing once comments exist.
"""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django_comments_xtd import get_model as get_comment_model

from comments import services

# A start for the moderators' banned-words list (admin, "Banned words"): the spam a health magazine draws.
DEMO_BANNED_WORDS = ["miracle cure", "cheap pills", "casino bonus"]

# (section model, item slug): [(name, e-mail, text, replies)], replies in the same shape.
THREADS = {
    ("blog.Article", "why-waiting-rooms-need-clocks"): [
        (
            "Maggie L.",
            "maggie@example.org",
            "Our surgery put up a screen with the queue length last year. "
            "Complaints at the desk halved within a month.",
            [
                (
                    "Dr Ade",
                    "ade@example.net",
                    "Same here. The trick was keeping it honest when the clinic ran late.",
                    [
                        ("Maggie L.", "maggie@example.org", "Yes: a screen that lies is worse than no screen.", []),
                    ],
                ),
            ],
        ),
        (
            "Tom K.",
            "tomk@example.com",
            "I would settle for a clock that works.\n\nThe one in our local A&E "
            "has said twenty past four for three years.",
            [],
        ),
    ],
    ("blog.Article", "the-trouble-with-surrogate-endpoints"): [
        (
            "Priya N.",
            "priya@example.org",
            "A clear explanation. I wish trial summaries said in plain words which outcome was measured.",
            [
                (
                    "R. Osei",
                    "osei@example.net",
                    "Some journals now ask for a lay summary. It helps, when it exists.",
                    [],
                ),
            ],
        ),
    ],
    ("interviews.Interview", None): [
        ("Jo B.", "jo@example.com", "Lovely conversation. More of these, please.", []),
    ],
}

CLOSED = ("blog.Article", "patients-are-reading-their-notes")
CLOSED_THREAD = [
    ("Alan P.", "alanp@example.org", "Reading my notes changed how I prepared for appointments.", []),
    (
        "Sue W.",
        "suew@example.net",
        "As a GP I was nervous at first. Now I write as if the patient is "
        "reading over my shoulder, which is no bad thing.",
        [],
    ),
]
ARCHIVE = ("blog.Article", "from-the-archive-the-last-paper-rota")
ARCHIVE_THREAD = [("Nurse Bea", "bea@example.org", "We kept a paper copy on the wall for months, just in case.", [])]
HELD = ("Newcomer", "new.reader@example.com", "First time commenting: does anyone know where the figures come from?")


def _item(label, slug):
    model = apps.get_model(label)
    items = model.objects.published()
    return items.filter(slug=slug).first() if slug else items.first()


class DemoThreads:
    """Writes comments on one item, each a little after the last."""

    def __init__(self, entry):
        self.entry = entry
        self.content_type = ContentType.objects.get_for_model(entry)
        # Comments come after the item and before now, whatever the item's age.
        self.step = min(timedelta(hours=5), (timezone.now() - entry.published_at) / 12)
        self.when = entry.published_at
        self.count = 0

    def add(self, name, email, text, parent=None, is_public=True):
        self.when += self.step
        self.count += 1
        return get_comment_model().objects.create(
            content_type=self.content_type, object_pk=str(self.entry.pk), site_id=settings.SITE_ID,
            user_name=name, user_email=email, comment=text, submit_date=self.when, is_public=is_public,
            parent_id=parent.pk if parent else 0, ip_address="127.0.0.1",
        )  # fmt: skip

    def add_threads(self, threads, parent=None):
        for name, email, text, replies in threads:
            comment = self.add(name, email, text, parent)
            self.add_threads(replies, comment)


# Book reviews stay open a month, cartoons a week; the other sections follow COMMENTS_CLOSE_AFTER_DAYS.
SECTION_POLICIES = {"reviews.BookReview": 30, "cartoons.Cartoon": 7}


def seed_policies(stdout):
    """Give the demo sections their closing days once; an editor's later change is left alone."""
    from comments.models import SectionPolicy

    created = 0
    for label, days in SECTION_POLICIES.items():
        section = ContentType.objects.get_for_model(apps.get_model(label))
        created += SectionPolicy.objects.get_or_create(section=section, defaults={"close_after_days": days})[1]
    if created:
        stdout.write(f"Set the closing days of {created} sections.")
    return created


@transaction.atomic
def seed_comments(stdout):
    """Create the demo discussion once; return how many comments it wrote."""
    if get_comment_model().objects.exists():
        stdout.write("Demo comments already present; nothing to do.")
        return 0
    total = 0
    for (label, slug), threads in THREADS.items():
        if entry := _item(label, slug):
            writer = DemoThreads(entry)
            writer.add_threads(threads)
            if slug == "why-waiting-rooms-need-clocks":
                writer.add(*HELD, is_public=False)
            total += writer.count
    moderator = get_user_model().objects.filter(username="moderator").first()
    if entry := _item(*CLOSED):
        writer = DemoThreads(entry)
        writer.add_threads(CLOSED_THREAD)
        services.thread_close(entry, by=moderator, reason="The discussion had run its course.")
        total += writer.count
    if entry := _item(*ARCHIVE):
        writer = DemoThreads(entry)
        writer.add_threads(ARCHIVE_THREAD)
        total += writer.count
    from comments.models import BannedWord

    for word in DEMO_BANNED_WORDS:
        BannedWord.objects.get_or_create(word=word)
    stdout.write(f"Created {total} demo comments, one closed thread and one old enough to close by itself.")
    return total
