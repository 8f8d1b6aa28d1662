"""Review before publishing (core.workflow): contributors write and submit, editors publish or send back.

Every refusal is checked on the server, with the admin's own forms posted back as a browser posts them.
"""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from blog.models import Article
from core.models import Entry
from core.roles import sync_groups
from tests.factories import make_article, make_author, make_interview
from tests.forms import change_url, form_values

pytestmark = pytest.mark.django_db

DRAFT, PENDING, PUBLISHED = Entry.Status.DRAFT, Entry.Status.PENDING, Entry.Status.PUBLISHED
CHANGELIST = "admin:blog_article_changelist"


def item_form(client, url):
    return form_values(client.get(url).content, "form#article_form")


def errors(response):
    return [e.get_text(" ", strip=True) for e in BeautifulSoup(response.content, "html.parser").select(".errorlist")]


@pytest.fixture
def editors(editor, django_user_model):
    """Two editors with addresses, one without, one who has left: only the first two are mailed."""
    editor.email = "eddie@example.org"
    editor.save()
    group = sync_groups()["Editors"]
    for name, email, active in [("edna", "edna@example.org", True), ("ed", "", True), ("gone", "x@example.org", False)]:
        user = django_user_model.objects.create_user(name, email=email, is_staff=True, is_active=active)
        user.groups.add(group)
    return editor


@pytest.fixture
def as_contributor(client, contributor):
    client.force_login(contributor)
    return client


@pytest.fixture
def as_editor(editors):
    client = Client()
    client.force_login(editors)
    return client


def own_draft(contributor, **fields):
    return make_article(status=DRAFT, created_by=contributor, **fields)


# Contributors


def test_a_contributor_writes_a_draft_of_their_own(as_contributor, contributor):
    page = as_contributor.get(reverse("admin:blog_article_add")).content.decode()
    form = form_values(page, "form#article_form")
    soup = BeautifulSoup(page, "html.parser")
    assert [o["value"] for o in soup.select("select[name=status] option")] == [DRAFT, PENDING]
    assert "published_at_0" not in form and "featured" not in form  # neither scheduling nor featuring
    assert 'name="_submit_for_review"' in page

    response = as_contributor.post(reverse("admin:blog_article_add"), {**form, "title": "My first", "slug": "first"})

    assert response.status_code == 302, errors(response)
    article = Article.objects.get(slug="first")
    assert (article.status, article.created_by) == (DRAFT, contributor)
    assert not article.featured


def test_submitting_for_review_mails_the_editors_once_with_a_link(
    as_contributor, contributor, editors, mailoutbox, django_capture_on_commit_callbacks
):
    draft = own_draft(contributor, title="Night\nshifts")  # a line break in a title must not break the header
    form = item_form(as_contributor, change_url(draft))

    with django_capture_on_commit_callbacks(execute=True):
        response = as_contributor.post(change_url(draft), {**form, "_submit_for_review": "Submit for review"})

    assert response.status_code == 302, errors(response)
    draft.refresh_from_db()
    assert draft.status == PENDING
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert sorted(mail.to) == ["eddie@example.org", "edna@example.org"]
    assert mail.subject == "Pending review: Night shifts"
    assert f"{settings.SITE_URL}{change_url(draft)}" in mail.body and "connie" in mail.body


def test_choosing_pending_review_in_the_status_list_submits_too(
    as_contributor, contributor, editors, mailoutbox, django_capture_on_commit_callbacks
):
    draft = own_draft(contributor)
    form = item_form(as_contributor, change_url(draft))
    with django_capture_on_commit_callbacks(execute=True):
        as_contributor.post(change_url(draft), {**form, "status": PENDING})
    assert Article.objects.get(pk=draft.pk).status == PENDING and len(mailoutbox) == 1


def test_saving_a_draft_mails_nobody(
    as_contributor, contributor, editors, mailoutbox, django_capture_on_commit_callbacks
):
    draft = own_draft(contributor)
    form = item_form(as_contributor, change_url(draft))
    with django_capture_on_commit_callbacks(execute=True):
        response = as_contributor.post(change_url(draft), {**form, "title": "Better"})
    assert response.status_code == 302 and mailoutbox == []


