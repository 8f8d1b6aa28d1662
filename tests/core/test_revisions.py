"""Revisions of items (core.revisions, core.admin_revisions): recorded on every save, listed in the item's
history, compared, restored; and a save made over someone else's refused.

Forms are posted back as a browser posts them (tests.forms.form_values).
"""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from blog.models import Article
from core.models import Author, Entry
from core.revisions import recording
from interviews.models import Interview
from tests.factories import MAKERS, make_article, make_author
from tests.forms import change_url, form_values

pytestmark = pytest.mark.django_db


def history_url(entry):
    return reverse(f"admin:{entry._meta.app_label}_{entry._meta.model_name}_history", args=[entry.pk])


def compare_url(entry):
    return reverse(f"admin:{entry._meta.app_label}_{entry._meta.model_name}_compare", args=[entry.pk])


def the_form(client, entry):
    page = client.get(change_url(entry)).content.decode()
    return form_values(page, f"#{entry._meta.model_name}_form")


def save_in_admin(client, entry, **changes):
    """Open the item's form, change fields, press Save; the response (followed)."""
    data = the_form(client, entry) | changes
    return client.post(change_url(entry), data, follow=True)


def versions(entry):
    return list(Version.objects.get_for_object(entry).select_related("revision__user"))


@pytest.mark.parametrize("section", MAKERS)
def test_an_admin_save_records_who_when_and_what(editor_client, editor, section):
    entry = MAKERS[section](title="First words", tags=["ethics"])
    response = save_in_admin(editor_client, entry, title="Second words")
    assert response.status_code == 200 and "was changed successfully" in response.content.decode()
    [version] = versions(entry)
    assert version.revision.user == editor
    assert version.field_dict["title"] == "Second words"
    assert "Title" in version.revision.get_comment()  # Django's change message: which fields changed


def test_adding_an_item_in_the_admin_records_its_first_version(editor_client, editor):
    add = editor_client.get(reverse("admin:blog_article_add")).content.decode()
    data = form_values(add, "#article_form") | {"title": "Brand new", "slug": "brand-new", "tags": "nursing"}
    assert editor_client.post(reverse("admin:blog_article_add"), data).status_code == 302
    article = Article.objects.get(slug="brand-new")
    [version] = versions(article)
    assert version.revision.user == editor and version.revision.get_comment() == "Added."


def test_publish_and_unpublish_from_the_list_record_one_revision_per_item(editor_client, editor):
    drafts = [make_article(status=Entry.Status.DRAFT) for _ in range(2)]
    url = reverse("admin:blog_article_changelist")
    editor_client.post(url, {"action": "publish", "_selected_action": [d.pk for d in drafts]})
    for draft in drafts:
        [version] = versions(draft)
        assert version.field_dict["status"] == Entry.Status.PUBLISHED
        assert version.revision.user == editor
        assert version.revision.get_comment() == "Published from the item list."
        assert version.revision.version_set.filter(content_type=version.content_type).count() == 1  # itself only
    # Filtered on what it is about to change: the items still get their revision and their pages remade.
    editor_client.post(url + "?publication=live", {"action": "unpublish", "_selected_action": [drafts[0].pk]})
    latest = versions(drafts[0])[0]
    assert latest.field_dict["status"] == Entry.Status.DRAFT
    assert latest.revision.get_comment() == "Unpublished from the item list."


def test_seed_demo_records_a_first_version_of_every_item(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO(), verbosity=0)
    interview = Interview.objects.first()
    [version] = versions(interview)
    assert version.revision.user is None and version.revision.get_comment() == "Demo content (seed_demo)."
    assert version.revision.version_set.count() > 1  # with its tag links and interviewees
    assert all(versions(article) for article in Article.objects.all())


def test_history_lists_every_version_with_links(editor_client, editor):
    article = make_article(title="One")
    save_in_admin(editor_client, article, title="Two")
    save_in_admin(editor_client, article, title="Three")
    page = editor_client.get(history_url(article))
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    rows = soup.select("#change-history tbody tr")
    assert len(rows) == 2
    assert all(row.select_one("th a")["href"].startswith(history_url(article)) for row in rows)
    assert "eddie" in rows[0].get_text()
    # Each link opens the form filled with that version.
    oldest = rows[-1].select_one("th a")["href"]
    restore = editor_client.get(oldest).content.decode()
    assert form_values(restore, "#article_form")["title"] == "Two"


