"""Random and hostile input, posted and requested everywhere a reader, moderator or editor can send it.

Whatever arrives, the site answers below 500 and logs no error; whatever it stores, every page that shows it
still answers 200, parses, and carries no markup a reader typed. The examples are the same on every run (the
"ci" profile of tests/fuzz.py); HYPOTHESIS_PROFILE=explore FUZZ_SCALE=10 searches further.
"""

from urllib.parse import quote, urlencode

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django_comments_xtd.models import XtdComment
from hypothesis import example, given, settings
from hypothesis import strategies as st
from taggit.models import Tag

from core.models import Author, Source
from tests.factories import (
    comment_form_data,
    make_article,
    make_author,
    make_cartoon,
    make_comment,
    make_interview,
    make_review,
    make_source,
)
from tests.fuzz import (
    EVERY_PAYLOAD,
    assert_well_formed,
    examples,
    hostile_text,
    paths,
    query_strings,
    request,
    url_patterns,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings):
    """An item of every section with an author, a source, tags and comments; fuzzed comments publish at once."""
    settings.COMMENTS_RATE_LIMIT = "1000000/m"
    settings.COMMENTS_HOLD_FIRST_TIME = False
    author, source = make_author("Ann Author", slug="ann"), make_source("Partner", slug="partner")
    article = make_article(slug="fuzzed", tags=["health", "santé publique"], authors=[author])
    others = [
        make_interview(slug="talk", interviewees=[("Dr Who", "Doctor")], authors=[author]),
        make_review(slug="book", tags=["health"], source=source, original_url="https://partner.example.org/b"),
        make_cartoon(slug="drawn", authors=[author]),
    ]
    first = make_comment(article, "First!")
    make_comment(article, "A reply.", parent=first)
    make_comment(article, "Held.", is_public=False)
    return [article, *others]


def known_values(items):
    """Slugs and ids the URL patterns take, so fuzzed paths also reach real pages."""
    values = [item.slug for item in items] + ["ann", "partner", "health", "santé-publique", "2026", "01", "1"]
    values += [str(item.pk) for item in items] + [str(ContentType.objects.get_for_model(items[0]).pk)]
    return values + [str(pk) for pk in XtdComment.objects.values_list("pk", flat=True)]


def pages_showing_comments(client, entry):
    """Every page on which a comment, or its count, can appear."""
    return [entry.get_comments_url(), entry.get_absolute_url(), "/", entry.section_url, "/tags/health/", "/feed/"]


# --- The comment form --------------------------------------------------------------------------------------------

FORM_FIELDS = ["name", "email", "url", "comment", "reply_to", "honeypot", "followup", "remember"]


def fits(length):
    """Hostile text the form takes in a required field of `length` characters: never blank."""
    return hostile_text.map(lambda text: text[:length] if text[:length].strip() else f"{text[: length - 9]}A reader.")


def test_fuzzed_comments_never_fail_and_never_break_a_page_that_shows_them(client, site, moderator):
    entry = site[0]
    comment_ids = [str(pk) for pk in XtdComment.objects.values_list("pk", flat=True)]

    # Hostile text the form takes (so that it is stored and shown), then some fields broken altogether.
    @settings(max_examples=examples(60))
    @given(
        name=fits(50), email=st.emails(), comment=fits(3000),
        url=st.one_of(st.just(""), hostile_text.map(lambda text: f"https://example.org/{quote(text)[:150]}")),
        reply_to=st.sampled_from(["0", *comment_ids]), honeypot=st.just(""),
        broken=st.dictionaries(st.sampled_from(FORM_FIELDS), hostile_text | st.integers().map(str), max_size=2),
    )  # fmt: skip
    @example(name=EVERY_PAYLOAD[2:52], email="a@example.org", comment=EVERY_PAYLOAD.replace("\x00", ""), url="",
             reply_to="0", honeypot="", broken={})  # fmt: skip
    @example(name="Ann", email="a@example.org", comment=EVERY_PAYLOAD, url="", reply_to="0", honeypot="", broken={})
    def post(broken, **fields):
        data = comment_form_data(entry, **fields) | broken
        response = request(client, "post", entry.get_comments_url(), data=data)
        assert response.status_code in (302, 400), response.status_code
        if response.status_code == 400:  # refused: the page shows the reader's text back in the form
            assert_well_formed(response)
            return
        comment = XtdComment.objects.latest("pk")
        page = assert_well_formed(request(client, "get", response["Location"].split("#")[0]))
        if comment.is_public:
            author = page.select_one(f"#c{comment.pk} .comment__author")
            assert author is not None and author.get_text() == comment.user_name

    post()

    assert XtdComment.objects.count() > 10  # enough fuzzed comments got through to be worth checking
    for path in pages_showing_comments(client, entry):
        assert_well_formed(request(client, "get", path))
    client.force_login(moderator)  # held comments, their names and addresses, in the moderation panel
    assert_well_formed(request(client, "get", entry.get_comments_url()))
    admin_list = request(client, "get", "/admin/django_comments_xtd/xtdcomment/")
    assert admin_list.status_code == 200
    assert_well_formed(admin_list, scripts_allowed=True)


