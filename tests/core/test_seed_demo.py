import re
from datetime import timedelta
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from blog.models import Article
from cartoons.models import Cartoon
from core.demo.content import LONELY_ARTICLE_SLUG
from core.models import Author, Entry, Source
from core.registry import entry_models
from core.roles import sync_groups
from interviews.models import Interview, Interviewee
from reviews.models import BookReview
from reviews.validators import is_valid_isbn

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads go to a fresh folder, and passwords use a fast hasher so seeding stays quick."""
    settings.MEDIA_ROOT = tmp_path / "demo-media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings.MEDIA_ROOT


def seed(**options):
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def printed_password(output, username):
    match = re.search(rf"username: {username}\n\s*password: (\S+)", output)
    assert match, f"no password printed for {username}:\n{output}"
    return match.group(1)


def counts():
    models = [*entry_models(), Author, Source, Interviewee, Group, get_user_model(), apps.get_model("taggit", "Tag")]
    return {model._meta.label: model.objects.count() for model in models}


def files_under(root):
    return sorted(path.relative_to(root) for path in Path(root).rglob("*") if path.is_file())


def test_seed_demo_fills_every_section(media_root):
    seed()
    now = timezone.now()
    assert Article.objects.published().count() == 31  # 30 recent, one from the archive
    assert Article.objects.filter(status=Entry.Status.DRAFT).count() == 1
    scheduled = Article.objects.get(status=Entry.Status.PUBLISHED, published_at__gt=now)
    assert timedelta(days=6) < scheduled.published_at - now <= timedelta(days=7)
    assert Article.objects.count() == 33
    for model in (Interview, BookReview, Cartoon):
        assert model.objects.published().count() == model.objects.count() == 6
    assert Author.objects.count() == 5
    assert Source.objects.count() == 3
    assert all(1 <= interview.interviewees.count() <= 2 for interview in Interview.objects.all())
    recent = [model.objects.published().exclude(slug__startswith="from-the-archive") for model in entry_models()]
    oldest = min(items.earliest().published_at for items in recent)
    assert now - timedelta(days=125) < oldest < now - timedelta(days=100)


def test_syndicated_articles_link_to_their_source_domain(media_root):
    seed()
    syndicated = Article.objects.exclude(source=None)
    assert 6 <= syndicated.count() <= 10
    for article in syndicated:
        assert urlsplit(article.original_url).netloc == urlsplit(article.source.home_url).netloc
    domains = [urlsplit(url).hostname for url in Source.objects.values_list("home_url", flat=True)]
    assert all(re.search(r"(^|\.)example\.(com|net|org)$", domain) for domain in domains)


def test_groups_get_their_permissions_and_moderators_cannot_edit(media_root):
    seed()
    editors = set(Group.objects.get(name="Editors").permissions.values_list("content_type__app_label", "codename"))
    for action in ("add", "change", "delete", "view"):
        for label, model in [("blog", "article"), ("reviews", "bookreview"), ("interviews", "interviewee"),
                             ("core", "author"), ("core", "source"), ("taggit", "tag")]:  # fmt: skip
            assert (label, f"{action}_{model}") in editors
    moderators = set(Group.objects.get(name="Moderators").permissions.values_list("codename", flat=True))
    assert {f"view_{model._meta.model_name}" for model in entry_models()} <= moderators
    assert {"can_moderate", "change_xtdcomment", "close_thread"} <= moderators
    assert {"add_bannedword", "change_bannedword", "delete_bannedword"} <= moderators  # a moderation tool, not content
    assert not any(
        code.startswith(("change_", "add_", "delete_")) and "comment" not in code and not code.endswith("_bannedword")
        for code in moderators
    )
    moderator = get_user_model().objects.get(username="moderator")
    assert moderator.is_staff
    assert moderator.has_perm("blog.view_article")
    assert not moderator.has_perm("blog.change_article")
    assert get_user_model().objects.get(username="editor").has_perm("blog.change_article")


def test_sync_groups_twice_changes_nothing():
    first = {name: set(group.permissions.all()) for name, group in sync_groups().items()}
    group_count = Group.objects.count()
    second = {name: set(group.permissions.all()) for name, group in sync_groups().items()}
    assert first == second
    assert set(first) == {"Editors", "Moderators"}
    assert Group.objects.count() == group_count


def log_in(username, password):
    """The user the admin's login form would let in (django-axes needs the request authenticate() is given)."""
    return authenticate(RequestFactory().post("/admin/login/"), username=username, password=password)


