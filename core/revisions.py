"""Every saved version of an item, author and source (django-reversion): who saved it, when, and why.

A revision is recorded wherever an item is saved: the admin's forms and list actions (core.admin_revisions), the
WordPress importer and seed_demo (`recording()`). A revision holds one item only, with its tag links and the rows
its section shows with it (`Entry.revision_follow`, e.g. an interview's interviewees): restoring a revision
puts back exactly that item, never another saved in the same breath.

This module also reads revisions back for editors: `compare()` says what changed between two versions of an
item, `last_saved()` who saved it last.
"""

import difflib
import html
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

import reversion
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from reversion.models import Version
from taggit.models import Tag

from core.models import Author, Entry, Source

# Not stored: the search column is the database's own, `version` counts saves (restoring must not rewind it,
# or an old form would pass the check for edits made over someone else's), and tags go through `tag_links`.
NOT_STORED = ("search_document", "version", "tags")
# Not compared: what follows from other fields or is the database's own bookkeeping.
NOT_COMPARED = {"id", "created_at", "updated_at", "version", "search_document"}


def register_models():
    """Register items of every section, authors and sources with django-reversion. Running it again does nothing.

    Called by the admin (whose VersionAdmin would otherwise register models its own way) and by the app's
    ready(), so that scripts record revisions whether or not the admin is loaded.
    """
    from core.registry import entry_models

    tag_link = Entry._meta.get_field("tags").remote_field.through
    _register(tag_link)
    for model in (Author, Source):
        _register(model)
    for model in entry_models():
        for name in model.revision_follow:
            _register(model._meta.get_field(name).related_model)
        _register(model, exclude=NOT_STORED, follow=("tag_links", *model.revision_follow))


def _register(model, **options):
    if not reversion.is_registered(model):
        reversion.register(model, **options)


@contextmanager
def recording(comment, user=None):
    """Record what is saved inside as one revision, with `comment` and `user` (None for a script).

    Wrap each item apart, so that restoring one never touches another:

        with recording("Imported from WordPress"):
            entry.save()
            entry.tags.add(...)
    """
    with reversion.create_revision():
        reversion.set_comment(str(comment))
        if user is not None:
            reversion.set_user(user)
        yield


def versions_of(obj):
    """The stored versions of `obj`, newest first, with who saved each."""
    return Version.objects.get_for_object(obj).select_related("revision__user")


@dataclass
class LastSave:
    user: object  # None: a script or the importer
    date: object

    @property
    def who(self):
        if self.user is None:
            return _("A script or import")
        return self.user.get_full_name() or self.user.get_username()


def last_saved(obj):
    """Who saved `obj` last, and when: its newest revision, else the admin's log, else its `updated_at`."""
    version = versions_of(obj).first()
    if version is not None:
        return LastSave(version.revision.user, version.revision.date_created)
    log = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk), action_flag=CHANGE
        )
        .select_related("user")
        .order_by("-action_time")
        .first()
    )
    if log is not None:
        return LastSave(log.user, log.action_time)
    return LastSave(None, getattr(obj, "updated_at", None))


# Comparing two versions


@dataclass
class Change:
    """One field that differs: `segments` for text (("equal"|"delete"|"insert", text) pairs), else old and new."""

    label: str
    segments: list = field(default_factory=list)
    old: str = ""
    new: str = ""
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    note: str = ""


def compare(older, newer):
    """What changed from version `older` to version `newer` of one object: a list of Change, in form order."""
    old, new = snapshot(older), snapshot(newer)
    changes = []
    for name, (label, kind) in new["fields"].items():
        before, after = old["values"].get(name), new["values"].get(name)
        if before == after:
            continue
        if kind == "text":
            changes.append(text_change(label, before or "", after or ""))
        elif kind == "html":
            changes.append(html_change(label, before or "", after or ""))
        elif kind == "set":
            changes.append(Change(label, added=sorted(after - before), removed=sorted(before - after)))
        else:
            changes.append(Change(label, old=before, new=after))
    return changes


