"""The admin's rich-text editor works under the Content-Security-Policy: no violation, the body is saved."""

import pytest
from playwright.sync_api import expect

from blog.models import Article
from tests.e2e.test_discussion import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_editor_writes_an_article_in_the_rich_text_editor_under_the_policy(page, live_server, django_user_model):
    from core.roles import sync_groups

    editor = django_user_model.objects.create_user("edna", password="pw-edna-12345", is_staff=True)
    editor.groups.add(sync_groups()["Editors"])
    problems = []
    page.on("console", lambda message: message.type in ("error", "warning") and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.set_viewport_size({"width": 1366, "height": 900})

    log_in(page, live_server, "edna", "pw-edna-12345")
    page.goto(f"{live_server.url}/admin/blog/article/add/")
    page.locator("#id_title").press_sequentially("Notes from the night ward")
    expect(page.locator("#id_slug")).to_have_value("notes-from-the-night-ward")  # the admin's own script ran
    body = page.locator(".prose-editor .ProseMirror:visible").first
    body.click()
    page.keyboard.type("Handover at seven. ")
    page.keyboard.press("Control+b")
    page.keyboard.type("Sleep")
    page.keyboard.press("Control+b")
    page.keyboard.type(" after.")
    page.screenshot(path="/tmp/editor-under-csp.png", full_page=True)
    page.locator("input[name=_save]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    article = Article.objects.get(slug="notes-from-the-night-ward")
    assert "<strong>Sleep</strong>" in article.body and "Handover at seven." in article.body
    assert not [text for text in problems if "Content Security Policy" in text or "Refused" in text], problems
