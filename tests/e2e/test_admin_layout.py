"""The editors' admin on a 1366 px laptop: lists readable without scrolling sideways, a body editor to write in."""

import pytest

from tests.e2e.test_discussion import log_in
from tests.factories import make_article, make_author, make_source, png_file

pytestmark = pytest.mark.django_db(transaction=True)

LONG_TITLE = "What a ten-minute appointment can hold, and what it cannot: notes from a year of general practice"


@pytest.fixture
def editor_page(page, live_server, django_user_model):
    from core.roles import sync_groups

    editor = django_user_model.objects.create_user("edna", password="pw-edna-12345", is_staff=True)
    editor.groups.add(sync_groups()["Editors"])
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server, "edna", "pw-edna-12345")
    return page


def test_the_item_list_fits_a_laptop_screen_with_titles_not_squeezed(editor_page, live_server):
    authors = [make_author("Dr Adaeze Okonkwo-Whitfield"), make_author("Samir Qureshi"), make_author("Lee Park")]
    source = make_source("The Waiting Room Review of Hospital Practice")
    for n in range(5):
        make_article(title=f"{LONG_TITLE} ({n})", authors=authors, source=source, tags=["general practice"])
    page = editor_page
    page.goto(f"{live_server.url}/admin/blog/article/")
    page.screenshot(path="/tmp/admin-articles-1366.png", full_page=True)
    scroll = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll[0] <= scroll[1], f"the page scrolls sideways: {scroll}"
    table = page.evaluate("() => { const t = document.querySelector('#result_list'); return [t.scrollWidth, "
                          "t.parentElement.clientWidth]; }")  # fmt: skip
    assert table[0] <= table[1], f"the list scrolls sideways in its box: {table}"
    title = page.locator("#result_list th.field-title").first.bounding_box()
    assert title["width"] >= 300, title  # a title reads in two or three lines, not a word a line
    for column in ("field-publication", "field-published_at", "field-byline", "field-source", "field-featured"):
        assert page.locator(f"#result_list td.{column}, #result_list th.{column}").first.is_visible(), column


def test_the_item_form_has_a_tall_body_editor_and_shows_the_lead_image(editor_page, live_server):
    article = make_article(lead_image=png_file("lead.png"), lead_image_alt="A ward at night.")
    page = editor_page
    problems = []
    page.on("console", lambda message: message.type in ("error", "warning") and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{live_server.url}/admin/blog/article/{article.pk}/change/")
    page.screenshot(path="/tmp/admin-article-form-1366.png", full_page=True)
    assert not problems, problems
    editor = page.locator(".prose-editor .ProseMirror:visible").first
    assert editor.bounding_box()["height"] >= 24 * 16 - 1
    preview = page.locator("img.lead-image-preview")
    assert preview.is_visible()
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", preview.element_handle())
    page.screenshot(path="/tmp/admin-article-form-1366.png", full_page=True)