def test_compare_shows_what_changed_in_title_excerpt_body_tags_and_status(editor_client):
    article = make_article(title="Old title", excerpt="Old excerpt.", body="<p>The ward was quiet.</p>", tags=["a"])
    save_in_admin(editor_client, article)  # the version before
    save_in_admin(
        editor_client, article, title="New title", excerpt="New excerpt.", body="<p>The ward was loud.</p>",
        tags="a, b", status="draft",
    )  # fmt: skip
    new, old = versions(article)
    page = editor_client.get(compare_url(article), {"old": old.pk, "new": new.pk})
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    changes = {row.th.get_text(): row.td for row in soup.select("table.changes tbody tr")}
    assert set(changes) == {"Title", "Excerpt", "Body", "Tags", "Status"}
    assert [d.get_text() for d in changes["Body"].select("del")] == ["quiet"]
    assert [i.get_text() for i in changes["Body"].select("ins")] == ["loud"]
    assert [i.get_text() for i in changes["Tags"].select("ins")] == ["b"]
    assert changes["Status"].select_one("del").get_text() == "Published"
    assert changes["Status"].select_one("ins").get_text() == "Draft"


def test_compare_escapes_what_editors_wrote(editor_client):
    article = make_article(title="<b>plain</b>")
    save_in_admin(editor_client, article)
    save_in_admin(editor_client, article, title="<script>alert(1)</script>")
    new, old = versions(article)
    page = editor_client.get(compare_url(article), {"old": old.pk, "new": new.pk}).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_compare_refuses_bad_or_foreign_versions_without_an_error(editor_client):
    article, other = make_article(), make_article()
    save_in_admin(editor_client, article)
    save_in_admin(editor_client, other)
    mine, theirs = versions(article)[0], versions(other)[0]
    assert editor_client.get(compare_url(article), {"old": "x", "new": mine.pk}).status_code == 400
    assert editor_client.get(compare_url(article), {"old": theirs.pk, "new": mine.pk}).status_code == 404


def test_restoring_is_a_revision_and_readers_see_it_at_once(editor_client, editor, settings):
    settings.PAGE_CACHE_SECONDS = 600
    article = make_article(title="The right words", body="<p>Kept text.</p>", tags=["kept"])
    save_in_admin(editor_client, article)
    save_in_admin(editor_client, article, title="A mistake", body="<p>Wrong text.</p>", tags="wrong")
    neighbour = make_article(title="Neighbour", tags=["wrong"])  # lists the item as related, by the tag it leaves
    reader = Client()
    assert "A mistake" in reader.get(article.get_absolute_url()).content.decode()
    assert "A mistake" in reader.get("/tags/wrong/").content.decode()
    assert "A mistake" in reader.get(neighbour.get_absolute_url()).content.decode()
    good = versions(article)[1]
    restore_url = reverse("admin:blog_article_revision", args=[article.pk, good.pk])
    form = form_values(editor_client.get(restore_url).content.decode(), "#article_form")
    assert form["title"] == "The right words" and form["tags"] == "kept"
    assert Article.objects.get(pk=article.pk).title == "A mistake"  # opening it restores nothing
    response = editor_client.post(restore_url, form)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "The right words" and [t.name for t in article.tags.all()] == ["kept"]
    latest = versions(article)[0]
    assert latest.revision.user == editor and "Reverted to previous version" in latest.revision.get_comment()
    assert len(versions(article)) == 3
    page = reader.get(article.get_absolute_url()).content.decode()
    assert "The right words" in page and "Kept text." in page and "A mistake" not in page
    assert "A mistake" not in reader.get("/tags/wrong/").content.decode()  # the tag it left
    assert "A mistake" not in reader.get(neighbour.get_absolute_url()).content.decode()  # nor related there


