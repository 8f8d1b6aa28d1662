"""Preview before saving (core.admin_preview): the form's unsaved content with the reader's item template.

A preview writes nothing: no row, no revision, no log entry, no cache key; it needs the right to save the form.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from reversion.models import Revision

from blog.models import Article
from core.models import Author, Entry
from interviews.models import Interview, Interviewee
from tests.factories import make_article, make_author, make_interview, png_file
from tests.forms import change_url, form_values

pytestmark = pytest.mark.django_db


def the_form(client, url, model_name="article"):
    return form_values(client.get(url).content.decode(), f"#{model_name}_form")


def counts():
    return (Article.objects.count(), Interview.objects.count(), Interviewee.objects.count(), Author.objects.count(),
            Revision.objects.count(), LogEntry.objects.count())  # fmt: skip


def test_preview_shows_the_unsaved_change_with_the_reader_template_and_saves_nothing(editor_client):
    lee = make_author("Lee Park")
    article = make_article(title="Live title", body="<p>Live text.</p>", tags=["old tag"])
    before = counts()
    stored = Article.objects.get(pk=article.pk)
    data = the_form(editor_client, change_url(article)) | {
        "title": "Draft title",
        "body": "<p>New text.</p><script>alert(1)</script>",
        "tags": "new tag, old tag",
        "authors": [str(lee.pk)],
        "_preview": "Preview",
    }
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Preview — not saved" in soup.select_one(".unsaved-preview").get_text()
    assert soup.select_one("article.entry h1").get_text() == "Draft title"  # the reader's item template
    assert soup.select_one(".entry__body").decode_contents() == "<p>New text.</p>"  # sanitised as a save would
    assert [a.get_text() for a in soup.select(".byline a")] == ["Lee Park"]
    assert [a.get_text() for a in soup.select(".tags a")] == ["new tag", "old tag"]
    assert soup.select_one(".sidebar") is not None and soup.select_one("#related-heading") is not None
    assert counts() == before
    now = Article.objects.get(pk=article.pk)
    assert (now.title, now.body, now.version, now.updated_at) == (stored.title, stored.body, 1, stored.updated_at)
    assert [t.name for t in now.tags.all()] == ["old tag"] and not now.authors.exists()


def test_preview_leaves_readers_cached_page_alone(editor_client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    article = make_article(title="Live title")
    reader = Client()
    reader.get(article.get_absolute_url())
    assert reader.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    data = the_form(editor_client, change_url(article)) | {"title": "Secret", "_preview": "Preview"}
    assert editor_client.post(change_url(article), data).status_code == 200
    page = reader.get(article.get_absolute_url())
    assert page["X-Page-Cache"] == "hit" and "Secret" not in page.content.decode()


def test_preview_of_a_new_item_saves_nothing(editor_client):
    url = reverse("admin:blog_article_add")
    before = counts()
    data = the_form(editor_client, url) | {"title": "Not yet", "slug": "not-yet", "tags": "brand new", "_preview": "1"}
    response = editor_client.post(url, data)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("article.entry h1").get_text() == "Not yet"
    assert [a.get_text() for a in soup.select(".tags a")] == ["brand new"]
    assert counts() == before


def test_preview_shows_the_interviewees_in_the_form(editor_client):
    interview = make_interview(interviewees=[("Ada Mills", "nurse"), ("Ben Ode", "")])
    before = counts()
    data = the_form(editor_client, change_url(interview), "interview")
    data |= {
        "interviewees-0-DELETE": "on",  # Ada leaves
        "interviewees-2-name": "Cleo Grant",  # a new one, in the blank row
        "interviewees-2-role": "surgeon",
        "interviewees-2-position": "0",
        "_preview": "Preview",
    }
    response = editor_client.post(change_url(interview), data)
    assert response.status_code == 200
    people = [li.get_text() for li in BeautifulSoup(response.content, "html.parser").select(".interviewees li")]
    assert people == ["Cleo Grant, surgeon", "Ben Ode"]
    assert counts() == before
    assert list(interview.interviewees.values_list("name", flat=True)) == ["Ada Mills", "Ben Ode"]


def test_a_new_picture_is_not_stored_by_a_preview(editor_client, settings):
    article = make_article()
    data = the_form(editor_client, change_url(article)) | {"_preview": "Preview", "lead_image_alt": "A chart."}
    response = editor_client.post(change_url(article), {**data, "lead_image": png_file()})
    assert response.status_code == 200
    assert "The new lead image you chose shows once you save" in response.content.decode()
    assert not (settings.MEDIA_ROOT / "lead").exists()
    assert not Article.objects.get(pk=article.pk).lead_image


def test_an_invalid_preview_shows_the_form_with_its_errors(editor_client):
    article = make_article(title="Kept")
    data = the_form(editor_client, change_url(article)) | {"title": "", "_preview": "Preview"}
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode() and "errornote" in response.content.decode()
    assert Article.objects.get(pk=article.pk).title == "Kept"


def test_a_moderator_may_not_preview(client, moderator):
    article = make_article(title="Kept", status=Entry.Status.PUBLISHED)
    client.force_login(moderator)
    page = client.get(change_url(article))
    assert page.status_code == 200 and 'name="_preview"' not in page.content.decode()  # view only: no button
    data = {"title": "Moderated", "slug": article.slug, "status": "published", "_preview": "Preview"}
    assert client.post(change_url(article), data).status_code == 403
    assert client.post(reverse("admin:blog_article_add"), data).status_code == 403


def test_preview_needs_the_csrf_token(editor, editor_client):
    article = make_article()
    data = the_form(editor_client, change_url(article)) | {"_preview": "Preview"}
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    data.pop("csrfmiddlewaretoken")
    assert strict.post(change_url(article), data).status_code == 403


def test_the_form_offers_the_preview_button_to_editors(editor_client):
    article = make_article()
    for url in (change_url(article), reverse("admin:blog_article_add")):
        soup = BeautifulSoup(editor_client.get(url).content, "html.parser")
        buttons = soup.select('#article_form input[type="submit"][name="_preview"]')
        assert buttons and all(button["formtarget"] == "_blank" for button in buttons)


def test_preview_shows_a_correction_written_in_the_form_and_saves_it_not(editor_client):
    from core.models import Correction

    article = make_article(title="Live title")
    prefix = "core-correction-content_type-object_id"  # the corrections inline every section's form carries
    data = the_form(editor_client, change_url(article)) | {
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-0-kind": "correction",
        f"{prefix}-0-text": "The clinic opens at eight, not nine.",
        "_preview": "Preview",
    }
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    notes = BeautifulSoup(response.content, "html.parser").select_one(".notes").get_text()
    assert "Correction" in notes and "The clinic opens at eight, not nine." in notes
    assert not Correction.objects.exists()