@pytest.mark.parametrize(
    "change",
    [
        {"status": PUBLISHED},
        {"status": PUBLISHED, "published_at_0": "2099-01-01", "published_at_1": "08:00:00"},  # scheduling
    ],
)
def test_a_contributor_cannot_publish_or_schedule_through_the_form(as_contributor, contributor, change):
    draft = own_draft(contributor)
    before = draft.published_at
    form = item_form(as_contributor, change_url(draft))

    response = as_contributor.post(change_url(draft), {**form, **change})

    assert response.status_code == 200
    assert any("Select a valid choice" in error for error in errors(response))
    draft.refresh_from_db()
    assert (draft.status, draft.published_at) == (DRAFT, before)


def test_a_contributor_cannot_add_a_published_item(as_contributor):
    form = form_values(as_contributor.get(reverse("admin:blog_article_add")).content, "form#article_form")
    response = as_contributor.post(
        reverse("admin:blog_article_add"), {**form, "title": "Live?", "slug": "live", "status": PUBLISHED}
    )
    assert response.status_code == 200 and not Article.objects.filter(slug="live").exists()


def test_a_contributor_cannot_feature_or_set_a_publish_time_in_the_form(as_contributor, contributor):
    draft = own_draft(contributor)
    before = draft.published_at
    form = item_form(as_contributor, change_url(draft))
    as_contributor.post(
        change_url(draft), {**form, "featured": "on", "published_at_0": "2099-01-01", "published_at_1": "08:00:00"}
    )
    draft.refresh_from_db()
    assert not draft.featured and draft.published_at == before


@pytest.mark.parametrize("action", ["publish", "unpublish", "feature", "unfeature"])
def test_a_contributor_cannot_use_the_publishing_actions(as_contributor, contributor, action):
    mine = own_draft(contributor)
    live = make_article(created_by=contributor)
    changelist = as_contributor.get(reverse(CHANGELIST)).content.decode()
    assert f'value="{action}"' not in changelist

    response = as_contributor.post(
        reverse(CHANGELIST), {"action": action, "_selected_action": [mine.pk, live.pk]}, follow=True
    )

    assert response.status_code == 200
    mine.refresh_from_db(), live.refresh_from_db()
    assert (mine.status, mine.featured, live.status, live.featured) == (DRAFT, False, PUBLISHED, False)


def test_a_contributor_cannot_change_someone_elses_item(as_contributor, django_user_model):
    others = [make_article(status=DRAFT, created_by=django_user_model.objects.create_user("pat")), make_article()]
    for item in others:
        page = as_contributor.get(change_url(item))
        assert page.status_code == 200 and 'name="title"' not in page.content.decode()  # shown, read-only
        response = as_contributor.post(change_url(item), {"title": "Mine now", "slug": item.slug, "status": DRAFT})
        assert response.status_code == 403
        item.refresh_from_db()
        assert item.title != "Mine now"


@pytest.mark.parametrize("status", [PENDING, PUBLISHED])
def test_a_contributor_cannot_change_their_item_once_submitted_or_published(as_contributor, contributor, status):
    item = own_draft(contributor)
    form = item_form(as_contributor, change_url(item))
    Article.objects.filter(pk=item.pk).update(status=status)

    response = as_contributor.post(change_url(item), {**form, "title": "Changed after all"})

    assert response.status_code == 403
    assert Article.objects.get(pk=item.pk).title != "Changed after all"
    assert 'name="_submit_for_review"' not in as_contributor.get(change_url(item)).content.decode()


def test_a_contributor_fills_in_interviewees_on_their_own_interview(as_contributor, contributor):
    interview = make_interview(status=DRAFT, created_by=contributor)
    url = change_url(interview)
    form = form_values(as_contributor.get(url).content, "form#interview_form")
    response = as_contributor.post(url, {**form, "interviewees-0-name": "Dr Lane", "interviewees-0-position": "0"})
    assert response.status_code == 302, errors(response)
    assert [person.name for person in interview.interviewees.all()] == ["Dr Lane"]


def test_a_contributor_finds_authors_in_the_autocomplete(as_contributor):
    make_author("Rosa Quinn")
    answer = as_contributor.get(
        reverse("admin:autocomplete"),
        {"term": "Rosa", "field_name": "authors", "app_label": "blog", "model_name": "article"},
    )
    assert answer.json()["results"][0]["text"] == "Rosa Quinn"


# Editors


def test_editors_filter_and_count_the_items_pending_review(as_editor, contributor):
    waiting = [make_article(status=PENDING, created_by=contributor, title=f"Waiting {n}") for n in range(2)]
    make_article(status=DRAFT, title="Just a draft")
    page = as_editor.get(reverse(CHANGELIST)).content.decode()
    assert "Pending review (2)" in page

    listed = as_editor.get(reverse(CHANGELIST) + "?publication=pending").content.decode()

    assert all(item.title in listed for item in waiting) and "Just a draft" not in listed
    assert "Pending review" in listed  # the publication column
    drafts = as_editor.get(reverse(CHANGELIST) + "?publication=draft").content.decode()
    assert "Just a draft" in drafts and "Waiting 0" not in drafts


