import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from PIL import Image

from cartoons.models import Cartoon
from tests.factories import make_cartoon, png_file

pytestmark = pytest.mark.django_db


def test_cartoon_page_shows_the_drawing_its_caption_credit_and_transcript(client):
    cartoon = make_cartoon(caption="Triage, revisited.", artist="Jo Inkwell", transcript="DOCTOR: Next!\nPATIENT: Me?")

    page = BeautifulSoup(client.get(cartoon.get_absolute_url()).content, "html.parser")

    drawing = page.select_one("figure.cartoon img")
    assert drawing["alt"] == cartoon.lead_image_alt
    assert (drawing["width"], drawing["height"]) == ("900", "700")  # never enlarged; the column scales it down
    assert page.select_one("figure.cartoon figcaption").get_text(" ", strip=True) == (
        "Triage, revisited. Drawn by Jo Inkwell"
    )
    transcript = page.select_one("details.transcript")
    assert transcript.summary.get_text() == "Transcript"
    assert "DOCTOR: Next!" in transcript.get_text() and transcript.find("br")


def test_a_cartoon_needs_its_drawing_and_alt_text_in_the_admin(client, editor):
    client.force_login(editor)
    data = {
        "title": "Waiting room", "slug": "waiting-room", "status": "published", "published_at_0": "2025-01-01",
        "published_at_1": "10:00:00", "comments_open": "on", "lead_image_alt": "",
    }  # fmt: skip

    without_drawing = client.post(reverse("admin:cartoons_cartoon_add"), data)
    without_alt = client.post(reverse("admin:cartoons_cartoon_add"), {**data, "lead_image": png_file()})

    assert without_drawing.status_code == without_alt.status_code == 200
    assert "This field is required" in without_drawing.content.decode()
    assert "This field is required" in without_alt.content.decode()
    assert not Cartoon.objects.exists()


def test_cartoon_card_shows_the_whole_drawing_not_a_crop(client):
    make_cartoon(lead_image=png_file("tall.png", size=(1200, 1500)), lead_image_alt="A tall drawing")
    card = BeautifulSoup(client.get("/cartoons/").content, "html.parser").select_one("article.card img")
    assert (card["width"], card["height"]) == ("480", "600")  # the drawing's own 4:5, not the cards' 8:5 crop
    srcset = dict(reversed(item.split()) for item in card["srcset"].split(", "))
    assert sorted(srcset) == ["480w", "960w"]
    with Image.open(settings.MEDIA_ROOT / srcset["960w"].removeprefix(settings.MEDIA_URL)) as made:
        assert made.size == (960, 1200)
