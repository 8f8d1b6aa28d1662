import pytest
from django.core.exceptions import ValidationError

from tests.factories import make_article, make_source, png_file

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "dirty",
    [
        "<p>Hi</p><script>alert(1)</script>",
        '<p onclick="alert(1)">Hi</p>',
        '<p><a href="javascript:alert(1)">Hi</a></p>',
        '<p><img src=x onerror="alert(1)">Hi</p>',
        "<p>Hi</p><iframe src='https://evil.example'></iframe>",
        "<p>Hi</p><style>body{display:none}</style>",
    ],
)
def test_body_is_sanitised_on_save_whatever_the_path(dirty):
    article = make_article(body=dirty)
    article.refresh_from_db()
    for bad in ("<script", "onclick", "javascript:", "onerror", "<iframe", "<style", "<img"):
        assert bad not in article.body
    assert "Hi" in article.body


def test_body_keeps_the_formatting_editors_use():
    html = '<h2>Sub</h2><p><strong>b</strong> <em>i</em> <a href="https://example.org/">l</a></p><ul><li>x</li></ul>'
    article = make_article(body=html)
    article.refresh_from_db()
    for kept in ("<h2>", "<strong>", "<em>", 'href="https://example.org/"', "<ul>", "<li>"):
        assert kept in article.body


def test_lead_image_needs_alt_text():
    article = make_article(lead_image=png_file())
    article.lead_image_alt = ""
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "lead_image_alt" in error.value.message_dict


def test_original_url_needs_a_source():
    article = make_article(original_url="https://partner.example.org/post")
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "source" in error.value.message_dict


def test_syndication_url_falls_back_to_the_source_home_page():
    source = make_source(home_url="https://partner.example.org/")
    assert make_article(source=source).syndication_url == "https://partner.example.org/"
    assert make_article(source=source, original_url="https://x.example.org/p").syndication_url == (
        "https://x.example.org/p"
    )


def test_lead_image_size_is_recorded_and_page_image_size_matches_the_thumbnail():
    article = make_article(lead_image=png_file(size=(1200, 750)), lead_image_alt="A chart")
    assert (article.lead_image_width, article.lead_image_height) == (1200, 750)
    assert article.page_image_size == (640, 400)
    assert (article.page_image.width, article.page_image.height) == article.page_image_size
    assert (article.card_image.width, article.card_image.height) == article.card_image_size
