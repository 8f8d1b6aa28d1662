"""The admin speaks editors' language: headings, breadcrumbs, filters and forms in the words editors use."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from tests.factories import MAKERS, make_article, make_comment, make_source, png_file

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "admin:blog_article_changelist",
    "admin:interviews_interview_changelist",
    "admin:reviews_bookreview_changelist",
    "admin:cartoons_cartoon_changelist",
    "admin:django_comments_xtd_xtdcomment_changelist",
    "admin:taggit_tag_changelist",
    "admin:core_author_changelist",
    "admin:comments_threadchange_changelist",
]


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def crumbs(soup):
    return [part.strip() for part in soup.select_one(".breadcrumbs").get_text().split("›")]


@pytest.fixture
def admin_client_(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_admin_index_names_apps_as_editors_do(admin_client_):
    soup = page(admin_client_, reverse("admin:index"))
    headings = [caption.get_text(strip=True) for caption in soup.select(".app-list caption, #content-main caption")]
    assert "Comments" in headings and "Tags" in headings and "Comment flags" in headings
    text = soup.get_text().lower()
    for raw in ("comments xtd", "django_comments", "taggit", "otp_totp", "axes"):
        assert raw not in text, raw


@pytest.mark.parametrize("name", CHANGELISTS)
def test_breadcrumbs_never_name_the_same_thing_twice(admin_client_, name):
    soup = page(admin_client_, reverse(name))
    trail = crumbs(soup)
    assert len(trail) == len({crumb.lower() for crumb in trail}), trail


@pytest.mark.parametrize("section", MAKERS)
def test_an_items_form_and_delete_page_have_plain_breadcrumbs(admin_client_, section):
    entry = MAKERS[section](title="Rounds at dawn")
    opts = entry._meta
    name = f"admin:{opts.app_label}_{opts.model_name}"
    plural = str(opts.verbose_name_plural).capitalize()
    assert crumbs(page(admin_client_, reverse(f"{name}_change", args=[entry.pk]))) == ["Home", plural, "Rounds at dawn"]
    assert crumbs(page(admin_client_, reverse(f"{name}_add")))[:2] == ["Home", plural]
    assert crumbs(page(admin_client_, reverse(f"{name}_delete", args=[entry.pk]))) == [
        "Home", plural, "Rounds at dawn", "Delete"
    ]  # fmt: skip
    assert crumbs(page(admin_client_, reverse(f"{name}_history", args=[entry.pk])))[:2] == ["Home", plural]


def test_an_app_with_several_models_keeps_its_crumb(admin_client_):
    assert crumbs(page(admin_client_, reverse("admin:core_author_changelist"))) == ["Home", "Magazine", "Authors"]


def test_the_comments_section_filter_offers_our_sections_only(admin_client_):
    make_comment(make_article())
    for name in ("admin:django_comments_xtd_xtdcomment_changelist", "admin:comments_threadchange_changelist"):
        soup = page(admin_client_, reverse(name))
        (section_filter,) = [
            details for details in soup.select("#changelist-filter details") if "By section" in details.get_text()
        ]
        choices = [link.get_text(strip=True) for link in section_filter.select("li a")]
        assert choices == ["All", "Articles", "Interviews", "Book reviews", "Cartoons"], choices
    article_type = ContentType.objects.get(app_label="blog", model="article")
    url = reverse("admin:django_comments_xtd_xtdcomment_changelist") + f"?content_type__id__exact={article_type.pk}"
    assert "A thoughtful comment." in admin_client_.get(url).content.decode()


def test_the_syndication_fieldset_is_open_when_a_source_is_set(admin_client_):
    def syndication(entry):
        soup = page(admin_client_, reverse("admin:blog_article_change", args=[entry.pk]))
        (fieldset,) = [f for f in soup.select("fieldset") if "Syndication" in f.get_text()]
        return fieldset

    closed = syndication(make_article())
    assert "collapse" in closed["class"] and closed.select_one("details") and not closed.select("details[open]")
    opened = syndication(make_article(source=make_source("Ward Notes")))
    assert "collapse" not in opened["class"] and not opened.select("details")


def test_the_lead_image_is_shown_beside_its_file_input(admin_client_):
    article = make_article(lead_image=png_file("lead.png"), lead_image_alt="A ward at night.")
    soup = page(admin_client_, reverse("admin:blog_article_change", args=[article.pk]))
    preview = soup.select_one("img.lead-image-preview")
    assert preview["src"] == article.card_image_url and preview["alt"]
    assert (preview["width"], preview["height"]) == ("240", "150")
    assert preview.find_previous("input", type="file")["name"] == "lead_image"
    assert not page(admin_client_, reverse("admin:blog_article_add")).select("img.lead-image-preview")


def test_the_item_form_loads_the_editors_stylesheet_as_a_file(admin_client_):
    soup = page(admin_client_, reverse("admin:blog_article_add"))
    assert soup.select_one('link[rel="stylesheet"][href$="css/admin.css"]')


def test_the_comments_list_speaks_moderators_words(admin_client_):
    make_comment(make_article(), "Well put.")
    soup = page(admin_client_, reverse("admin:django_comments_xtd_xtdcomment_changelist"))
    headings = [th.get_text(strip=True) for th in soup.select("#result_list thead th")][1:]  # after the tick box
    assert headings == ["Comment", "Name", "On", "Posted", "Approved", "Removed", "Flags"], headings
    text = soup.get_text()
    for raw in ("User's name", "Is public", "Is removed", "Date/time submitted", "content type"):
        assert raw not in text, raw
    assert "By date posted" in text and "By section" in text
    for column in ("commenter", "posted", "approved", "removed"):  # each still sorts the list
        assert admin_client_.get(soup.select_one(f"th.column-{column} a")["href"]).status_code == 200
