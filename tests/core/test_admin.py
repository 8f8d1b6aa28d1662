import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from core.models import Entry
from tests.factories import ADMIN_NAMES, MAKERS, make_article, make_author, make_source, png_file
from tests.forms import form_values

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("section", MAKERS)
def test_editor_sees_changelist_with_filters_and_the_add_page(editor_client, section):
    entry = MAKERS[section](tags=["ethics"], source=make_source(), authors=[make_author("Lee Park")])
    name = ADMIN_NAMES[section]
    changelist = editor_client.get(reverse(f"admin:{name}_changelist"))
    assert changelist.status_code == 200
    page = changelist.content.decode()
    assert entry.title in page and "Lee Park" in page and "Live" in page
    for flt in ("publication", "status", "syndication source", "tags"):
        assert f"By {flt}" in page
    for query in ("?publication=draft", "?publication=scheduled", "?publication=live", "?q=number"):
        assert editor_client.get(reverse(f"admin:{name}_changelist") + query).status_code == 200
    add = editor_client.get(reverse(f"admin:{name}_add"))
    assert add.status_code == 200
    assert "prose-editor" in add.content.decode()  # the rich-text widget
    change = editor_client.get(reverse(f"admin:{name}_change", args=[entry.pk]))
    assert change.status_code == 200
    assert entry.get_absolute_url() in change.content.decode() or "View on site" in change.content.decode()


def test_author_and_source_autocomplete_answer(editor_client):
    make_author("Rosa Quinn")
    make_source("Night Ward Blog")
    url = reverse("admin:autocomplete")
    field = {"app_label": "blog", "model_name": "article"}
    author = editor_client.get(url, {"term": "Rosa", "field_name": "authors", **field})
    assert author.json()["results"][0]["text"] == "Rosa Quinn"
    source = editor_client.get(url, {"term": "Night", "field_name": "source", **field})
    assert source.json()["results"][0]["text"] == "Night Ward Blog"


def test_bulk_publish_and_unpublish(editor_client):
    drafts = [make_article(status=Entry.Status.DRAFT) for _ in range(2)]
    url = reverse("admin:blog_article_changelist")
    pks = [d.pk for d in drafts]
    response = editor_client.post(url, {"action": "publish", "_selected_action": pks}, follow=True)
    assert "2 items published." in response.content.decode()
    assert all(a.is_published() for a in type(drafts[0]).objects.filter(pk__in=pks))
    response = editor_client.post(url, {"action": "unpublish", "_selected_action": pks[:1]}, follow=True)
    assert "1 item unpublished." in response.content.decode()
    assert type(drafts[0]).objects.get(pk=pks[0]).status == Entry.Status.DRAFT


def _review_form(**overrides):
    data = {
        "title": "A review",
        "slug": "a-review",
        "excerpt": "",
        "body": "<p>Good book.</p><script>x()</script>",
        "lead_image_alt": "",
        "tags": "",
        "book_title": "The Ward",
        "book_authors": "M. Lane",
        "publisher": "",
        "year": "",
        "isbn": "978-0-306-40615-7",
        "rating": "4",
        "purchase_url": "",
        "status": "published",
        "published_at_0": "2025-01-01",
        "published_at_1": "10:00:00",
        "comments_open": "on",
        "seo_description": "",
        "original_url": "",
        # the corrections inline's management form, as the add page renders it
        "core-correction-content_type-object_id-TOTAL_FORMS": "0",
        "core-correction-content_type-object_id-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_editor_adds_a_review_and_the_body_is_sanitised(editor_client):
    from reviews.models import BookReview

    response = editor_client.post(reverse("admin:reviews_bookreview_add"), _review_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    review = BookReview.objects.get(slug="a-review")
    assert review.isbn == "9780306406157"
    assert "<script" not in review.body and "Good book." in review.body


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"isbn": "978-0-306-40615-8"}, "isbn", "not a valid ISBN"),
        ({"rating": "6"}, "rating", "Select a valid choice"),
        ({"original_url": "https://partner.example.org/p"}, "source", "Choose the source"),
        ({"lead_image": "png"}, "lead_image_alt", "Describe the image"),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(editor_client, overrides, field, message):
    from reviews.models import BookReview

    overrides = {key: png_file() if value == "png" else value for key, value in overrides.items()}
    response = editor_client.post(reverse("admin:reviews_bookreview_add"), _review_form(**overrides))
    assert response.status_code == 200
    assert not BookReview.objects.exists()
    page = BeautifulSoup(response.content, "html.parser")
    assert message in page.get_text()
    assert page.select_one('input[name="book_title"]')["value"] == "The Ward"


