"""Uploads and their renditions go to the bucket, from the admin, the WordPress importer and seed_demo alike,
and pages link them there (or on AWS_S3_CUSTOM_DOMAIN). Without a bucket, MEDIA_ROOT as before."""

import io
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PILImage

from blog.models import Article
from cartoons.models import Cartoon
from core.models import Author, Image
from core.registry import entry_models
from reviews.models import BookReview
from tests.factories import make_article, png_file
from tests.forms import change_url, form_values
from tests.storage.helpers import picture_urls, rendition_names
from tests.wordpress.imports import DATA, SECTIONS, make_media_dir, run_import
from wordpress import importer

pytestmark = pytest.mark.django_db


def bucket_url(bucket):
    return f"{bucket.endpoint_url}/{bucket.name}/"


def test_a_lead_image_uploaded_in_the_admin_lands_in_the_bucket_with_its_renditions(editor_client, bucket):
    article = make_article(title="Night shift")
    data = form_values(editor_client.get(change_url(article)).content, "#article_form")
    data |= {"lead_image": png_file("ward.png", size=(1600, 1000)), "lead_image_alt": "A ward at night"}
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".errorlist")

    article.refresh_from_db()
    keys = bucket.names()
    assert article.lead_image.name.startswith("lead/") and article.lead_image.name in keys
    assert rendition_names(article) <= set(keys)  # made as it was saved, not on a page view

    page = editor_client.get(article.get_absolute_url()).content
    urls = picture_urls(page, ".entry__image img")
    assert len(urls) == 4  # src, and the srcset's 480, 960 and 1440 wide
    assert all(url.startswith(bucket_url(bucket)) for url in urls)
    assert {url.removeprefix(bucket_url(bucket)) for url in urls} <= set(keys)
    with PILImage.open(io.BytesIO(bucket.read(article.lead_image_960.name))) as made:
        assert (made.format, made.size) == ("WEBP", (960, 600))


def test_a_library_picture_lands_in_the_bucket_and_figures_link_it_there(editor_client, bucket):
    url = reverse("admin:core_image_add")
    data = form_values(editor_client.get(url).content, "#image_form")
    data |= {"file": png_file("ward.png", size=(900, 600)), "alt": "A quiet ward"}
    response = editor_client.post(url, data)
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".errorlist")

    image = Image.objects.get()
    assert image.file.name.startswith("library/") and image.file.name in bucket.names()
    assert image.thumbnail.name in bucket.names("thumbnails/library/")
    changelist = editor_client.get(reverse("admin:core_image_changelist")).content
    assert picture_urls(changelist, "td.field-preview img, th.field-preview img") == [image.preview_url]
    assert image.preview_url.startswith(bucket_url(bucket))

    # The picker inserts the file's address: the bucket's is our media, kept with the picture's true size.
    article = make_article(body=f'<figure><img src="{image.file.url}" alt="A quiet ward"></figure>')
    assert f'<img src="{image.file.url}" alt="A quiet ward" width="900" height="600">' in article.body
    assert picture_urls(editor_client.get(article.get_absolute_url()).content, ".entry__body img") == [image.file.url]


def test_a_wordpress_attachment_is_imported_into_the_bucket(bucket, tmp_path, client):
    run_import(DATA / "posts.xml", "--media-dir", make_media_dir(tmp_path / "uploads"), *SECTIONS)

    cartoon = Cartoon.objects.exclude(lead_image="").get()
    assert cartoon.lead_image.name.startswith("cartoons/")
    assert (cartoon.lead_image_width, cartoon.lead_image_height) == (800, 500)
    assert {cartoon.lead_image.name, *rendition_names(cartoon)} <= set(bucket.names())
    urls = picture_urls(client.get(cartoon.get_absolute_url()).content, "figure.cartoon img")
    assert urls and all(url.startswith(bucket_url(bucket)) for url in urls)


def test_seed_demo_stores_every_picture_and_rendition_in_the_bucket(bucket, settings, client):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", stdout=StringIO())

    keys = set(bucket.names())
    for model in entry_models():
        for entry in model.objects.exclude(lead_image=""):
            assert {entry.lead_image.name, *rendition_names(entry)} <= keys, entry
    for review in BookReview.objects.exclude(cover=""):
        assert {review.cover.name, review.cover_thumbnail.name} <= keys
    for author in Author.objects.exclude(photo=""):
        assert {author.photo.name, author.photo_thumbnail.name} <= keys
    for image in Image.objects.all():
        assert {image.file.name, image.thumbnail.name} <= keys
    assert not settings.MEDIA_ROOT.exists()  # nothing went to the local folder

    urls = picture_urls(client.get("/").content)
    assert urls and all(url.startswith(bucket_url(bucket)) for url in urls)
    assert {url.removeprefix(bucket_url(bucket)) for url in urls} <= keys


def test_the_custom_domain_is_what_pages_link(bucket, settings, client):
    for name, value in bucket.settings(settings.STORAGES, custom_domain="media.example.org").items():
        setattr(settings, name, value)
    article = make_article(lead_image=png_file(size=(1000, 700)), lead_image_alt="A ward")

    for path in ("/articles/", article.get_absolute_url()):
        urls = picture_urls(client.get(path).content, "main img")
        assert urls and all(url.startswith("https://media.example.org/thumbnails/lead/") for url in urls), urls
        assert {url.removeprefix("https://media.example.org/") for url in urls} <= set(bucket.names())


def test_without_a_bucket_media_stay_in_media_root(settings, client):
    assert settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    article = make_article(lead_image=png_file(size=(1000, 700)), lead_image_alt="A ward")
    assert (settings.MEDIA_ROOT / article.lead_image.name).is_file()
    urls = picture_urls(client.get(article.get_absolute_url()).content, ".entry__image img")
    assert urls and all(url.startswith("/media/thumbnails/lead/") for url in urls)
    assert all((settings.MEDIA_ROOT / url.removeprefix("/media/")).is_file() for url in urls)
    assert Article.objects.get().lead_image.storage.__class__.__name__ == "FileSystemStorage"


def test_a_failed_import_takes_its_pictures_and_their_renditions_out_of_the_bucket(bucket, tmp_path, monkeypatch):
    real_count = importer.Importer._count_attachments

    def fail_at_the_end(self):
        assert self.stored_files and set(self.stored_files) <= set(bucket.names())  # stored, renditions made
        real_count(self)
        raise RuntimeError("the database went away")

    monkeypatch.setattr(importer.Importer, "_count_attachments", fail_at_the_end)
    with pytest.raises(RuntimeError):
        run_import(DATA / "posts.xml", "--media-dir", make_media_dir(tmp_path / "uploads"), *SECTIONS)
    assert bucket.names() == []


def test_generateimages_makes_the_renditions_missing_from_the_bucket(bucket):
    """After moving a site's media into the bucket, or for pictures saved before renditions were made on save."""
    article = make_article(lead_image=png_file(size=(1000, 700)), lead_image_alt="A ward")
    client = bucket.client()
    for name in bucket.names("thumbnails/"):
        client.delete_object(Bucket=bucket.name, Key=name)
    cache.clear()  # imagekit remembers which renditions it made
    call_command("generateimages", stdout=StringIO())
    assert rendition_names(article) <= set(bucket.names("thumbnails/"))
