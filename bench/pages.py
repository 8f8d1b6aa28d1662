"""The pages a load test asks for, found in the database it runs against, with each page's SQL.

Run inside the project's environment (settings from the environment, as `manage.py` does):

    python bench/pages.py                  # JSON: {kind: {"url", "status", "queries"}}
    python bench/pages.py --explain DIR    # and EXPLAIN (ANALYZE, BUFFERS) of every query, one file a page
    python bench/pages.py --mix            # JSON: the pages of the mix scenario (bench/mix.py), by kind

Queries are counted with Django's test client, as tests/core/test_queries.py does: the second request for a
URL, once per-process caches are warm, for an anonymous reader.
"""

import argparse
import json
import os
import random
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
from django.urls import reverse  # noqa: E402
from taggit.models import Tag  # noqa: E402

from core.demo import scale  # noqa: E402
from core.models import Author  # noqa: E402
from core.registry import entry_models  # noqa: E402

SEARCH_QUERY = "health"
MIX_ARTICLES = 1000  # the long tail readers arrive on from search engines
MIX_LIST_PAGES = 3  # the front and section lists' first pages readers browse
MIX_SEED = 9  # the same articles for every run on the same data


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


def mix_pages(client):
    """{"articles": [[item page, comments page], ...], "lists": [URL, ...], "tags": [URL, ...]}.

    Articles are drawn at random from the scale articles (the archive), lists are the home page and each
    section's list with their next pages, and tag pages are those of the scale vocabulary. Lists and tags are
    kept only when they answer 200, as a page beyond the last would not.
    """
    slugs = list(scale.scale_articles().published().order_by("slug").values_list("slug", flat=True))
    chosen = random.Random(MIX_SEED).sample(slugs, min(MIX_ARTICLES, len(slugs)))
    articles = scale.scale_articles().filter(slug__in=chosen).order_by("slug")
    firsts = [reverse("core:home"), *sorted(reverse(f"{model._meta.app_label}:list") for model in entry_models())]
    lists = [url if page == 1 else f"{url}?page={page}" for url in firsts for page in range(1, MIX_LIST_PAGES + 1)]
    tags = [
        reverse("core:tag", kwargs={"slug": tag.slug})
        for tag in Tag.objects.filter(name__in=scale.TAGS).order_by("slug")
    ]
    return {
        "articles": [[article.get_absolute_url(), article.get_comments_url()] for article in articles],
        "lists": [url for url in lists if client.get(url).status_code == 200],
        "tags": [url for url in tags if client.get(url).status_code == 200],
    }


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
    parser.add_argument("--mix", action="store_true", help="list the pages of the mix scenario instead")
    args = parser.parse_args()
    setup_test_environment()  # lets the test client's host in, whatever ALLOWED_HOSTS says
    client = Client()
    if args.mix:
        json.dump(mix_pages(client), sys.stdout, indent=2)
        print()
        return
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
