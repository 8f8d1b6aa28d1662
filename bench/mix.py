"""The mix scenario of `make bench`: readers spread over a large archive, while a returning reader comments.

wrk (bench/mix.lua) asks for pages picked at random from a pool in which each kind of page appears as often as
its share of the traffic (SHARES): article pages of 1,000 articles of the archive, the home page and the section
lists with their next pages, and tag pages (bench/pages.py --mix lists them). A warm-up pass first asks for
every one of those pages once. The mix then runs twice: readers only, then with a thread that posts a comment
every few seconds to one of those articles, the way a browser does (GET the comments page, POST its form back
with its hidden fields and the CSRF cookie), as a returning reader, so each comment is published at once.

Afterwards every commented article is read again as an anonymous reader: its item page must count the new
comments, and the comments page the poster was sent to must show each of them. A page that does not is stale.
"""

import http.client
import re
import threading
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

SCRIPT = Path(__file__).resolve().parent / "mix.lua"
# Who comments during the mix; bench/returning_reader.py gives them an approved comment first.
READER = {"name": "Bench Reader", "email": "bench.reader@example.org"}
SHARES = {"articles": 85, "lists": 10, "tags": 5}  # percent of requests
SHARES_TOLD = (
    f"{SHARES['articles']}% article pages of the archive, {SHARES['lists']}% the home page and section lists "
    f"(pages 1 to 3), {SHARES['tags']}% tag pages"
)
POOL_SIZE = 20_000  # lines in wrk's pool: 17 for each of 1,000 articles
# What the item page and the comments page say about the discussion (templates core/entry_detail.html and
# comments/entry_comments.html): read to know whether a page counts the comments posted.
COUNT_LINK = re.compile(r"Read comments \((\d+)\)")
COUNT_HEADING = re.compile(r'id="comments-heading">(?:(\d+) comments?|No comments yet)<')
# Where the site sends a poster whose comment is published: to the comment itself (comments/views.py).
PUBLISHED_AT = re.compile(r"#c\d+$")


def fetch(base, path, method="GET", body=None, headers=None, timeout=60):
    """(status, response headers, text) of one request, on a connection of its own.

    A request that fails (refused, reset, timed out) gives the status 0 and the error as its text.
    """
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode()
    except (OSError, http.client.HTTPException) as error:
        return 0, http.client.HTTPMessage(), f"{type(error).__name__}: {error}"
    finally:
        connection.close()


