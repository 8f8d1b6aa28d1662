"""The demo site's texts, as plain Python data. All of it is original and invented; any likeness is chance."""

from core.demo.content import articles_1, articles_2, articles_3
from core.demo.content.articles_3 import ARCHIVE_ARTICLE, DRAFT_ARTICLE, SCHEDULED_ARTICLE
from core.demo.content.cartoons import ARTIST, CARTOONS
from core.demo.content.interviews import INTERVIEWS
from core.demo.content.people import AUTHORS, LONELY_ARTICLE_SLUG, LONELY_TAG, SOURCES, TAGS
from core.demo.content.reviews import REVIEWS

# Published articles only; the draft and the scheduled article are kept apart.
ARTICLES = articles_1.ARTICLES + articles_2.ARTICLES + articles_3.ARTICLES

__all__ = [
    "ARCHIVE_ARTICLE",
    "ARTICLES",
    "ARTIST",
    "AUTHORS",
    "CARTOONS",
    "DRAFT_ARTICLE",
    "INTERVIEWS",
    "LONELY_ARTICLE_SLUG",
    "LONELY_TAG",
    "REVIEWS",
    "SCHEDULED_ARTICLE",
    "SOURCES",
    "TAGS",
]
