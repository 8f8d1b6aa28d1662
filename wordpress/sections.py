"""Which section a WordPress post goes to (`--section-map "Category=section"`), and what a section needs beyond
what WordPress has: a book review's book, a cartoon's drawing.
"""

from django.urls import reverse

from core.registry import entry_models

DEFAULT_SECTION = "articles"


def sections():
    """{URL prefix: model} for every section, e.g. {"articles": Article, "reviews": BookReview}."""
    return {reverse(f"{model._meta.app_label}:list").strip("/"): model for model in entry_models()}


def parse_section_map(pairs):
    """[(category in lower case, model)] from "Category=section" strings, in the order given; ValueError if wrong."""
    known = sections()
    mapping = []
    for pair in pairs:
        category, _, section = pair.rpartition("=")
        category, section = " ".join(category.split()), section.strip().strip("/")
        if not category or section not in known:
            choices = ", ".join(sorted(known))
            raise ValueError(f'--section-map "{pair}": write "Category=section", the section being one of {choices}.')
        mapping.append((category.lower(), known[section]))
    return mapping


def section_for(item, mapping, default):
    """The model of the first mapped category among the post's (by name or by slug); else `default`."""
    categories = {text.lower() for domain, nicename, name in item.terms if domain == "category" for text in (nicename,
                  " ".join(name.split()))}  # fmt: skip
    for category, model in mapping:
        if category in categories:
            return model
    return default


def needs_picture(model):
    """True for a section whose items are a picture (cartoons): no item without its lead image."""
    return not model._meta.get_field("lead_image").blank


def complete(entry, item, report):
    """Fill what a section requires and WordPress never had, and say what an editor should check."""
    if entry._meta.label_lower == "reviews.bookreview":
        entry.book_title = entry.title[: entry._meta.get_field("book_title").max_length]
        entry.book_authors = ""
        report.warn(item, "book review: its book title is the post's title; add the book's author(s) in the admin")