def write_pool(pages, path):
    """Write wrk's pool of paths: each kind repeated to its share of POOL_SIZE, its pages in turn."""
    urls = {"articles": [item for item, _comments in pages["articles"]], "lists": pages["lists"], "tags": pages["tags"]}
    lines = []
    for kind, share in SHARES.items():
        if urls[kind]:
            lines += [urls[kind][i % len(urls[kind])] for i in range(POOL_SIZE * share // 100)]
    path.write_text("\n".join(lines) + "\n")
    return sorted(set(lines))


def warm_up(base, urls, connections):
    """Ask for every page of the mix once, `connections` at a time; return those that did not answer 200."""
    with ThreadPoolExecutor(max_workers=connections) as pool:
        statuses = list(pool.map(lambda url: fetch(base, url)[0], urls))
    return [f"{url}: {status}" for url, status in zip(urls, statuses, strict=True) if status != 200]


class CommentForm(HTMLParser):
    """The comment form of a comments page: where it posts, and the values of its hidden fields."""

    def __init__(self, comments_path):
        super().__init__()
        self.comments_path = comments_path
        self.action = None
        self.fields = {}
        self.inside = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("action") or "").startswith(self.comments_path):
            self.action, self.inside = attrs["action"].split("#")[0], True
        elif tag == "input" and self.inside and attrs.get("type") == "hidden":
            self.fields[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


@dataclass
class Post:
    item: str  # the article's page
    text: str
    count_before: int  # comments its comments page counted before this post
    status: int
    location: str  # where the site sent the poster

    @property
    def published(self):
        return self.status == 302 and PUBLISHED_AT.search(self.location) is not None

    @property
    def held(self):
        return self.status == 302 and "#comment-status" in self.location


class ReturningReader(threading.Thread):
    """Posts a comment every `every` seconds to a random one of `articles`, until `stopping` is set."""

    def __init__(self, base, articles, every, rng):
        super().__init__(name="returning reader", daemon=True)
        self.base, self.articles, self.every, self.rng = base, articles, every, rng
        self.run_id = uuid.uuid4().hex[:8]
        self.stopping = threading.Event()
        self.posts, self.failures = [], []

    def run(self):
        while not self.stopping.is_set():
            started = time.monotonic()
            item, comments = self.rng.choice(self.articles)
            try:
                self.posts.append(self.post(item, comments, number=len(self.posts) + 1))
            except ValueError as error:
                self.failures.append(f"{comments}: {error}")
            self.stopping.wait(max(0.0, self.every - (time.monotonic() - started)))

    def post(self, item, comments, number):
        status, headers, page = fetch(self.base, comments)
        form = CommentForm(comments)
        form.feed(page)
        heading = COUNT_HEADING.search(page)
        if status != 200 or form.action is None or heading is None:
            raise ValueError(f"no comment form (status {status}{', ' + page if not status else ''})")
        cookies = SimpleCookie()
        for header in headers.get_all("Set-Cookie") or ():
            cookies.load(header)
        text = f"Comment {number} of the bench run {self.run_id}, from its returning reader."
        body = urlencode(form.fields | {"name": READER["name"], "email": READER["email"], "comment": text})
        status, headers, _ = fetch(
            self.base,
            form.action,
            method="POST",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": "; ".join(f"{name}={morsel.value}" for name, morsel in cookies.items()),
            },
        )
        return Post(item, text, int(heading[1] or 0), status, headers.get("Location", ""))


def stale_pages(base, posts):
    """The pages that do not show the comments posted: item pages counting too few, comments pages lacking one."""
    by_item = defaultdict(list)
    for post in posts:
        by_item[post.item].append(post)
    stale = []
    for item, item_posts in by_item.items():
        expected = item_posts[0].count_before + len(item_posts)
        status, _, page = fetch(base, item)
        shown = COUNT_LINK.search(page)
        if status != 200 or shown is None or int(shown[1]) < expected:
            stale.append(f"{item} counts {shown[1] if shown else 'no'} comments, not {expected} (status {status})")
        for post in item_posts:
            where = urlsplit(post.location)
            path = f"{where.path}?{where.query}" if where.query else where.path
            status, _, page = fetch(base, path)
            if status != 200 or post.text not in page:
                stale.append(f"{path} lacks “{post.text}” (status {status})")
    return stale


def run_mix(base, pages, drive, workdir, every, connections, rng):
    """Warm up, run the mix without then with comments; return both measures and what became of the comments.

    `drive(url, script, args)` runs wrk with a script and returns its parsed measures.
    """
    pool = workdir / "mix-paths.txt"
    urls = write_pool(pages, pool)
    not_ok = warm_up(base, urls, connections)
    readers_only = drive(f"{base}/", SCRIPT, [pool])
    poster = ReturningReader(base, pages["articles"], every, rng)
    poster.start()
    try:
        with_comments = drive(f"{base}/", SCRIPT, [pool])
    finally:
        poster.stopping.set()
        poster.join()
    published = [post for post in poster.posts if post.published]
    return (
        readers_only,
        with_comments,
        {
            "warm-up failures": not_ok,
            "posted": len(poster.posts) + len(poster.failures),
            "published": len(published),
            "held": sum(post.held for post in poster.posts),
            "failed": [f"{post.item}: {post.status} {post.location}" for post in poster.posts if post.status != 302]
            + poster.failures,
            "stale": stale_pages(base, published),
        },
    )
