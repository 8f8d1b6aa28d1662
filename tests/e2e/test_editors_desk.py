"""The editors' desk in a browser: a contributor submits, an editor previews, publishes, corrects and restores.

With UPDATE_SCREENSHOTS=1 the last test writes the README's screenshots of the demo to docs/screenshots/.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from blog.models import Article
from core.roles import CONTRIBUTORS, EDITORS, sync_groups
from tests.e2e.test_discussion import log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def desk(browser):
    """A browser for each person at the desk, on a laptop screen; and a reader with no account."""
    contexts = []

    def open_page(width=1366, height=900):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def staff(username, group, email):
    user = get_user_model().objects.create_user(username, email=email, password=f"pw-{username}-12345", is_staff=True)
    user.groups.add(sync_groups()[group])
    return user


def test_contributor_submits_editor_previews_publishes_corrects_and_restores(desk, live_server, screenshots):
    staff("cora", CONTRIBUTORS, "cora@example.org")
    staff("edna", EDITORS, "edna@example.org")

    # A contributor writes a draft and submits it for review: the editors get one mail.
    cora = desk()
    log_in(cora, live_server, "cora", "pw-cora-12345")
    cora.goto(f"{live_server.url}/admin/blog/article/add/")
    expect(cora.locator("select#id_status option[value=published]")).to_have_count(0)
    cora.fill("#id_title", "Clinic queues at dawn")
    cora.fill("#id_excerpt", "Why patients line up before the doors open.")
    cora.locator(".prose-editor .ProseMirror:visible").first.click()
    cora.keyboard.type("The first patients arrive at six, two hours before the clinic opens.")
    cora.get_by_role("button", name="Submit for review").click()
    expect(cora.locator(".messagelist")).to_contain_text("Submitted for review")
    cora.screenshot(path=str(screenshots / "contributor-submitted.png"), full_page=True)
    article = Article.objects.get(slug="clinic-queues-at-dawn")
    assert article.status == Article.Status.PENDING
    assert [message.to for message in mail.outbox] == [["edna@example.org"]]
    reader = desk(390, 844)
    assert reader.goto(f"{live_server.url}{article.get_absolute_url()}").status == 404

    # The editor finds it on the admin's front page, previews a change without saving it, then publishes.
    edna = desk()
    log_in(edna, live_server, "edna", "pw-edna-12345")
    expect(edna.locator("#content-main")).to_contain_text("Clinic queues at dawn")
    edna.goto(f"{live_server.url}/admin/blog/article/{article.pk}/change/")
    edna.fill("#id_title", "Clinic queues at dawn, and why")
    with edna.expect_popup() as popup:
        edna.get_by_role("button", name="Preview").first.click()
    preview = popup.value
    preview.wait_for_load_state()
    expect(preview.locator("h1")).to_contain_text("Clinic queues at dawn, and why")
    expect(preview.get_by_text("Preview — not saved.")).to_be_visible()
    preview.screenshot(path=str(screenshots / "editor-preview.png"), full_page=True)
    preview.close()
    article.refresh_from_db()
    assert article.title == "Clinic queues at dawn"  # the preview saved nothing
    edna.select_option("#id_status", "published")
    edna.locator("input[name=_continue]").first.click()
    expect(edna.locator(".messagelist")).to_contain_text("was changed successfully")
    assert reader.goto(f"{live_server.url}{article.get_absolute_url()}").status == 200
    expect(reader.locator("h1")).to_contain_text("Clinic queues at dawn, and why")

    # A correction, with a title changed in the same save; then the title's earlier version restored.
    edna.locator(".inline-group .add-row a").first.click()
    rows = edna.locator(".inline-group tr.form-row.dynamic-core-correction-content_type-object_id")
    rows.last.locator("select").select_option("correction")
    rows.last.locator("textarea, input[type=text]").first.fill("The clinic opens at eight, not nine.")
    edna.fill("#id_title", "Dawn queues")
    edna.locator("input[name=_continue]").first.click()
    expect(edna.locator(".messagelist")).to_contain_text("was changed successfully")
    reader.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(reader.locator("h1")).to_contain_text("Dawn queues")
    expect(reader.locator("main")).to_contain_text("The clinic opens at eight, not nine.")

    edna.goto(f"{live_server.url}/admin/blog/article/{article.pk}/history/")
    edna.screenshot(path=str(screenshots / "editor-history.png"), full_page=True)
    edna.locator("#change-history tbody tr").nth(1).locator("th a").click()  # the version before the last
    expect(edna.locator("#id_title")).to_have_value("Clinic queues at dawn, and why")
    edna.locator("input[name=_save]").first.click()
    expect(edna.locator(".messagelist")).to_contain_text("was changed successfully")
    reader.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(reader.locator("h1")).to_contain_text("Clinic queues at dawn, and why")
    expect(reader.locator("main")).to_contain_text("The clinic opens at eight, not nine.")  # the log stays
    edna.goto(f"{live_server.url}/admin/blog/article/{article.pk}/history/")
    expect(edna.locator("#change-history tbody tr")).to_have_count(4)  # submitted, published, corrected, restored


def test_the_demo_front_page_on_a_phone_and_an_article_on_a_desktop(desk, live_server, screenshots):
    call_command("seed_demo", stdout=io.StringIO())
    phone = desk(390, 844)
    phone.goto(f"{live_server.url}/")
    lead = phone.locator(".lead-story")
    expect(lead).to_be_visible()
    assert lead.locator("img").count() == 1
    phone.screenshot(path=str(screenshots / "front-page-phone.png"))
    article = Article.objects.published().exclude(lead_image="").filter(body__contains="<figure").first()
    article = article or Article.objects.published().exclude(lead_image="").first()
    laptop = desk(1366, 900)
    laptop.goto(f"{live_server.url}{article.get_absolute_url()}")
    lead_image = laptop.locator("main img").first
    assert lead_image.get_attribute("srcset").count("w") >= 2 and lead_image.get_attribute("width")
    laptop.screenshot(path=str(screenshots / "article-desktop.png"))
