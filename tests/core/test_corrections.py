"""Corrections and updates: dated notes on an item, shown above its body, on /corrections/ and in its feeds."""

import json
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import Correction, Entry
from tests.factories import MAKERS, make_article, make_interview
from tests.forms import change_url, form_values

pytestmark = pytest.mark.django_db

MARCH_3 = datetime(2026, 3, 3, 10, 30, tzinfo=UTC)
INLINE = "core-correction-content_type-object_id"  # the generic inline's form prefix


def note(item, text="The dose was 5 mg, not 50 mg.", kind=Correction.Kind.CORRECTION, at=None, time_machine=None):
    if at and time_machine:
        time_machine.move_to(at, tick=False)
    return Correction.objects.create(item=item, kind=kind, text=text)


@pytest.fixture
def before_march(time_machine):
    """Ten days before MARCH_3, with time standing still: items made now are live when notes are added."""
    time_machine.move_to(MARCH_3 - timedelta(days=10), tick=False)
    return time_machine


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def fetch(url):
    """As an anonymous reader: a fresh client, no cookies."""
    return Client().get(url)


@pytest.mark.parametrize("section", MAKERS)
def test_notes_show_above_the_body_with_their_kind_and_date(client, before_march, time_machine, section):
    item = MAKERS[section]()
    note(item, "The trial had 40 patients, not 400.", at=MARCH_3, time_machine=time_machine)
    note(item, "The health board has since replied.", Correction.Kind.UPDATE, MARCH_3 + timedelta(days=2),
         time_machine)  # fmt: skip
    page = soup(client.get(item.get_absolute_url()))
    notes = [" ".join(p.get_text().split()) for p in page.select(".notes .note")]
    assert notes == [
        "Update, 5 March 2026: The health board has since replied.",
        "Correction, 3 March 2026: The trial had 40 patients, not 400.",
    ]
    body = page.select_one(".entry__body")
    assert page.select_one(".notes").find_all_next(class_="entry__body") == [body]  # above the body
    assert page.select_one(".notes time")["datetime"] == "2026-03-05T10:30:00+00:00"


def test_an_item_without_notes_shows_none_and_no_updated_date(client):
    item = make_article()
    page = soup(client.get(item.get_absolute_url()))
    assert not page.select(".notes")
    assert "Updated" not in page.select_one(".byline").get_text()


def test_byline_says_updated_on_the_latest_notes_date(client, before_march, time_machine):
    item = make_article(published_at=MARCH_3 - timedelta(days=10))
    note(item, at=MARCH_3, time_machine=time_machine)
    note(item, "Clearer now.", Correction.Kind.CLARIFICATION, MARCH_3 + timedelta(days=7), time_machine)
    byline = soup(client.get(item.get_absolute_url())).select_one(".entry__header .byline")
    assert " ".join(byline.get_text().split()).endswith("21 February 2026 · Updated 10 March 2026")
    assert byline.select("time")[-1]["datetime"] == "2026-03-10T10:30:00+00:00"


def test_cards_in_lists_do_not_say_updated(client):
    note(make_article())
    assert "Updated" not in soup(client.get("/articles/")).select_one(".card").get_text()


def test_the_corrections_page_lists_notes_of_published_items_newest_first_linked_to_them(
    client, before_march, time_machine
):
    live, other = make_article(title="Live piece"), make_interview(title="Talk piece")
    draft = make_article(title="Draft piece", status=Entry.Status.DRAFT)
    scheduled = make_article(title="Later piece", published_at=timezone.now() + timedelta(days=300))
    first = note(live, "First note.", at=MARCH_3, time_machine=time_machine)
    second = note(other, "Second note.", Correction.Kind.UPDATE, MARCH_3 + timedelta(days=1), time_machine)
    third = note(live, "Third note.", Correction.Kind.CLARIFICATION, MARCH_3 + timedelta(days=2), time_machine)
    note(draft, "A draft's note.")
    note(scheduled, "A scheduled item's note.")
    page = soup(client.get("/corrections/"))
    items = page.select(".note-list__item")
    assert [item.select("p")[-1].get_text() for item in items] == ["Third note.", "Second note.", "First note."]
    links = [item.select_one("h2 a")["href"] for item in items]
    assert links == [f"{live.get_absolute_url()}#note-{third.pk}", f"{other.get_absolute_url()}#note-{second.pk}",
                     f"{live.get_absolute_url()}#note-{first.pk}"]  # fmt: skip
    assert "Clarification, 5 March 2026" in items[0].get_text()
    assert "Draft piece" not in page.get_text() and "Later piece" not in page.get_text()
    feeds = {link["type"]: link["href"] for link in page.select('link[rel="alternate"]')}
    assert "/corrections/feed/" in feeds.values() and "/corrections/feed/atom/" in feeds.values()


