"""An editor puts a library picture into an article's body with the editor's figure button, under the policy."""

import pytest
from playwright.sync_api import expect

from blog.models import Article
from core.models import Image
from tests.e2e.test_discussion import log_in
from tests.factories import png_file

pytestmark = pytest.mark.django_db(transaction=True)


def test_editor_inserts_a_figure_from_the_image_library(page, live_server, django_user_model):
    from core.roles import sync_groups

    editor = django_user_model.objects.create_user("edna", password="pw-edna-12345", is_staff=True)
    editor.groups.add(sync_groups()["Editors"])
    image = Image.objects.create(
        file=png_file("ward.png", size=(1200, 800)), alt="A quiet ward at night", caption="The ward at three",
        credit="Photo: Ama Mensah",
    )  # fmt: skip
    problems = []

    def watch(target):
        target.on("console", lambda message: message.type in ("error", "warning") and problems.append(message.text))
        target.on("pageerror", lambda error: problems.append(str(error)))

    watch(page)
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, "edna", "pw-edna-12345")
    page.goto(f"{live_server.url}/admin/blog/article/add/")
    page.locator("#id_title").press_sequentially("A ward at night")
    body = page.locator(".prose-editor .ProseMirror:visible").first
    body.click()
    page.keyboard.type("Before the picture.")
    page.locator(".prose-menubar button[title=figure]").first.click()
    dialog = page.locator("dialog.prose-editor-dialog")
    expect(dialog).to_be_visible()
    with page.expect_popup() as popup_info:
        dialog.get_by_role("button", name="Browse...").click()
    picker = popup_info.value
    watch(picker)
    picker.wait_for_load_state()
    picker.screenshot(path="/tmp/image-picker.png", full_page=True)
    expect(picker.locator(".image-picker__no-editor")).to_be_hidden()
    with picker.expect_event("close"):  # the picker closes itself at once: listen before the click
        picker.get_by_role("button", name="Use this picture").first.click()
    expect(dialog.locator("input[name=altText]")).to_have_value("A quiet ward at night")
    expect(dialog.locator("input[name=caption]")).to_have_value("The ward at three — Photo: Ama Mensah")
    dialog.get_by_role("button", name="Insert").click()
    expect(page.locator(".ProseMirror figure img")).to_have_attribute("src", image.file.url)
    page.screenshot(path="/tmp/editor-figure.png", full_page=True)
    page.locator("input[name=_save]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    article = Article.objects.get(slug="a-ward-at-night")
    assert (
        f'<figure><img src="{image.file.url}" alt="A quiet ward at night" width="1200" height="800">'
        "<figcaption>The ward at three — Photo: Ama Mensah</figcaption></figure>"
    ) in article.body
    assert not [text for text in problems if "Content Security Policy" in text or "Refused" in text], problems
