"""Authors, syndication sources and slugs: found by name when they are already here, else created once."""

import re
from urllib.parse import unquote, urlsplit

from django.urls import Resolver404, resolve
from django.utils.text import slugify

from core.models import Author, Source
from wordpress.content import plain_text
from wordpress.models import ImportedObject

SLUG_ROOM = 190  # leaves room for "-2", "-3"... within the 200 characters of a slug


def free_slug(model, candidates, fallback, reachable=None):
    """The first of `candidates` that slugifies to something with a letter, made unique in `model` ("-2"...).

    URLs carry ASCII slugs only (Django's `slug` converter): a Greek title falls back to `fallback`.
    `reachable(slug)` may refuse a slug that its URL would not reach (an article called "feed").
    """
    base = next((s for s in map(slugify, candidates) if re.search("[a-z]", s)), fallback)[:SLUG_ROOM].strip("-")
    slug, number = base, 1
    while model.objects.filter(slug=slug).exists() or (reachable and not reachable(slug)):
        number += 1
        slug = f"{base}-{number}"
    return slug


def entry_slug(model, item):
    """A slug for an item: WordPress's own ("santé" becomes "sante"), else one made from its title."""
    candidates = [unquote(item.name), plain_text(item.title)]
    return free_slug(model, candidates, f"{item.type}-{item.id}", _detail_page(model))


def _detail_page(model):
    def reachable(slug):
        try:
            return resolve(model(slug=slug).get_absolute_url()).url_name == "detail"
        except Resolver404:
            return False

    return reachable


class People:
    """The authors and syndication sources of one run, each looked up or created once."""

    def __init__(self, survey, report):
        self.survey, self.report = survey, report
        self.authors, self.sources = {}, {}

    def author(self, login):
        """The Author for a WordPress login: imported before, or already here by name, or created now."""
        if not login:
            return None
        if login not in self.authors:
            self.authors[login] = self._author(login, self.survey.authors.get(login) or login)
        return self.authors[login]

    def _author(self, login, name):
        row = ImportedObject.objects.filter(kind=ImportedObject.Kind.AUTHOR, wordpress_id=login).first()
        author = row and row.content_object
        if author:
            self.report.skip("authors", "already imported")
            return author
        author = Author.objects.filter(name__iexact=name).first()
        if author:
            self.report.skip("authors", "an author of that name was already here: their items are credited to them")
        else:
            author = Author.objects.create(name=name[:200], slug=free_slug(Author, [name, login], "author"))
            self.report.add("authors")
        ImportedObject.objects.update_or_create(
            kind=ImportedObject.Kind.AUTHOR, wordpress_id=login,
            defaults={"site": self.survey.site, "content_object": author},
        )  # fmt: skip
        return author

    def source(self, syndication, item):
        """The Source a syndication line names: one of that name or web address, or a new one."""
        key = syndication.name.lower()
        if key not in self.sources:
            self.sources[key] = self._source(syndication, item)
        return self.sources[key]

    def _source(self, syndication, item):
        parts = urlsplit(syndication.url)
        source = Source.objects.filter(name__iexact=syndication.name).first()
        if not source and parts.netloc:
            host = parts.netloc.lower()
            source = next((s for s in Source.objects.filter(home_url__icontains=host)
                           if urlsplit(s.home_url).netloc.lower() == host), None)  # fmt: skip
        if not source:
            home = f"{parts.scheme}://{parts.netloc}/" if parts.netloc else ""
            source = Source.objects.create(
                name=syndication.name[:200], slug=free_slug(Source, [syndication.name], "source"), home_url=home
            )
            if not home:
                self.report.warn(
                    item, f'new syndication source "{source.name}" has no web address: add it in the admin'
                )
        return source
