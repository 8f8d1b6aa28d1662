"""The dependency keys (core.dependencies) of core's content: what a page showing it names, what a write bumps.

An item's own key covers its page and its card everywhere (title, excerpt, picture; its discussion key the
comment count), so every page listing it is remade when it changes or leaves. Keys of what an item may join
cover the pages it is not on yet: its section's list key (the section, the front page, archives, feeds,
search), its tags', authors' and source's keys (their pages, and the related-items blocks of items sharing
a tag).
"""

from taggit.models import Tag, TaggedItem

from core.cache import schedule_changed
from core.dependencies import (
    CORRECTIONS,
    SIDEBAR,
    author_key,
    changed,
    discussion_key,
    entry_key,
    list_key,
    notes_key,
    source_key,
    tag_key,
    track,
    track_relation,
)
from core.models import Author, Correction, Entry, Source

# Sections the sidebar lists (core/templatetags/sidebar.py): a write to one of their items may change it.
SIDEBAR_SECTIONS = {"interviews.interview", "cartoons.cartoon", "reviews.bookreview"}


def card_keys(entry, with_comments=True):
    """What a page showing `entry` (its page or its card in a list, with its comment count) depends on."""
    keys = [entry_key(entry), *(author_key(author.pk) for author in entry.authors.all())]
    if with_comments:
        keys.append(discussion_key(entry._meta.label_lower, entry.pk))
    if entry.source_id:
        keys.append(source_key(entry.source_id))
    return keys


def entry_written(entry, created):
    schedule_changed()
    keys = [*card_keys(entry), list_key(type(entry)), *(tag_key(pk) for pk in entry.tags.values_list("pk", flat=True))]
    if entry.loaded_source_id and entry.loaded_source_id != entry.source_id:
        keys.append(source_key(entry.loaded_source_id))  # the source it leaves lists one item fewer
    if entry._meta.label_lower in SIDEBAR_SECTIONS:
        keys.append(SIDEBAR)
    return keys


def entries_changed(entries):
    """For writes through QuerySet.update(), which send no signal: bump what each of `entries` is shown in."""
    changed(*(key for entry in entries for key in entry_written(entry, created=False)))


def tags_relinked(instance, tag_pks):
    """The item's page, and the tags it joins or leaves: their pages and counts (None: every tag it had)."""
    if not isinstance(instance, Entry):  # relinked from the tag's side
        return [tag_key(instance.pk), *(list_key(model) for model in _entry_models())]
    if tag_pks is None:
        tag_pks = instance.tags.values_list("pk", flat=True)
    return [entry_key(instance), *(tag_key(pk) for pk in tag_pks)]


def authors_relinked(instance, author_pks):
    if not isinstance(instance, Entry):
        return [author_key(instance.pk), *(list_key(model) for model in _entry_models())]
    if author_pks is None:
        author_pks = instance.authors.values_list("pk", flat=True)
    return [entry_key(instance), *(author_key(pk) for pk in author_pks)]


def correction_written(note, created):
    """A note shows on its item's page and on /corrections/ with its feeds."""
    return [notes_key(note.label, note.object_id), CORRECTIONS]


def _entry_models():
    from core.registry import entry_models

    return entry_models()


def connect():
    """Track every write readers' pages can show: items, their tags and authors, authors, sources, tags."""
    for model in _entry_models():
        track(model, entry_written)
        track_relation(model.authors.through, authors_relinked)
    track_relation(TaggedItem, tags_relinked)
    track(Tag, lambda tag, created: [tag_key(tag.pk)])
    track(Author, lambda author, created: [author_key(author.pk)])
    track(Source, lambda source, created: [source_key(source.pk)])
    track(Correction, correction_written)
