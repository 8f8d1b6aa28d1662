"""Figures in item bodies and the image library they come from: the sanitiser, the model, the admin's picker."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import Image, sanitize_body
from tests.factories import make_article, png_file
from tests.forms import form_values

pytestmark = pytest.mark.django_db

FIGURE = (
    '<figure><img src="/media/library/2026/05/ward.png" alt="A quiet ward at night" width="1200" height="800">'
    "<figcaption>The ward at three — Photo: Ama Mensah</figcaption></figure>"
)


def make_image(**fields):
    fields.setdefault("file", png_file("ward.png", size=(1200, 800)))
    fields.setdefault("alt", "A quiet ward at night")
    return Image.objects.create(**fields)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


# The sanitiser


def test_a_figure_of_our_media_is_kept_as_it_is():
    assert sanitize_body(FIGURE) == FIGURE


@pytest.mark.parametrize(
    "src",
    ["https://magazine.example.org/media/library/ward.png", "http://testserver/media/x.png"],
    ids=["SITE_URL", "other-scheme-host"],
)
def test_an_absolute_address_is_kept_only_on_the_site_itself(settings, src):
    settings.SITE_URL = "https://magazine.example.org"
    kept = 'src="' in sanitize_body(f'<figure><img src="{src}" alt="x"></figure>')
    assert kept == src.startswith(settings.SITE_URL)


@pytest.mark.parametrize(
    "img",
    [
        '<img src="/media/a.png" alt="a" onerror="alert(1)">',
        '<img src="/media/a.png" alt="a" style="position:fixed;top:0">',
        '<img src="/media/a.png" alt="a" class="spy" data-file="3" title="t">',
        '<img src="/media/a.png" alt="a" width="100%" height="-1">',
    ],
    ids=["onerror", "style", "other-attributes", "bad-sizes"],
)
def test_an_image_keeps_only_its_address_alt_text_and_size(img):
    clean = sanitize_body(f"<figure>{img}</figure>")
    assert clean.startswith('<figure><img src="/media/a.png" alt="a"')
    for word in ("onerror", "alert", "style", "position", "class", "data-file", "title", "100%", "-1"):
        assert word not in clean


@pytest.mark.parametrize(
    "src",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:image/png;base64,iVBORw0KGgo=",
        "https://tracker.example.net/pixel.gif",
        "//tracker.example.net/media/pixel.gif",
        "/static/logo.png",
        "/media/../admin/logout/",
        "/media/%2e%2e/admin/",
        "/media\\..\\x.png",
        "media/relative.png",
    ],
)
def test_an_image_from_anywhere_else_is_dropped(src):
    clean = sanitize_body(f'<p>Before</p><figure><img src="{src}" alt="x"><figcaption>Cap</figcaption></figure>')
    assert "<img" not in clean and "tracker" not in clean and "javascript" not in clean.lower()
    assert clean.startswith("<p>Before</p>") and "<figcaption>Cap</figcaption>" in clean


def test_style_is_stripped_from_figures_and_captions_too():
    clean = sanitize_body('<figure style="float:left" class="x"><figcaption style="color:red">C</figcaption></figure>')
    assert clean == "<figure><figcaption>C</figcaption></figure>"


def test_saving_an_item_sanitises_its_figures_and_gives_library_pictures_their_true_size():
    image = make_image()
    body = f'<figure><img src="{image.file.url}" alt="Ward" width="5" onerror="x()"></figure>'
    article = make_article(body=body + '<figure><img src="https://elsewhere.example.net/a.png" alt="y"></figure>')
    assert (
        article.body
        == f'<figure><img src="{image.file.url}" alt="Ward" width="1200" height="800"></figure><figure></figure>'
    )


# The model


@pytest.mark.parametrize("alt", ["", "  "])
def test_a_library_picture_needs_alt_text(alt):
    image = Image(file=png_file(), alt=alt)
    with pytest.raises(ValidationError) as error:
        image.full_clean()
    assert "alt" in error.value.message_dict


def test_a_library_picture_knows_its_size_and_caption():
    image = make_image(caption="The ward at three", credit="Photo: Ama Mensah")
    assert (image.width, image.height) == (1200, 800)
    assert image.figcaption == "The ward at three — Photo: Ama Mensah"
    assert make_image(credit="Photo: Lee").figcaption == "Photo: Lee"
    assert image.preview_size == (240, 160)


# The admin


def test_editor_uploads_a_picture_to_the_library_in_the_admin(editor_client):
    url = reverse("admin:core_image_add")
    data = form_values(editor_client.get(url).content, "#image_form")
    data |= {"file": png_file("ward.png", size=(900, 600)), "alt": "A quiet ward", "caption": "Three o'clock"}
    response = editor_client.post(url, data)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".errorlist")
    image = Image.objects.get()
    assert (image.width, image.height, image.alt, image.caption) == (900, 600, "A quiet ward", "Three o'clock")
    changelist = editor_client.get(reverse("admin:core_image_changelist")).content.decode()
    assert "A quiet ward" in changelist and 'width="240" height="160"' in changelist


def test_an_upload_without_alt_text_is_refused_with_a_message(editor_client):
    url = reverse("admin:core_image_add")
    data = form_values(editor_client.get(url).content, "#image_form") | {"file": png_file(), "alt": ""}
    response = editor_client.post(url, data)
    assert response.status_code == 200 and not Image.objects.exists()
    assert "This field is required" in response.content.decode()


def test_the_body_editor_opens_the_library_picker():
    from blog.models import Article

    config = Article._meta.get_field("body").formfield().widget.get_config()
    assert config["extensions"]["Figure"]["pickerUrl"] == reverse("admin:core_image_picker")


def test_the_picker_lists_pictures_with_what_the_editor_inserts(editor_client):
    image = make_image(caption="The ward at three", credit="Photo: Ama Mensah")
    page = editor_client.get(reverse("admin:core_image_picker"), {"CKEditorFuncNum": "-1"})
    assert page.status_code == 200
    html = BeautifulSoup(page.content, "html.parser")
    button = html.select_one(".image-picker__use")
    assert button["data-src"] == image.file.url and button["data-alt"] == "A quiet ward at night"
    assert button["data-caption"] == "The ward at three — Photo: Ama Mensah"
    assert html.select_one('script[src$="core/admin/image_picker.js"]')
    assert not html.select("script:not([src])")  # the Content-Security-Policy allows no inline script
    # What the editor inserts once the dialog is confirmed, as the sanitiser stores it.
    inserted = (
        f'<figure class="figure"><img src="{button["data-src"]}" alt="{button["data-alt"]}" data-file="{image.pk}">'
        f'<figcaption class="figure-caption">{button["data-caption"]}</figcaption></figure>'
    )
    article = make_article(body=inserted)
    assert article.body == (
        f'<figure><img src="{image.file.url}" alt="A quiet ward at night" width="1200" height="800">'
        "<figcaption>The ward at three — Photo: Ama Mensah</figcaption></figure>"
    )
    body = BeautifulSoup(editor_client.get(article.get_absolute_url()).content, "html.parser")
    img = body.select_one(".entry__body figure img")
    assert (img["width"], img["height"], img["alt"]) == ("1200", "800", "A quiet ward at night")


def test_the_picker_searches_and_uploads_keeping_the_editor_link(editor_client):
    make_image(alt="A bed by the window")
    url = reverse("admin:core_image_picker")
    found = editor_client.get(url, {"CKEditorFuncNum": "-2", "q": "window"}).content.decode()
    assert "A bed by the window" in found
    assert "A bed" not in editor_client.get(url, {"q": "nothing"}).content.decode()
    page = editor_client.get(url, {"CKEditorFuncNum": "-2"})
    data = form_values(page.content, ".image-picker__upload") | {"file": png_file(), "alt": "A new chart"}
    action = BeautifulSoup(page.content, "html.parser").select_one(".image-picker__upload")["action"]
    response = editor_client.post(url + action, data)
    new = Image.objects.get(alt="A new chart")
    assert response.status_code == 302 and "CKEditorFuncNum=-2" in response["Location"]
    shown = BeautifulSoup(editor_client.get(response["Location"]).content, "html.parser")
    assert shown.select_one(".image-picker__item--new .image-picker__use")["data-id"] == str(new.pk)


def test_the_picker_refuses_an_upload_without_alt_text_with_a_message(editor_client):
    url = reverse("admin:core_image_picker")
    data = form_values(editor_client.get(url).content, ".image-picker__upload") | {"file": png_file(), "alt": ""}
    response = editor_client.post(url, data)
    assert response.status_code == 200 and not Image.objects.exists()
    assert "This field is required" in response.content.decode()


def test_moderators_and_readers_cannot_upload_through_the_picker(client, moderator):
    url = reverse("admin:core_image_picker")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(moderator)
    assert client.get(url).status_code == 403
    assert client.post(url, {"file": png_file(), "alt": "x"}).status_code == 403
    assert not Image.objects.exists()


def test_a_lead_image_caption_set_in_the_admin_shows_at_once_on_the_cached_page(editor_client, settings):
    from django.test import Client

    settings.PAGE_CACHE_SECONDS = 600
    article = make_article(lead_image=png_file(), lead_image_alt="Nurses at handover")
    Client().get(article.get_absolute_url())  # now kept in the page cache
    assert Client().get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    url = reverse("admin:blog_article_change", args=[article.pk])
    data = form_values(editor_client.get(url).content, "#article_form")
    data |= {"lead_image_caption": "Handover at seven", "lead_image_credit": "Photo: Ama Mensah"}
    assert editor_client.post(url, data).status_code == 302
    page = BeautifulSoup(Client().get(article.get_absolute_url()).content, "html.parser")
    assert page.select_one(".entry__image figcaption").get_text() == "Handover at seven — Photo: Ama Mensah"


def test_cartoons_keep_their_own_caption_and_artist_instead_of_the_lead_image_ones(editor_client):
    from tests.factories import make_cartoon

    cartoon = make_cartoon()
    form = editor_client.get(reverse("admin:cartoons_cartoon_change", args=[cartoon.pk])).content.decode()
    assert 'name="caption"' in form and 'name="artist"' in form and 'name="lead_image_caption"' not in form
    article_form = editor_client.get(reverse("admin:blog_article_add")).content.decode()
    assert 'name="lead_image_caption"' in article_form and 'name="lead_image_credit"' in article_form