def test_an_editor_publishes_an_item_pending_review_now(as_editor, contributor, mailoutbox):
    started = timezone.now() - timedelta(days=3)
    item = make_article(status=PENDING, created_by=contributor, published_at=started, review_note="Shorter, please.")
    form = item_form(as_editor, change_url(item))

    response = as_editor.post(change_url(item), {**form, "status": PUBLISHED})

    assert response.status_code == 302, errors(response)
    item.refresh_from_db()
    assert item.is_published() and item.published_at > started + timedelta(days=2)  # live now, not back-dated
    assert item.review_note == ""
    assert Client().get(item.get_absolute_url()).status_code == 200


def test_an_editor_schedules_an_item_pending_review(as_editor, contributor):
    item = make_article(status=PENDING, created_by=contributor)
    form = item_form(as_editor, change_url(item))
    as_editor.post(change_url(item), {**form, "status": PUBLISHED, "published_at_0": "2099-01-01"})
    item.refresh_from_db()
    assert item.is_scheduled() and item.published_at.year == 2099


def test_the_publish_action_publishes_items_pending_review(as_editor, contributor):
    item = make_article(status=PENDING, created_by=contributor, published_at=timezone.now() - timedelta(days=3))
    as_editor.post(reverse(CHANGELIST), {"action": "publish", "_selected_action": [item.pk]})
    item.refresh_from_db()
    assert item.is_published() and timezone.now() - item.published_at < timedelta(minutes=1)


def test_an_editor_sends_an_item_back_with_a_note_the_contributor_gets_and_sees(
    as_editor, as_contributor, contributor, mailoutbox, django_capture_on_commit_callbacks
):
    item = make_article(status=PENDING, created_by=contributor, title="On triage")
    form = item_form(as_editor, change_url(item))
    assert "review_note" in form

    note = "Cut the second half <b>and</b> add a source."
    with django_capture_on_commit_callbacks(execute=True):
        response = as_editor.post(change_url(item), {**form, "status": DRAFT, "review_note": note})

    assert response.status_code == 302, errors(response)
    item.refresh_from_db()
    assert (item.status, item.review_note) == (DRAFT, note)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["connie@example.org"] and mail.subject == "Sent back to you: On triage"
    assert note in mail.body and f"{settings.SITE_URL}{change_url(item)}" in mail.body
    page = as_contributor.get(change_url(item)).content.decode()
    assert "Cut the second half &lt;b&gt;and&lt;/b&gt; add a source." in page  # shown, escaped
    assert 'name="review_note"' not in page  # read-only for the contributor
    assert 'name="_submit_for_review"' in page  # theirs to change and submit again


def test_sending_back_needs_a_note(as_editor, contributor, mailoutbox):
    item = make_article(status=PENDING, created_by=contributor)
    form = item_form(as_editor, change_url(item))
    response = as_editor.post(change_url(item), {**form, "status": DRAFT, "review_note": "  "})
    assert response.status_code == 200
    assert any("contributor gets this note" in error for error in errors(response))
    assert Article.objects.get(pk=item.pk).status == PENDING and mailoutbox == []


# Readers and previews


def test_readers_never_see_an_item_pending_review(client):
    item = make_article(status=PENDING, title="Not yet")
    for url in (item.get_absolute_url(), item.get_comments_url()):
        assert client.get(url).status_code == 404
    for url in ("/", "/articles/", "/feed/", "/search/?q=yet", "/sitemap.xml"):
        assert "Not yet" not in client.get(url).content.decode()


def test_editors_preview_items_pending_review_and_contributors_only_their_own(
    as_editor, as_contributor, contributor, django_user_model
):
    mine = make_article(status=PENDING, created_by=contributor)
    theirs = make_article(status=DRAFT, created_by=django_user_model.objects.create_user("pat"))
    preview = as_editor.get(mine.get_absolute_url())
    assert preview.status_code == 200 and "pending review" in preview.content.decode()
    assert as_contributor.get(mine.get_absolute_url()).status_code == 200
    assert as_contributor.get(theirs.get_absolute_url()).status_code == 404
    assert as_contributor.get(theirs.get_comments_url()).status_code == 404
