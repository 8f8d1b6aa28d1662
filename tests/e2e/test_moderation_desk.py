"""A reader reports a comment; a moderator works the desk's queues with keyboard and mouse, and bans a spammer.

With UPDATE_SCREENSHOTS=1 it writes the README's screenshots to docs/screenshots/.
"""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from comments.models import Ban, ModerationEvent, Report
from core.roles import sync_groups
from tests.e2e.test_discussion import log_in
from tests.factories import make_article, make_comment, make_review

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def desk_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def test_a_reader_reports_and_a_moderator_works_the_queues_and_bans_a_spammer(
    desk_page, page, live_server, screenshots
):
    reader, page = page, desk_page
    SHOTS = screenshots
    moderator = get_user_model().objects.create_user("mona", password="pw-mona-12345", is_staff=True)
    moderator.groups.add(sync_groups()["Moderators"])
    article = make_article(title="Night shifts and sleep")
    review = make_review(title="A year on the ward")
    first = make_comment(
        article, "Twelve-hour shifts leave me awake at dawn.", user_name="Ada", user_email="ada@example.org"
    )
    make_comment(article, "Blackout curtains changed everything for me.", parent=first, is_public=False,
                 user_name="Ben", user_email="ben@example.org")  # fmt: skip
    spam = [
        make_comment(
            entry,
            f"Cheap sleeping pills, no prescription! Offer {n}",
            is_public=False,
            user_name="Pill Shop",
            user_email="Offers@Pills.example",
        )
        for n, entry in enumerate([article, review])
    ]
    rude = make_comment(
        review, "Whoever wrote this review knows nothing.", user_name="Cal", user_email="cal@example.org"
    )
    Report.objects.create(comment=rude, reporter_key="r1", reason="abuse")

    # A reader on a phone reports Cal's comment from the review's comments page.
    reader.goto(f"{live_server.url}{review.get_comments_url()}")
    reader.get_by_role("link", name="Report the comment by Cal to the moderators").click()
    expect(reader.locator("h1")).to_have_text("Report a comment")
    reader.get_by_label("Off-topic").check()  # a label readers see (its absence was a defect)
    reader.locator("textarea[name=note]").fill("Nothing about the book.")
    reader.screenshot(path=str(SHOTS / "reader-report.png"), full_page=True)
    reader.get_by_role("button", name="Send the report").click()
    expect(reader.get_by_text("Thank you, the moderators will look at it.")).to_be_visible()
    assert Report.objects.filter(comment=rude, reason="off-topic", note="Nothing about the book.").exists()

    log_in(page, live_server, "mona", "pw-mona-12345")
    desk_link = page.locator(".desk-index")
    expect(desk_link).to_contain_text("Pending comments: 3")
    expect(desk_link).to_contain_text("Reported: 1")
    page.screenshot(path=str(SHOTS / "moderation-admin-index.png"))
    desk_link.get_by_role("link", name="Moderators' desk").click()

    # Pending: Ben's reply, with what it answers and who Ben is; approved with one click.
    ben = page.locator(".desk-comment", has_text="Blackout curtains")
    expect(ben).to_contain_text("Replying to Ada: “Twelve-hour shifts")
    expect(ben.locator(".trust")).to_have_text("New")
    page.screenshot(path=str(SHOTS / "moderation-pending.png"), full_page=True)
    ben.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("1 comment approved.")).to_be_visible()

    # The two spam comments: ticked from the keyboard, then their author banned in one go.
    for comment in spam:
        box = page.locator(f"#pick-{comment.pk}")
        box.focus()
        page.keyboard.press("Space")
        expect(box).to_be_checked()
    page.get_by_label("Reason", exact=True).first.select_option("spam")
    page.get_by_role("button", name="Ban their authors").click()
    expect(page.get_by_text("1 commenter banned.")).to_be_visible()
    expect(page.locator(".desk-empty")).to_have_text("Nothing in this queue.")
    assert Ban.objects.active().get().email == "offers@pills.example"

    # Reported: Cal's comment, with the readers' reasons; the moderator keeps it.
    page.get_by_role("link", name="Reported (1)").click()
    cal = page.locator(".desk-comment", has_text="knows nothing")
    expect(cal.locator(".desk-comment__reports")).to_contain_text("2 open reports")
    page.screenshot(path=str(SHOTS / "moderation-reported.png"), full_page=True)
    cal.get_by_role("button", name="Keep it").click()
    expect(page.get_by_text("Reports dismissed on 1 comment.")).to_be_visible()

    # The log says who did what.
    page.get_by_role("link", name="Log").first.click()
    expect(page.locator(".desk-log tbody tr")).to_have_count(ModerationEvent.objects.count())
    expect(page.locator(".desk-log")).to_contain_text("Reports dismissed")
    page.screenshot(path=str(SHOTS / "moderation-log.png"), full_page=True)

    # The spammer, back as an anonymous reader, cannot post, in whatever case they type the address.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{article.get_comments_url()}")
    page.get_by_label("Name:", exact=True).fill("Pill Shop")
    page.get_by_label("E-mail (never shown):", exact=True).fill("OFFERS@pills.example")
    page.get_by_label("Comment:", exact=True).fill("Still selling.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.locator(".refusal")).to_contain_text("Your comment could not be posted.")
    assert not type(first).objects.filter(comment="Still selling.").exists()
