"""Posting a comment in a real browser: where the reader lands, and what they can read there."""

import pytest
from playwright.sync_api import expect

from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def long_thread():
    """An item whose form sits far below the top of its comments page."""
    article = make_article(title="Night shifts and sleep")
    for n in range(12):
        make_comment(article, f"Comment number {n}, long enough to take some room on a small screen.")
    return article


def in_viewport(page, locator):
    box = locator.bounding_box()
    return box is not None and 0 <= box["y"] <= page.viewport_size["height"] - box["height"]


def fill_and_post(page, email="ada@example.org"):
    page.get_by_label("Name:", exact=True).fill("Ada Reader")
    page.get_by_label("E-mail (never shown):", exact=True).fill(email)
    page.get_by_label("Comment:", exact=True).fill("Twelve-hour shifts leave me wide awake at 8 a.m.")
    page.get_by_role("button", name="Post comment").click()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_first_time_commenter_lands_with_the_moderation_notice_in_view(browser, live_server, long_thread, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"{live_server.url}{long_thread.get_comments_url()}")
    fill_and_post(page)
    notice = page.locator("#comment-status")
    expect(notice).to_contain_text("Your comment is awaiting moderation.")
    assert page.url.endswith("#comment-status")
    assert notice.is_visible() and in_viewport(page, notice)
    expect(page.get_by_text("Your comment is awaiting moderation.")).to_have_count(1)
    page.screenshot(path=f"/tmp/readers-held-{viewport['width']}.png")
    context.close()


def test_refused_post_lands_on_the_form_with_its_errors_in_view(page, live_server, long_thread):
    page.goto(f"{live_server.url}{long_thread.get_comments_url()}")
    fill_and_post(page, email="ada@example,org")
    refusal = page.locator("#comment-form .refusal")
    expect(refusal).to_contain_text("Your comment was not posted")
    error = page.locator(".field--error .field__error")
    expect(error).to_contain_text("Enter a valid email address")
    assert in_viewport(page, refusal) and in_viewport(page, error)
    page.screenshot(path="/tmp/readers-refused-390.png")


# Links whose block holds other text must stand out without colour (axe's link-in-text-block, WCAG 1.4.1).
LINKS_TOLD_APART_BY_COLOUR_ONLY = """() => [...document.querySelectorAll("main a")].filter((link) => {
    const block = link.closest("p, li, dd, td, figcaption");
    return block && block.textContent.trim() !== link.textContent.trim()
        && !getComputedStyle(link).textDecorationLine.includes("underline");
}).map((link) => link.outerHTML)"""


def test_links_in_running_text_are_underlined_on_the_comments_page(page, live_server):
    article = make_article(excerpt="A study says so.")
    make_comment(article, "The trial is at https://evidence.example.org/trial if you want the numbers.")
    page.goto(f"{live_server.url}{article.get_comments_url()}")
    link = page.locator(".comment__text a")
    assert "underline" in link.evaluate("(a) => getComputedStyle(a).textDecorationLine")
    assert page.evaluate(LINKS_TOLD_APART_BY_COLOUR_ONLY) == []