def test_restoring_runs_the_body_sanitiser(editor_client):
    article = make_article(body="<p>Clean.</p>")
    save_in_admin(editor_client, article)
    version = versions(article)[0]
    # A stored version holding what the sanitiser removes (stored by an older rule, or by hand).
    version.serialized_data = version.serialized_data.replace("<p>Clean.</p>", "<p>Clean.</p><script>x()</script>")
    version.save()
    restore_url = reverse("admin:blog_article_revision", args=[article.pk, version.pk])
    form = form_values(editor_client.get(restore_url).content.decode(), "#article_form")
    editor_client.post(restore_url, form)
    article.refresh_from_db()
    assert article.body == "<p>Clean.</p>"


def test_a_moderator_may_read_the_history_but_not_restore(client, moderator):
    article = make_article(title="Before")
    client.force_login(moderator)
    with recording("By a script."):
        article.title = "After"
        article.save()
    version = versions(article)[0]
    assert client.get(history_url(article)).status_code == 200
    restore_url = reverse("admin:blog_article_revision", args=[article.pk, version.pk])
    data = {"title": "Hacked", "slug": article.slug, "status": "published"}
    assert client.post(restore_url, data).status_code == 403
    assert Article.objects.get(pk=article.pk).title == "After"


def test_authors_have_a_history_too(editor_client, editor):
    author = make_author("Lee Park")
    url = reverse("admin:core_author_change", args=[author.pk])
    data = form_values(editor_client.get(url).content.decode(), "#author_form") | {"bio": "Nurse and writer."}
    assert editor_client.post(url, data).status_code == 302
    [version] = Version.objects.get_for_object(author)
    assert version.revision.user == editor and version.field_dict["bio"] == "Nurse and writer."
    history = editor_client.get(reverse("admin:core_author_history", args=[author.pk]))
    assert history.status_code == 200 and "Changed Biography." in history.content.decode()
    assert Author.objects.get(pk=author.pk).bio == "Nurse and writer."


# Two editors, one item


def test_a_save_over_someone_elses_is_refused_with_who_and_when_and_keeps_the_text(client, editor, django_user_model):
    from core.roles import sync_groups

    other = django_user_model.objects.create_user("rosa", first_name="Rosa", last_name="Quinn", is_staff=True)
    other.groups.add(sync_groups()["Editors"])
    article = make_article(title="Shared item", body="<p>Original.</p>")
    client.force_login(editor)
    mine = the_form(client, article)  # opened first
    rosa = Client()
    rosa.force_login(other)
    assert save_in_admin(rosa, article, title="Rosa's title").status_code == 200
    response = client.post(change_url(article), mine | {"title": "My title", "body": "<p>My text.</p>"})
    assert response.status_code == 200  # the form again, not a redirect
    page = response.content.decode()
    errors = BeautifulSoup(page, "html.parser").select_one(".errorlist.nonfield").get_text()
    assert "Rosa Quinn saved this article at" in errors and "after you opened it" in errors
    kept = form_values(page, "#article_form")
    assert kept["title"] == "My title" and "My text." in kept["body"]
    assert Article.objects.get(pk=article.pk).title == "Rosa's title"
    # Having read the message, saving again keeps the editor's text.
    assert client.post(change_url(article), kept).status_code == 302
    assert Article.objects.get(pk=article.pk).title == "My title"


def test_a_list_action_counts_as_a_save_for_an_open_form(editor_client):
    article = make_article(status=Entry.Status.DRAFT)
    opened = the_form(editor_client, article)
    editor_client.post(
        reverse("admin:blog_article_changelist"), {"action": "publish", "_selected_action": [article.pk]}
    )
    response = editor_client.post(change_url(article), opened | {"title": "Edited"})
    assert response.status_code == 200 and "after you opened it" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Entry.Status.PUBLISHED


def test_a_form_saved_twice_in_a_row_by_its_own_editor_is_not_refused(editor_client):
    article = make_article()
    assert save_in_admin(editor_client, article, title="One").redirect_chain
    assert save_in_admin(editor_client, article, title="Two").redirect_chain
    assert Article.objects.get(pk=article.pk).title == "Two"


def test_every_save_counts_in_the_version():
    article = make_article()
    assert article.version == 1
    article.save(update_fields=["title"])
    assert Article.objects.get(pk=article.pk).version == 2
