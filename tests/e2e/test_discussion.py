"""The whole discussion, as people do it: a reader posts, a moderator approves and closes, the page says so."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from core.roles import sync_groups
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server, username, password):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()


def test_reader_posts_moderator_approves_and_closes(page, live_server):
    article = make_article(title="Night shifts and sleep")
    moderator = get_user_model().objects.create_user("mona", password="pw-mona-12345", is_staff=True)
    moderator.groups.add(sync_groups()["Moderators"])

    # A reader on a phone finds the thread from the item page and posts a first comment: it is held.
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    page.get_by_role("link", name="Read comments (0) »").click()
    page.get_by_label("Name:", exact=True).fill("Ada Reader")
    page.get_by_label("E-mail (never shown):", exact=True).fill("ada@example.org")
    page.get_by_label("Comment:", exact=True).fill("Twelve-hour shifts leave me wide awake at 8 a.m.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("Your comment is awaiting moderation.")).to_be_visible()
    expect(page.locator(".comment-list")).to_have_count(0)

    # The moderator approves it and closes the thread, both from the comments page.
    log_in(page, live_server, "mona", "pw-mona-12345")
    page.goto(f"{live_server.url}{article.get_comments_url()}")
    expect(page.get_by_text("Awaiting moderation (1)")).to_be_visible()
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Comment approved.")).to_be_visible()
    page.get_by_label("Reason (optional, seen by moderators only)", exact=True).fill("Off topic now.")
    page.get_by_role("button", name="Close comments").click()
    expect(page.get_by_text("Comments are now closed on this item.")).to_be_visible()

    # Everyone now sees the comment, no form, and the day it closed.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{article.get_comments_url()}")
    expect(page.locator(".comment-list")).to_contain_text("Twelve-hour shifts")
    expect(page.locator(".comments-closed")).to_contain_text("Comments closed on ")
    expect(page.locator("textarea[name=comment]")).to_have_count(0)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(page.get_by_role("link", name="Read comments (1) »")).to_be_visible()
