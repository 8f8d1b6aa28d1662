"""The returning reader of the mix scenario (bench/mix.py, READER): gives them one approved comment.

A reader whose name and e-mail address match a comment readers see is published at once
(comments.moderation.is_returning_commenter), so the comments the bench posts under this name reach the pages
straight away, and the stale check can expect them there. Run inside the project's environment, as
bench/pages.py is; running it again adds nothing.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django_comments_xtd import get_model as get_comment_model  # noqa: E402
from mix import READER  # noqa: E402


def main():
    article = apps.get_model("blog", "Article").objects.published().order_by("pk").first()
    get_comment_model().objects.get_or_create(
        user_name=READER["name"],
        user_email=READER["email"],
        defaults={
            "content_type": ContentType.objects.get_for_model(article),
            "object_pk": str(article.pk),
            "site_id": settings.SITE_ID,
            "comment": "A first comment, approved, so that the next ones are published at once.",
            "is_public": True,
            "ip_address": "127.0.0.1",
        },
    )


if __name__ == "__main__":
    main()
