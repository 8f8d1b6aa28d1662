"""Tags as editors type them and readers reach them: names separated by commas, in any language, each with a page.

django-taggit does the storing; the settings TAGGIT_TAGS_FROM_STRING and TAGGIT_STRING_FROM_TAGS point at the
two functions below, and `fill_slug` runs before every tag is saved.
"""

import hashlib
import re

from django.utils.text import slugify

MAX_NAME_LENGTH = 100  # taggit's Tag.name
# What slugify(name, allow_unicode=True) writes: letters and digits of any alphabet, hyphens and underscores.
SLUG_PATTERN = r"[-\w]+"


def parse_tags(text):
    """The tag names in what an editor typed, sorted: "mental health, nursing" is two tags, spaces kept.

    Commas separate names, and so do double quotes around a name, which may then hold a comma ("Smith, Jones").
    A name longer than a tag's may be is refused with ValueError, which taggit's form field shows as its
    "comma-separated list of tags" message.
    """
    names, name, quoted = [], [], False
    for char in text or "":
        if char == '"' or (char == "," and not quoted):
            names.append("".join(name))
            name = []
            quoted = not quoted if char == '"' else quoted
        else:
            name.append(char)
    tail = "".join(name)
    names.extend(tail.split(",") if quoted else [tail])  # an unclosed quote quotes nothing
    names = {" ".join(name.split()) for name in names} - {""}
    if any(len(name) > MAX_NAME_LENGTH for name in names):
        raise ValueError(f"A tag name has more than {MAX_NAME_LENGTH} characters.")
    return sorted(names)


def tags_as_text(tags):
    """Tags as the tag field shows them to editors, so that saving the form again keeps them (`parse_tags`)."""
    return ", ".join(sorted(f'"{tag.name}"' if "," in tag.name else tag.name for tag in tags))


class TagSlugConverter:
    """A tag's slug in a URL, in whatever alphabet its name is written."""

    regex = SLUG_PATTERN

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


def needs_new_slug(slug):
    """True for a slug no URL can carry (empty, or outside SLUG_PATTERN), or one that is only taggit's "_1", "_2"...
    numbering, which it gives the second and third names that slugify to nothing."""
    return not re.fullmatch(SLUG_PATTERN, slug) or bool(re.fullmatch(r"_\d+", slug))


def slug_for(name):
    """The slug of a tag called `name`: its name slugified in its own alphabet ("santé-publique", "日本語の記事").

    A name with no letter or digit ("!!!") gets "tag-" and a digest of the name: still its own, never empty.
    """
    return slugify(name, allow_unicode=True) or f"tag-{hashlib.sha256(name.encode()).hexdigest()[:8]}"


def fill_slug(sender, instance, **kwargs):
    """Before taggit saves a tag: give it a slug when the one taggit made cannot be part of a URL.

    taggit slugifies "!!!" to "", which its tag page, feeds and the sitemap cannot link to.
    """
    if needs_new_slug(instance.slug):
        instance.slug = slug_for(instance.name)
