"""The pages a load test asks for, found in the database it runs against, with each page's SQL.

Run inside the project's environment (settings from the environment, as `manage.py` does):

    python bench/pages.py                  # JSON: {kind: {"url", "status", "queries"}}
    python bench/pages.py --explain DIR    # and EXPLAIN (ANALYZE, BUFFERS) of every query, one file a page

Queries are counted with Django's test client, as tests/core/test_queries.py does: the second request for a
URL, once per-process caches are warm, for an anonymous reader.
"""

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.apps import apps  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from taggit.models import Tag  # noqa: E402

from core.models import Author  # noqa: E402

SEARCH_QUERY = "health"


def pages():
    """{kind: URL}: the busiest tag, the newest article carrying it, the most prolific author."""
    article_model = apps.get_model("blog", "Article")
    tag = Tag.objects.annotate(n=Count("taggit_taggeditem_items")).order_by("-n", "pk").first()
    article = article_model.objects.published().filter(tags=tag).first() or article_model.objects.published().first()
    author = Author.objects.annotate(n=Count("blog_article_set")).order_by("-n", "pk").first()
    urls = {"healthz": "/healthz", "home": "/", "section list": "/articles/"}
    if article:
        urls["item page"] = article.get_absolute_url()
        urls["comments page"] = article.get_comments_url()
    if tag:
        urls["tag page"] = f"/tags/{tag.slug}/"
    if author:
        urls["author page"] = author.get_absolute_url()
    urls["search"] = f"/search/?q={SEARCH_QUERY}"
    return urls


def measure(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, [query["sql"] for query in captured]


def explain(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--explain", metavar="DIR", type=Path, help="write EXPLAIN ANALYZE of each page's queries")
    args = parser.parse_args()
    setup_test_environment()  # lets the test client's host in, whatever ALLOWED_HOSTS says
    client = Client()
    result = {}
    for kind, url in pages().items():
        status, queries = measure(client, url)
        result[kind] = {"url": url, "status": status, "queries": len(queries)}
        if args.explain and status == 200 and connection.vendor == "postgresql":
            args.explain.mkdir(parents=True, exist_ok=True)
            plans = [f"-- {sql}\n{explain(sql)}" for sql in queries if sql.lstrip("( ").upper().startswith("SELECT")]
            name = kind.replace(" ", "-")
            (args.explain / f"{name}.txt").write_text(f"{url}\n\n" + "\n\n".join(plans) + "\n")
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
