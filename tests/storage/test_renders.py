"""Reader pages never call the bucket: renditions were made when their picture was saved, sizes are in the
database, and addresses are computed. Whichever host renders a page, it waits on no network for its pictures."""

import pytest
from botocore.client import BaseClient
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from storages.backends.s3 import S3Storage

from core.models import Image
from tests.factories import make_article, make_author, make_cartoon, make_review, png_file
from tests.storage.helpers import picture_urls

pytestmark = pytest.mark.django_db

STORAGE_CALLS = ("_open", "_save", "exists", "size", "delete", "listdir", "get_modified_time", "get_available_name")


@pytest.fixture
def magazine(bucket):
    """Items with every kind of picture, stored in the bucket."""
    author = make_author("Ama Mensah", photo=png_file("ama.png", size=(400, 400)))
    picture = Image.objects.create(file=png_file("ward.png", size=(900, 600)), alt="A quiet ward")
    article = make_article(
        lead_image=png_file("corridor.png", size=(1600, 1000)), lead_image_alt="A corridor", featured=True,
        body=f'<figure><img src="{picture.file.url}" alt="A quiet ward"></figure>', authors=[author],
    )  # fmt: skip
    make_article(lead_image=png_file("chart.png", size=(1000, 700)), lead_image_alt="A chart")
    cartoon = make_cartoon()
    review = make_review(cover=png_file("cover.png", size=(600, 900)), book_title="Night Shift")
    keys = set(bucket.names())  # listed now: the test refuses calls to the bucket
    return {"article": article, "cartoon": cartoon, "review": review, "author": author, "keys": keys}


def refuse_storage_calls(monkeypatch):
    """Make every way to the bucket (and to Pillow) fail; the list of calls, which a page might have swallowed."""
    calls = []

    def refuse(name):
        def refused(*args, **kwargs):
            calls.append(name)
            raise AssertionError(f"a page called {name} while rendering")

        return refused

    for name in STORAGE_CALLS:
        monkeypatch.setattr(S3Storage, name, refuse(f"S3Storage.{name}"))
    monkeypatch.setattr(BaseClient, "_make_api_call", refuse("the S3 API"))
    monkeypatch.setattr(PILImage, "open", refuse("PIL.Image.open"))
    return calls


@pytest.fixture
def no_storage_calls(magazine, monkeypatch):
    return refuse_storage_calls(monkeypatch)


def reader_pages(magazine):
    article, cartoon, review, author = (magazine[k] for k in ("article", "cartoon", "review", "author"))
    return ["/", "/articles/", "/cartoons/", "/reviews/", article.get_absolute_url(), cartoon.get_absolute_url(),
            review.get_absolute_url(), author.get_absolute_url()]  # fmt: skip


def test_reader_pages_link_the_bucket_without_calling_it(client, bucket, magazine, no_storage_calls):
    base = f"{bucket.endpoint_url}/{bucket.name}/"
    keys = magazine["keys"]
    pages = {}
    for path in reader_pages(magazine):
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.content
    assert not no_storage_calls

    for path, html in pages.items():
        urls = [url for url in picture_urls(html) if not url.startswith("/static/")]
        assert urls, path
        assert all(url.startswith(base) and url.removeprefix(base) in keys for url in urls), (path, urls)
    article = magazine["article"]
    assert len(picture_urls(pages["/articles/"], "article.card img")) >= 2 * 2  # two cards with 1x and 2x
    lead = picture_urls(pages[article.get_absolute_url()], ".entry__image img")
    assert len(lead) == 4  # src, and 480, 960, 1440 wide in the srcset
    assert picture_urls(pages[article.get_absolute_url()], ".entry__body img") == [Image.objects.get().file.url]


def test_feeds_enclose_the_cartoon_in_the_bucket_without_calling_it(client, bucket, magazine, no_storage_calls):
    cartoon = magazine["cartoon"]
    for path in ("/feed/", "/cartoons/feed/", "/feed/atom/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert f'"{cartoon.lead_image.url}"' in response.content.decode()
        assert f'length="{cartoon.lead_image_bytes}"' in response.content.decode()
    assert cartoon.lead_image.url.startswith(f"{bucket.endpoint_url}/{bucket.name}/cartoons/")
    assert not no_storage_calls


def test_a_picture_lost_from_the_bucket_costs_no_call_and_no_error(client, bucket, magazine, monkeypatch):
    bucket.empty()  # the whole bucket lost, renditions too
    calls = refuse_storage_calls(monkeypatch)
    for path in reader_pages(magazine):
        assert client.get(path).status_code == 200, path
    assert not calls


def test_an_unreadable_upload_costs_only_its_picture(client, bucket, monkeypatch):
    article = make_article(lead_image=ContentFile(b"not a picture", name="broken.png"), lead_image_alt="Broken")
    assert article.lead_image.name in bucket.names() and article.lead_image_width is None
    calls = refuse_storage_calls(monkeypatch)
    for path in ("/", "/articles/", article.get_absolute_url()):
        response = client.get(path)
        assert response.status_code == 200, path
        assert 'alt="Broken"' not in response.content.decode()
    assert not calls
