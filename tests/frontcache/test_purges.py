"""Writes purge front caches once their transaction has committed, in one purge, and never when it rolls back."""

import pytest
from django.db import transaction

from core import dependencies
from core.dependencies import discussion_key, entry_key, list_key
from core.frontcache import FrontCache
from tests.factories import make_article, make_comment
from tests.forms import change_url, form_values

pytestmark = pytest.mark.django_db(transaction=True)


class Recorder(FrontCache):
    """A front cache (FRONT_CACHE_BACKENDS) that notes each purge, and whether its transaction had committed."""

    purges = []

    def purge(self, tags):
        connection = transaction.get_connection()
        self.purges.append({"tags": set(tags), "in_transaction": connection.in_atomic_block})


@pytest.fixture(autouse=True)
def recorder(settings):
    settings.FRONT_CACHE_BACKENDS = ["tests.frontcache.test_purges.Recorder"]
    Recorder.purges = []
    return Recorder.purges


def test_a_write_purges_its_keys_once_its_transaction_commits(recorder):
    with transaction.atomic():
        article = make_article(title="Fresh")
        assert recorder == []  # the write is not there for a front cache to fetch yet
    (purge,) = recorder
    assert {entry_key(article), list_key(article)} <= purge["tags"]
    assert not purge["in_transaction"]


def test_a_rolled_back_write_purges_nothing(recorder):
    with pytest.raises(RuntimeError), transaction.atomic():
        make_article(title="Never there")
        dependencies.changed("undone")
        raise RuntimeError
    assert recorder == []
    make_article(title="Later")  # and its keys do not ride along with a later write's purge
    assert recorder and all("undone" not in purge["tags"] for purge in recorder)


def test_the_writes_of_one_transaction_go_in_one_purge(recorder):
    with transaction.atomic():
        first = make_article(tags=["health"])
        second = make_article()
        make_comment(second)
    (purge,) = recorder
    assert {entry_key(first), entry_key(second), discussion_key("blog.article", second.pk)} <= purge["tags"]


def test_a_rolled_back_savepoint_that_began_the_purge_does_not_lose_the_later_writes(recorder):
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            make_article(title="Undone")
            raise RuntimeError
        kept = make_article(title="Kept")
    (purge,) = recorder
    assert entry_key(kept) in purge["tags"]


def test_a_write_outside_a_transaction_purges_at_once(recorder):
    article = make_article()
    recorder.clear()
    article.title = "Renamed"
    article.save()  # autocommit: the row is written when post_save is sent
    (purge,) = recorder
    assert entry_key(article) in purge["tags"]


def test_the_keys_are_bumped_again_before_the_purge(recorder, monkeypatch):
    """A front cache asking at once must not be given a page our cache filed while the write was uncommitted."""
    marks = []
    monkeypatch.setattr(Recorder, "purge", lambda self, tags: marks.append(dependencies.write_mark()))
    with transaction.atomic():
        make_article()
        make_article()
        mark_before_commit = dependencies.write_mark()
    assert marks and marks[0] != mark_before_commit


def test_saving_an_item_in_the_admin_sends_one_purge(recorder, client, editor):
    article = make_article(tags=["health"])
    client.force_login(editor)
    recorder.clear()
    page = client.get(change_url(article)).content.decode()
    response = client.post(change_url(article), form_values(page, "#article_form") | {"title": "Edited"})
    assert response.status_code == 302, response.content[:2000]
    (purge,) = recorder
    assert entry_key(article) in purge["tags"]


def test_purge_front_cache_command_purges_what_it_is_told(recorder):
    from django.core.management import call_command

    call_command("purge_front_cache")
    call_command("purge_front_cache", "tag:5", "author:3")
    assert [purge["tags"] for purge in recorder] == [{"everything"}, {"tag:5", "author:3"}]


def test_purge_front_cache_command_says_when_there_is_no_front_cache(settings):
    from django.core.management import CommandError, call_command

    settings.FRONT_CACHE_BACKENDS = []
    with pytest.raises(CommandError, match="No front cache"):
        call_command("purge_front_cache")