def test_fuzzed_security_fields_of_the_comment_form_are_refused_with_a_page(client, site):
    entry = site[0]

    @settings(max_examples=examples(30))
    @given(
        field=st.sampled_from(["content_type", "object_pk", "timestamp", "security_hash"]), value=hostile_text,
    )  # fmt: skip
    def post(field, value):
        data = comment_form_data(entry, **{field: value})
        assert_well_formed(request(client, "post", entry.get_comments_url(), data=data))

    post()


# --- Search -----------------------------------------------------------------------------------------------------


def test_fuzzed_searches_answer_with_a_page(client, site):
    @settings(max_examples=examples(80))
    @given(query=query_strings(), text=hostile_text)
    @example(query="", text=EVERY_PAYLOAD)
    def search(query, text):
        for path in (f"/search/?{query}", f"/search/?q={text}"):
            response = request(client, "get", path)
            assert response.status_code in (200, 400, 404), (path, response.status_code)
            assert_well_formed(response)

    search()


# --- The moderators' buttons ------------------------------------------------------------------------------------


def test_fuzzed_moderator_buttons_never_fail_and_never_break_the_comments_page(client, site, moderator):
    client.force_login(moderator)
    held = [str(pk) for pk in XtdComment.objects.filter(is_public=False).values_list("pk", flat=True)]
    slugs = [(item.section_url, item.slug) for item in site]

    @settings(max_examples=examples(60))
    @given(
        target=st.sampled_from(slugs), button=st.sampled_from(["moderate", "thread"]),
        comment=st.one_of(st.sampled_from(held), hostile_text, st.integers().map(str)),
        action=st.one_of(st.sampled_from(["approve", "remove", "close", "reopen"]), hostile_text),
        reason=hostile_text, extra=st.dictionaries(hostile_text, hostile_text, max_size=2),
    )  # fmt: skip
    @example(target=slugs[0], button="thread", comment="", action="close", reason=EVERY_PAYLOAD, extra={})
    @example(target=slugs[0], button="thread", comment="", action="close", reason=EVERY_PAYLOAD.replace("\x00", ""),
             extra={})  # fmt: skip
    def press(target, button, comment, action, reason, extra):
        section_url, slug = target
        path = f"{section_url}{slug}/comments/{button}/"
        data = extra | {"comment": comment, "action": action, "reason": reason}
        response = request(client, "post", path, data=data)
        assert response.status_code in (302, 400), response.status_code  # 400: a body Django cannot parse
        assert_well_formed(request(client, "get", f"{section_url}{slug}/comments/"))

    press()


def test_fuzzed_desk_buttons_and_log_filters_never_fail(client, site, moderator):
    """The moderators' desk (/admin/moderation/) and its log take whatever a hand-made request sends."""
    client.force_login(moderator)
    ids = [str(pk) for pk in XtdComment.objects.values_list("pk", flat=True)]
    an_id = st.one_of(st.sampled_from(ids), hostile_text, st.integers().map(str))

    @settings(max_examples=examples(30))
    @given(
        queue=st.one_of(st.sampled_from(["pending", "reported", "recent"]), hostile_text),
        do=st.one_of(st.tuples(st.sampled_from(["approve", "remove", "ban", "keep"]), an_id).map(":".join),
                     st.sampled_from(["approve", "remove", "ban", "keep"]), hostile_text),
        selected=st.lists(an_id, max_size=3), reason=hostile_text,
        extra=st.dictionaries(hostile_text, hostile_text, max_size=2),
        log_query=st.dictionaries(st.sampled_from(["action", "actor", "since", "until", "page", "format"]),
                                  hostile_text),
    )  # fmt: skip
    def press(queue, do, selected, reason, extra, log_query):
        data = extra | {"do": do, "selected": selected, "reason": reason}
        response = request(client, "post", f"/admin/moderation/?queue={queue}", data=data)
        assert response.status_code in (302, 400), response.status_code
        # 400: a NUL in the query string (core.middleware); 404: a page past the last
        assert request(client, "get", "/admin/moderation/", data={"queue": queue}).status_code in (200, 400)
        assert request(client, "get", "/admin/moderation/log/", data=log_query).status_code in (200, 400, 404)

    press()


# --- Every URL pattern ------------------------------------------------------------------------------------------

# Parameters the admin reads besides the pages' own: ordering, pages, list filters, popups, the autocomplete.
QUERY_KEYS = ["o", "p", "e", "_changelist_filters", "all", "_popup", "_to_field", "status", "status__exact",
              "publication", "comments_open__exact", "tags__id__exact", "source__id__exact", "is_public__exact",
              "content_type__id__exact", "submit_date__gte", "action__exact", "flagged", "term", "app_label",
              "model_name", "field_name"]  # fmt: skip


