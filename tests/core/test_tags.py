"""Tags as editors type them in the admin, and as readers reach them, in any language."""

import importlib

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.urls import reverse
from taggit.models import Tag

from core.tags import parse_tags
from tests.core.test_sitemaps import sitemap
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def change_form(client, article):
    """The article's admin change form as a browser would post it back: every field with its current value."""
    page = BeautifulSoup(client.get(reverse("admin:blog_article_change", args=[article.pk])).content, "html.parser")
    form = page.select_one("form#article_form")
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name, kind = field["name"], field.get("type", "")
        if field.name == "select":
            data[name] = [option["value"] for option in field.select("option[selected]")]
        elif field.name == "textarea":
            data[name] = field.get_text()
        elif kind in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif kind not in ("file", "submit"):
            data[name] = field.get("value", "")
    return data, form


def save_tags(client, article, typed):
    """Type `typed` in the article's tag field and save the form; the tag names the article then has."""
    data, _form = change_form(client, article)
    data["tags"] = typed
    response = client.post(reverse("admin:blog_article_change", args=[article.pk]), data)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".errorlist")
    return sorted(article.tags.names())


def test_a_tag_typed_with_spaces_stays_one_tag_and_commas_separate_tags(editor_client):
    article = make_article()
    assert save_tags(editor_client, article, "mental health") == ["mental health"]
    assert save_tags(editor_client, article, "mental health, nursing") == ["mental health", "nursing"]
    data, form = change_form(editor_client, article)
    assert data["tags"] == "mental health, nursing"  # shown back as typed, so saving again changes nothing
    assert save_tags(editor_client, article, data["tags"]) == ["mental health", "nursing"]
    assert "Separate tags with commas; a tag may have spaces" in form.get_text()


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("  mental   health ,, nursing,  ", ["mental health", "nursing"]),
        ('"Smith, Jones", ethics', ["Smith, Jones", "ethics"]),
        ('"mental health" nursing', ["mental health", "nursing"]),
        ('"unclosed, quote', ["quote", "unclosed"]),
        ("", []),
        (" , ", []),
    ],
)
def test_tag_names_are_split_on_commas_only_and_quotes_may_hold_a_comma(typed, names):
    assert parse_tags(typed) == names


def test_a_quoted_name_with_a_comma_is_shown_back_quoted(editor_client):
    article = make_article()
    assert save_tags(editor_client, article, '"Smith, Jones", ethics') == ["Smith, Jones", "ethics"]
    data, _form = change_form(editor_client, article)
    assert data["tags"] == '"Smith, Jones", ethics'


def test_a_tag_name_too_long_for_a_tag_gets_a_message_not_an_error(editor_client):
    article = make_article()
    data, _form = change_form(editor_client, article)
    data["tags"] = "a very long sentence typed without any commas " * 3
    response = editor_client.post(reverse("admin:blog_article_change", args=[article.pk]), data)
    assert response.status_code == 200
    assert "comma-separated list of tags" in response.content.decode()


def test_tags_in_any_language_or_of_punctuation_work_end_to_end(client, editor_client, settings):
    article = make_article()
    names = ["!!!", "???", "Santé publique", "日本語の記事"]
    assert save_tags(editor_client, article, "Santé publique, 日本語の記事, !!!, ???") == names
    client.logout()
    item = client.get(article.get_absolute_url())
    assert item.status_code == 200
    links = BeautifulSoup(item.content, "html.parser").select('.tags a[rel="tag"]')
    assert sorted(a.get_text() for a in links) == names
    for link in links:
        tag_page = client.get(link["href"])
        assert tag_page.status_code == 200, link["href"]
        assert article.get_absolute_url() in tag_page.content.decode()
        for feed_url in (link["href"] + "feed/", link["href"] + "feed/atom/"):
            feed = feedparser.parse(client.get(feed_url).content)
            assert [entry.link for entry in feed.entries] == [settings.SITE_URL + article.get_absolute_url()]
    assert len({a["href"] for a in links}) == len(names)
    locations = list(sitemap(client))
    tag_locations = [loc for loc in locations if "/tags/" in loc]
    assert sorted(tag_locations) == sorted(settings.SITE_URL + a["href"] for a in links)
    for location in locations:
        assert client.get(location.removeprefix(settings.SITE_URL)).status_code == 200, location


def test_migration_gives_tags_whose_slug_no_url_can_carry_a_new_one(client):
    article = make_article(tags=["good", "!!!", "???", "?!"])
    Tag.objects.filter(name="!!!").update(slug="")
    Tag.objects.filter(name="???").update(slug="_1")
    Tag.objects.filter(name="?!").update(slug="has space")
    migration = importlib.import_module("core.migrations.0003_tag_slugs_every_url_can_carry")
    migration.fix_slugs(apps, None)
    slugs = dict(Tag.objects.values_list("name", "slug"))
    assert slugs["good"] == "good"
    assert all(slug.startswith("tag-") for name, slug in slugs.items() if name != "good")
    assert len(set(slugs.values())) == 4
    assert client.get(article.get_absolute_url()).status_code == 200
    for slug in slugs.values():
        assert client.get(reverse("core:tag", kwargs={"slug": slug})).status_code == 200
