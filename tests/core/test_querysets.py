from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import Entry
from core.registry import CrossSectionList, entry_models
from tests.factories import MAKERS, make_article, make_cartoon, make_interview, make_review

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("section", MAKERS)
def test_published_excludes_drafts_and_scheduled_in_every_section(section):
    make = MAKERS[section]
    live = make()
    make(status=Entry.Status.DRAFT)
    make(published_at=timezone.now() + timedelta(days=1))
    assert list(type(live).objects.published()) == [live]


def test_scheduled_item_goes_live_when_its_time_comes(time_machine):
    soon = make_article(published_at=timezone.now() + timedelta(hours=2))
    assert not type(soon).objects.published().exists()
    time_machine.move_to(timezone.now() + timedelta(hours=3))
    assert list(type(soon).objects.published()) == [soon]


def test_entry_models_finds_every_section_model():
    names = {model._meta.label for model in entry_models()}
    assert names == {"blog.Article", "interviews.Interview", "reviews.BookReview", "cartoons.Cartoon"}


def test_cross_section_list_is_newest_first_across_sections_and_pages_correctly():
    now = timezone.now()
    oldest = make_article(published_at=now - timedelta(days=4))
    review = make_review(published_at=now - timedelta(days=3))
    cartoon = make_cartoon(published_at=now - timedelta(days=2))
    newest = make_interview(published_at=now - timedelta(days=1))
    make_article(status=Entry.Status.DRAFT)
    listing = CrossSectionList()
    assert listing.count() == 4
    assert listing[0:4] == [newest, cartoon, review, oldest]
    assert listing[1:3] == [cartoon, review]
    assert listing[3] == oldest


def test_cross_section_list_filters_by_tag():
    tagged = make_review(tags=["sleep"])
    make_article(tags=["diet"])
    assert CrossSectionList(tags__slug="sleep")[0:10] == [tagged]


def test_every_window_of_a_cross_section_list_matches_the_whole_list_sorted():
    """Each section's newest `stop` rows are read on their own (PostgreSQL); no window may lose an item."""
    now = timezone.now()
    items = []
    for i in range(7):
        items.append(make_article(published_at=now - timedelta(hours=3 * i), tags=["sleep"]))
        items.append(make_interview(published_at=now - timedelta(hours=3 * i + 1), tags=["sleep"]))
    items.append(make_review(published_at=now - timedelta(hours=40), tags=["sleep"]))
    items.append(make_cartoon(published_at=now - timedelta(hours=41)))
    expected = sorted(items, key=lambda item: item.published_at, reverse=True)
    tagged = [item for item in expected if not isinstance(item, type(items[-1]))]
    for start, stop in [(0, 1), (0, 5), (3, 8), (10, 16), (14, 30)]:
        assert CrossSectionList()[start:stop] == expected[start:stop], (start, stop)
        assert CrossSectionList(tags__slug="sleep")[start:stop] == tagged[start:stop], (start, stop)
    assert CrossSectionList()[20:30] == []