def snapshot(version):
    """{"fields": {name: (label, kind)}, "values": {name: comparable value}} of one stored version."""
    obj = version._object_version.object
    model = type(obj)
    fields, values = {}, {}
    for name in reversion.revisions._get_options(model).fields:
        model_field = model._meta.get_field(name)
        if name in NOT_COMPARED or not model_field.editable:
            continue
        label = str(model_field.verbose_name).capitalize()
        if isinstance(model_field, models.ManyToManyField):
            pks = version.field_dict.get(model_field.attname) or []
            names = model_field.related_model._default_manager.filter(pk__in=pks)
            fields[name], values[name] = (label, "set"), {str(related) for related in names}
        elif name == "body":
            fields[name], values[name] = (label, "html"), obj.body
        elif isinstance(model_field, (models.CharField, models.TextField)) and not model_field.choices:
            fields[name], values[name] = (label, "text"), getattr(obj, name)
        else:
            fields[name], values[name] = (label, "value"), _display(obj, model_field)
    if isinstance(obj, Entry):
        fields["tags"], values["tags"] = (_("Tags"), "set"), _stored_tags(version, obj)
        for name in model.revision_follow:
            related = model._meta.get_field(name).related_model
            fields[name] = (str(related._meta.verbose_name_plural).capitalize(), "set")
            values[name] = {str(child) for child in _stored_children(version, related, obj)}
    return {"fields": fields, "values": values}


def _display(obj, model_field):
    if model_field.choices:
        return str(getattr(obj, f"get_{model_field.name}_display")())
    value = getattr(obj, model_field.name)
    if isinstance(model_field, models.ForeignKey):
        return str(value) if value is not None else "—"
    if isinstance(model_field, models.FileField):
        return value.name or "—"
    if isinstance(model_field, models.BooleanField):
        return _("yes") if value else _("no")
    return "—" if value in (None, "") else str(value)


def _stored_rows(version, model):
    content_type = ContentType.objects.get_for_model(model)
    return [row._object_version.object for row in version.revision.version_set.filter(content_type=content_type)]


def _stored_tags(version, entry):
    through = Entry._meta.get_field("tags").remote_field.through
    own = ContentType.objects.get_for_model(entry)
    tag_ids = {
        link.tag_id
        for link in _stored_rows(version, through)
        if link.content_type_id == own.pk and link.object_id == entry.pk
    }
    return {tag.name for tag in Tag.objects.filter(pk__in=tag_ids)}


def _stored_children(version, model, entry):
    parent = next(f for f in model._meta.fields if f.is_relation and f.related_model is type(entry))
    return [row for row in _stored_rows(version, model) if getattr(row, parent.attname) == entry.pk]


# Words, spaces and punctuation: a diff in words reads as an editor reads, not letter by letter.
TOKENS = re.compile(r"\s+|\w+|[^\w\s]")
CONTEXT = 160  # characters of unchanged text kept either side of a change in a long text


def text_change(label, before, after):
    return Change(label, segments=word_diff(before, after))


def html_change(label, before, after):
    old, new = html_text(before), html_text(after)
    if old == new:
        return Change(label, note=_("Only the formatting changed (bold, links, headings…); the words are the same."))
    return Change(label, segments=word_diff(old, new))


def html_text(body):
    """A body's words, one paragraph (or heading, list item, quote) a line, as readers read them."""
    text = re.sub(r"(?i)</(p|h[1-6]|li|blockquote)>|<br\s*/?>|<hr\s*/?>", "\n", body or "")
    lines = (" ".join(html.unescape(line).split()) for line in strip_tags(text).split("\n"))
    return "\n".join(line for line in lines if line)


def word_diff(before, after):
    """[(op, text)] with op "equal", "delete" or "insert"; long unchanged stretches are shortened with "…"."""
    old, new = TOKENS.findall(before), TOKENS.findall(after)
    segments = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            segments.append(("delete", "".join(old[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(("insert", "".join(new[j1:j2])))
        if op == "equal":
            segments.append(("equal", "".join(old[i1:i2])))
    return [_shorten(segments, index) for index in range(len(segments))]


def _shorten(segments, index):
    op, text = segments[index]
    if op != "equal" or len(text) <= 3 * CONTEXT:
        return op, text
    first, last = index == 0, index == len(segments) - 1
    head = "" if first else text[:CONTEXT]
    tail = "" if last else text[-CONTEXT:]
    return op, f"{head} … {tail}".strip() if head or tail else text