def test_the_corrections_page_is_paginated_in_a_fixed_number_of_queries(client):
    def count(url="/corrections/"):
        client.get(url)  # per-process caches (content types) warm
        cache.clear()  # as after a write
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    for maker in MAKERS.values():
        note(maker())
    few, few_in_feed = count(), count("/corrections/feed/")
    for _ in range(8):
        for maker in MAKERS.values():
            note(maker())
    # schedule + count + notes + one query per section on the page (at most four) + sidebar 3
    assert count() == few == 10
    assert count("/corrections/feed/") == few_in_feed == 5  # notes + one query per section in the feed
    second = soup(client.get("/corrections/?page=2"))
    assert len(second.select(".note-list__item")) == 4 * 9 - 20
    assert client.get("/corrections/?page=9").status_code == 404


@pytest.mark.parametrize("flavour", ["", "atom/"])
def test_the_corrections_feeds_are_valid_and_link_each_note_on_its_item(
    client, settings, flavour, before_march, time_machine
):
    item = make_article(title="Clinic hours & costs")
    first = note(item, "Opening hours were wrong.", at=MARCH_3, time_machine=time_machine)
    second = note(item, "Now open on Sundays.", Correction.Kind.UPDATE, MARCH_3 + timedelta(days=1), time_machine)
    note(make_article(status=Entry.Status.DRAFT), "Hidden.")
    response = client.get(f"/corrections/feed/{flavour}")
    assert response["Content-Type"].startswith("application/atom+xml" if flavour else "application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    url = settings.SITE_URL + item.get_absolute_url()
    assert [entry.link for entry in feed.entries] == [f"{url}#note-{second.pk}", f"{url}#note-{first.pk}"]
    assert feed.entries[0].title == ("Update: Clinic hours & costs" if flavour else "Update: Clinic hours &amp; costs")
    assert feed.entries[0].summary == "Now open on Sundays."
    assert datetime(*feed.entries[1].published_parsed[:6], tzinfo=UTC) == MARCH_3
    assert feed.feed.link == settings.SITE_URL + "/corrections/"


def test_json_ld_carries_each_correction_and_the_date_modified(client, before_march, time_machine):
    item = make_article()
    note(item, "Five, not fifty.", at=MARCH_3, time_machine=time_machine)
    note(item, "Since then: a reply.", Correction.Kind.UPDATE, MARCH_3 + timedelta(days=1), time_machine)
    (script,) = soup(client.get(item.get_absolute_url())).find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["correction"] == [
        {"@type": "CorrectionComment", "text": "Since then: a reply.", "datePublished": "2026-03-04T10:30:00Z"},
        {"@type": "CorrectionComment", "text": "Five, not fifty.", "datePublished": "2026-03-03T10:30:00Z"},
    ]
    assert data["dateModified"] == "2026-03-04T10:30:00Z"


def test_json_ld_of_an_item_without_notes_has_no_correction(client):
    item = make_article()
    data = json.loads(soup(client.get(item.get_absolute_url())).find("script", type="application/ld+json").string)
    assert "correction" not in data and data["dateModified"]


def test_a_correction_text_is_escaped_everywhere(client):
    item = make_article()
    note(item, "<script>alert(1)</script> & <b>bold</b>")
    for url in (item.get_absolute_url(), "/corrections/"):
        html = client.get(url).content.decode()
        assert "<script>alert(1)" not in html and "<b>bold</b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    (script,) = soup(client.get(item.get_absolute_url())).find_all("script", type="application/ld+json")
    assert "<" not in script.string and json.loads(script.string)["correction"][0]["text"].startswith("<script>")
    for flavour in ("", "atom/"):
        feed = feedparser.parse(client.get(f"/corrections/feed/{flavour}").content)
        assert feed.entries[0].summary == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"


def test_deleting_an_item_deletes_its_notes(client):
    item, other = make_article(), make_article()
    note(item), note(other)
    item.delete()
    assert list(Correction.objects.values_list("object_id", flat=True)) == [other.pk]


# The page cache: adding, editing and deleting a note remakes the pages that show it.


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.mark.usefixtures("page_cache")
def test_adding_editing_and_deleting_a_note_remakes_its_page_the_list_and_the_feed():
    item = make_article()
    pages = [item.get_absolute_url(), "/corrections/", "/corrections/feed/", "/corrections/feed/atom/"]
    for url in pages:
        fetch(url)
        assert fetch(url)["X-Page-Cache"] == "hit"
    added = note(item, "Added: the second paragraph.")
    for url in pages:
        assert "Added: the second paragraph." in fetch(url).content.decode(), url
    added.text = "Edited: the third paragraph."
    added.save()
    for url in pages:
        assert "Edited: the third paragraph." in fetch(url).content.decode(), url
    added.delete()
    for url in pages:
        assert "Edited" not in fetch(url).content.decode(), url


@pytest.mark.usefixtures("page_cache")
def test_publishing_an_item_with_a_note_lists_the_note_at_once():
    draft = make_article(status=Entry.Status.DRAFT)
    note(draft, "Waiting in the draft.")
    assert "Waiting in the draft." not in fetch("/corrections/").content.decode()
    draft.status = Entry.Status.PUBLISHED
    draft.save()
    assert "Waiting in the draft." in fetch("/corrections/").content.decode()
    assert "Waiting in the draft." in fetch("/corrections/feed/").content.decode()


@pytest.mark.usefixtures("page_cache")
def test_a_note_on_one_item_leaves_other_item_pages_cached():
    item, other = make_article(), make_article()
    fetch(other.get_absolute_url())
    note(item)
    assert fetch(other.get_absolute_url())["X-Page-Cache"] == "hit"


# Editors add, edit and delete notes in the item's own admin form.


@pytest.mark.parametrize("section", MAKERS)
@pytest.mark.usefixtures("page_cache")
def test_an_editor_adds_and_deletes_a_note_in_the_items_form_as_a_browser_posts_it(editor_client, section):
    item = MAKERS[section]()
    fetch(item.get_absolute_url())
    form = editor_client.get(change_url(item)).content.decode()
    assert "Corrections and updates" in form
    data = form_values(form, "form#" + f"{item._meta.model_name}_form")
    assert data[f"{INLINE}-TOTAL_FORMS"] == "0"
    data |= {f"{INLINE}-TOTAL_FORMS": "1", f"{INLINE}-0-kind": "update", f"{INLINE}-0-text": "Now with figures."}
    response = editor_client.post(change_url(item), data)
    assert response.status_code == 302, response.content.decode()
    (added,) = Correction.objects.all()
    assert (added.item, added.kind, added.text) == (item, "update", "Now with figures.")
    assert "Now with figures." in fetch(item.get_absolute_url()).content.decode()

    data = form_values(editor_client.get(change_url(item)).content.decode(), f"form#{item._meta.model_name}_form")
    assert data[f"{INLINE}-0-id"] == str(added.pk)
    data[f"{INLINE}-0-DELETE"] = "on"
    assert editor_client.post(change_url(item), data).status_code == 302
    assert not Correction.objects.exists()
    assert "Now with figures." not in fetch(item.get_absolute_url()).content.decode()


def test_a_note_without_text_is_refused_with_a_message(editor_client):
    # A blank row left as it came (kind "correction", no text) is ignored, as Django ignores untouched extra rows.
    item = make_article()
    data = form_values(editor_client.get(change_url(item)).content.decode(), "form#article_form")
    data |= {f"{INLINE}-TOTAL_FORMS": "1", f"{INLINE}-0-kind": "update", f"{INLINE}-0-text": ""}
    response = editor_client.post(change_url(item), data)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Correction.objects.exists()


def test_a_moderator_cannot_add_notes(client, moderator):
    item = make_article()
    note(item, "Kept as it was.")
    client.force_login(moderator)
    assert "Corrections and updates" not in client.get(change_url(item)).content.decode()
    data = {f"{INLINE}-TOTAL_FORMS": "1", f"{INLINE}-INITIAL_FORMS": "0", f"{INLINE}-0-kind": "correction",
            f"{INLINE}-0-text": "Sneaked in."}  # fmt: skip
    client.post(change_url(item), data)
    assert list(Correction.objects.values_list("text", flat=True)) == ["Kept as it was."]
    assert ContentType.objects.get_for_id(Correction.objects.get().content_type_id).model == "article"
