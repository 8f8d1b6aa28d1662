import pytest

from core.models import Source
from tests.factories import make_source
from tests.wordpress.imports import DATA, run_import
from wordpress.models import ImportedObject
from wordpress.syndication import Syndication, take_syndication_line

STORY = "https://partner.example.net/2020/05/story/"


@pytest.mark.parametrize(
    ("last_paragraph", "found"),
    [
        (f'This post was originally published at <a href="{STORY}">Partner Weekly</a>.', ("Partner Weekly", STORY)),
        (f'<em>This article first appeared on <a href="{STORY}">Partner Weekly</a></em>', ("Partner Weekly", STORY)),
        (f'Originally posted on <a href="{STORY}">Partner Weekly</a> on 3 May 2020.', ("Partner Weekly", STORY)),
        (f'Republished with permission from <a href="{STORY}">Partner Weekly</a>.', ("Partner Weekly", STORY)),
        (f'<a href="{STORY}">This story was first published by Partner Weekly</a>', ("Partner Weekly", STORY)),
        ("This piece was originally published in Partner Weekly.", ("Partner Weekly", "")),
        ("This article first appeared on The Conversation, and is republished under a Creative Commons licence.",
         ("The Conversation", "")),
        ("It was first published in Partner Weekly in 2019.", ("Partner Weekly", "")),
    ],
)  # fmt: skip
def test_the_wordings_sites_use_are_recognised_with_or_without_a_link(last_paragraph, found):
    body, syndication = take_syndication_line(f"<p>The story.</p><p>{last_paragraph}</p>")
    assert body == "<p>The story.</p>"
    assert syndication == Syndication(*found)


def test_the_line_may_close_the_last_paragraph_after_a_break():
    body, syndication = take_syndication_line(f'<p>The story.<br>\nOriginally published at <a href="{STORY}">P</a></p>')
    assert (body, syndication.name) == ("<p>The story.</p>", "P")


@pytest.mark.parametrize(
    "html",
    [
        f'<p>This post was originally published at <a href="{STORY}">P</a>.</p><p>More follows it.</p>',
        "<p>The book was first published in 1850 and never reprinted.</p><p>Fine.</p>",
        "<p>It was originally published as a pamphlet.</p>",
        "<blockquote><p>Originally published at P.</p></blockquote>",
    ],
)
def test_a_body_without_a_closing_syndication_line_is_left_as_it_is(html):
    assert take_syndication_line(html) == (html, None)


@pytest.mark.django_db
def test_an_existing_source_of_that_name_or_address_is_reused():
    partner = make_source("Partner Weekly", home_url="https://www.partner.example.net/")
    run_import(DATA / "posts.xml")
    assert ImportedObject.objects.get(wordpress_id="115").content_object.source == partner
    assert Source.objects.count() == 1


@pytest.mark.django_db
def test_a_line_without_a_link_names_a_source_shown_without_one(client, tmp_path):
    export = (
        (DATA / "posts.xml")
        .read_text()
        .replace('<a href="https://partner.example.net/2020/05/story/">Partner Weekly</a>', "Health Weekly")
    )
    (tmp_path / "unlinked.xml").write_text(export)
    output = run_import(tmp_path / "unlinked.xml")
    item = ImportedObject.objects.get(wordpress_id="115").content_object
    assert (item.source.name, item.source.home_url, item.original_url) == ("Health Weekly", "", "")
    assert 'new syndication source "Health Weekly" has no web address: add it in the admin' in output
    page = client.get(item.get_absolute_url()).content.decode()
    assert "was originally published at Health Weekly." in page and 'href=""' not in page
    assert client.get(item.source.get_absolute_url()).status_code == 200