@pytest.mark.parametrize("who", ["anonymous", "editor"])
def test_every_url_pattern_answers_fuzzed_paths_and_query_strings_without_a_server_error(client, site, editor, who):
    if who == "editor":
        client.force_login(editor)
    patterns = [levels for levels, _name in url_patterns()]
    known = known_values(site)

    @settings(max_examples=examples(150))
    @given(data=st.data())
    def visit(data):
        levels = data.draw(st.sampled_from(patterns), label="pattern")
        path = data.draw(paths(levels, known), label="path")
        query = data.draw(query_strings(QUERY_KEYS), label="query")
        method = data.draw(st.sampled_from(["get", "head", "post"]), label="method")
        if method == "post" and path.startswith("/admin/") and who == "editor":
            method = "get"  # random posts to the admin would log the editor out or delete the fixtures
        response = request(client, method, f"{path}?{query}")
        if method == "get" and response.status_code == 200:
            assert_well_formed(response, scripts_allowed=path.startswith("/admin/"))

    visit()


def admin_lists(request):
    """(path, list filter parameters, actions) of every model the admin lists, as `request.user` sees it."""
    lists = []
    for model, model_admin in admin.site._registry.items():
        keys = ["q", "o", "p", "e"]
        for spec in model_admin.get_list_filter(request):
            if isinstance(spec, str):
                keys += [spec, f"{spec}__exact", f"{spec}__id__exact", f"{spec}__gte"]
            else:
                keys.append(getattr(spec, "parameter_name", "x"))
        actions = [*model_admin.get_actions(request), "no-such-action"]
        lists.append((f"/admin/{model._meta.app_label}/{model._meta.model_name}/", keys, actions))
    return lists


def test_every_admin_list_answers_fuzzed_filters_searches_and_actions_without_a_server_error(client, rf, site, editor):
    client.force_login(editor)
    fake_request = rf.get("/admin/")
    fake_request.user = editor
    with_nul = st.one_of(hostile_text, hostile_text.map(lambda text: f"{text[:20]}\x00"))
    ids = st.one_of(st.sampled_from(known_values(site)), hostile_text, st.integers().map(str))

    @settings(max_examples=examples(60))
    @given(chosen=st.sampled_from(admin_lists(fake_request)), data=st.data())
    def visit(chosen, data):
        path, keys, actions = chosen
        query = data.draw(st.lists(st.tuples(st.sampled_from(keys), with_nul), min_size=1, max_size=3), label="query")
        response = request(client, "get", f"{path}?{urlencode(query)}")
        if response.status_code == 200:
            assert_well_formed(response, scripts_allowed=True)
        action = data.draw(st.sampled_from(actions), label="action")
        selected = data.draw(st.lists(ids, min_size=1, max_size=3), label="selected")
        request(client, "post", path, data={"action": action, "_selected_action": selected, "index": "0"})

    visit()


# --- What editors store -----------------------------------------------------------------------------------------


def test_hostile_text_that_editors_store_never_breaks_a_public_page_or_feed(client, site, moderator):
    """Titles, names and descriptions as an editor (or an import) may save them: the admin refuses only NULs."""
    article, _interview, review, _cartoon = site
    text = hostile_text.map(lambda value: value.replace("\x00", ""))
    moderator.email = "molly@example.org"  # a held comment mails her, naming the item
    moderator.save()

    every = EVERY_PAYLOAD.replace("\x00", "")

    @settings(max_examples=examples(15))
    @given(title=text, excerpt=text, author=text, source=text, tag=text)
    @example(title=every, excerpt=every, author=every, source=every, tag=every)
    def store(title, excerpt, author, source, tag):
        article.title, article.excerpt = title[:300] or "t", excerpt[:600]
        article.save()
        Author.objects.filter(slug="ann").update(name=author[:200] or "a", bio=excerpt)
        Source.objects.filter(slug="partner").update(name=source[:200] or "s", description=excerpt)
        Tag.objects.filter(slug="health").update(name=tag[:100] or "h")
        for path in (
            "/", article.get_absolute_url(), article.get_comments_url(), review.get_absolute_url(), "/articles/",
            "/tags/health/", "/authors/ann/", "/sources/partner/", "/feed/", "/feed/atom/", "/articles/feed/",
            "/tags/health/feed/", "/authors/ann/feed/atom/", "/sources/partner/feed/", "/sitemap.xml",
            f"/search/?q={title[:50]}",
        ):  # fmt: skip
            response = request(client, "get", path)
            assert response.status_code == 200, (path, response.status_code)
            assert_well_formed(response)
        held = comment_form_data(article, comment="Links: https://a.example https://b.example https://c.example")
        assert request(client, "post", article.get_comments_url(), data=held).status_code == 302

    store()