def test_admin_is_created_with_a_printed_password_that_works(media_root):
    output = seed()
    assert "http://127.0.0.1:8000/admin/" in output
    admin = log_in("admin", printed_password(output, "admin"))
    assert admin is not None
    assert admin.is_staff and admin.is_superuser
    assert admin.groups.filter(name="Editors").exists()
    passwords = {printed_password(output, name) for name in ("admin", "editor", "moderator")}
    assert len(passwords) == 3
    assert log_in("moderator", printed_password(output, "moderator")) is not None


def test_existing_admin_keeps_its_password(media_root, django_user_model):
    django_user_model.objects.create_superuser("admin", "boss@example.com", "the-real-password")
    output = seed()
    assert "username: admin" not in output
    assert "python manage.py changepassword admin" in output
    assert log_in("admin", "the-real-password") is not None


def test_second_run_adds_no_rows_and_no_files(media_root):
    seed()
    before, files = counts(), files_under(media_root)
    assert len(files) >= 20
    output = seed()
    assert counts() == before
    assert files_under(media_root) == files
    assert "Demo content already present; nothing to do." in output
    assert "password:" not in output


def test_the_lonely_article_shares_no_tag_with_any_other_published_item(media_root):
    seed()
    lonely = Article.objects.published().get(slug=LONELY_ARTICLE_SLUG)
    tags = set(lonely.tags.values_list("pk", flat=True))
    assert tags
    for model in entry_models():
        others = model.objects.published().filter(tags__in=tags)
        if model is Article:
            others = others.exclude(pk=lonely.pk)
        assert not others.exists()
    # ...while most items do have something related.
    shared = Article.objects.published().exclude(pk=lonely.pk).filter(tags__name="clinical evidence")
    assert shared.count() >= 5


def test_every_review_has_a_valid_isbn(media_root):
    seed()
    reviews = BookReview.objects.all()
    assert all(is_valid_isbn(review.isbn) for review in reviews)
    assert sum(review.rating is not None for review in reviews) >= 4
    assert all(urlsplit(review.purchase_url).hostname.endswith("example.com") for review in reviews)


def test_every_image_is_on_disk_and_has_alt_text(media_root):
    seed()
    images = 0
    for model in entry_models():
        for entry in model.objects.exclude(lead_image=""):
            assert entry.lead_image_alt.strip(), entry
            assert (media_root / entry.lead_image.name).is_file()
            assert entry.lead_image_width and entry.lead_image_height
            images += 1
    assert Cartoon.objects.exclude(lead_image="").count() == 6
    # Covers and photos have no alt field: templates describe them by the book's title and the author's name.
    for review in BookReview.objects.all():
        assert review.cover and review.book_title
        assert (media_root / review.cover.name).is_file()
    photos = Author.objects.exclude(photo="")
    assert photos.exists() and all(author.name for author in photos)
    assert images >= 15


def test_demo_has_open_closed_and_auto_closed_threads(media_root, settings):
    from comments.moderation import thread_is_open
    from comments.threads import approved_comments

    settings.COMMENTS_CLOSE_AFTER_DAYS = 365  # as `make run` sets it
    seed()
    with_comments = [a for a in Article.objects.published() if approved_comments(a).exists()]
    assert len(with_comments) >= 3
    open_threads = [a for a in with_comments if thread_is_open(a)]
    closed_by_moderator = [a for a in with_comments if not a.comments_open]
    auto_closed = [a for a in with_comments if a.comments_open and not thread_is_open(a)]
    assert len(open_threads) >= 2 and len(closed_by_moderator) == 1 and len(auto_closed) == 1
    assert auto_closed[0].slug == "from-the-archive-the-last-paper-rota"
    from django_comments_xtd.models import XtdComment

    assert XtdComment.objects.filter(is_public=False).count() == 1  # one waits in the moderation queue
    assert all(c.submit_date <= timezone.now() for c in XtdComment.objects.all())