def test_upload_that_is_not_an_image_is_refused(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("cat.png", b"this is not a picture", content_type="image/png")
    response = editor_client.post(reverse("admin:reviews_bookreview_add"), _review_form(cover=fake))
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()


def test_oversized_upload_is_refused_with_its_size(editor_client, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 1000
    response = editor_client.post(reverse("admin:reviews_bookreview_add"), _review_form(cover=png_file()))
    assert response.status_code == 200
    assert "the largest allowed is 1000" in response.content.decode()


def test_moderator_cannot_change_content(client, moderator):
    article = make_article()
    client.force_login(moderator)
    assert client.get(reverse("admin:blog_article_changelist")).status_code == 200
    change_url = reverse("admin:blog_article_change", args=[article.pk])
    assert client.post(change_url, {"title": "Hacked"}).status_code == 403
    assert client.get(reverse("admin:blog_article_add")).status_code == 403
    response = client.post(
        reverse("admin:blog_article_changelist"), {"action": "unpublish", "_selected_action": [article.pk]}
    )
    article.refresh_from_db()
    assert article.status == Entry.Status.PUBLISHED
    assert response.status_code in (200, 302, 403)


@pytest.mark.parametrize("section", MAKERS)
def test_editor_saves_an_item_that_already_has_its_images(editor_client, section):
    """Open the change form of an item with an image, change the title, post the form back as the browser does."""
    images = {"lead_image": png_file("lead.png"), "lead_image_alt": "A drawing of a ward."}
    if section == "reviews":
        images["cover"] = png_file("cover.png", size=(300, 450))
    entry = MAKERS[section](tags=["ethics"], **images)
    url = reverse(f"admin:{ADMIN_NAMES[section]}_change", args=[entry.pk])
    form = form_values(editor_client.get(url).content, "form#" + entry._meta.model_name + "_form")

    response = editor_client.post(url, {**form, "title": "A better title"})

    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".errorlist")
    entry.refresh_from_db()
    assert entry.title == "A better title"
    assert entry.lead_image.name == entry.lead_image.name and entry.lead_image_width == 800
    if section == "reviews":
        assert entry.cover and entry.cover_width == 300


def test_editor_saves_an_author_who_already_has_a_photo(editor_client):
    author = make_author("Lee Park", photo=png_file("lee.png", size=(400, 400)))
    url = reverse("admin:core_author_change", args=[author.pk])
    form = form_values(editor_client.get(url).content, "form#author_form")

    response = editor_client.post(url, {**form, "bio": "Writes about night shifts."})

    assert response.status_code == 302
    author.refresh_from_db()
    assert author.bio == "Writes about night shifts." and author.photo and author.photo_width == 400


def test_a_new_oversized_image_on_an_item_with_an_image_is_still_refused(editor_client, settings):
    """The upload check runs on new uploads: replacing a stored image with one too large is refused."""
    entry = make_article(lead_image=png_file("lead.png"), lead_image_alt="A ward.")
    url = reverse("admin:blog_article_change", args=[entry.pk])
    form = form_values(editor_client.get(url).content, "form#article_form")
    settings.MAX_IMAGE_PIXELS = 1000

    response = editor_client.post(url, {**form, "lead_image": png_file("huge.png")})

    assert response.status_code == 200
    assert "too large to process" in response.content.decode()


def admin_answer(client, method, path, data=None):
    """The status of an admin request; a server error is answered, not raised, as it would be for a browser."""
    client.raise_request_exception = False
    return getattr(client, method)(path, data).status_code


@pytest.mark.parametrize(
    "query",
    ["status=%00", "publication=%00", "tags__id__exact=1%00", "q=%00", "source__id__exact=%00&status=draft"],
)
def test_an_admin_list_with_a_nul_character_in_its_query_answers_400_not_500(editor_client, query):
    # PostgreSQL refuses NUL in text, and the admin hands list filter values to it unchecked.
    make_article()
    assert admin_answer(editor_client, "get", f"{reverse('admin:blog_article_changelist')}?{query}") == 400


def test_admin_autocomplete_with_a_nul_character_answers_400_not_500(editor_client):
    make_author("Lee Park")
    query = "term=L%00&app_label=blog&model_name=article&field_name=authors"
    assert admin_answer(editor_client, "get", f"{reverse('admin:autocomplete')}?{query}") == 400


@pytest.mark.parametrize("selected", ["abc", "1\x00", "", "99999999999999999999999"])
def test_an_admin_action_on_ids_that_are_not_ids_answers_400_not_500(editor_client, selected):
    article = make_article(status=Entry.Status.DRAFT)
    data = {"action": "publish", "_selected_action": [str(article.pk), selected]}
    assert admin_answer(editor_client, "post", reverse("admin:blog_article_changelist"), data) == 400
    article.refresh_from_db()
    assert article.status == Entry.Status.DRAFT
