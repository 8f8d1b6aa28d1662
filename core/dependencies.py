"""What each cached page shows, named by dependency keys, and the writes that change them.

A page made for anonymous readers collects, while it renders, the keys of what it shows (`depends_on`): each
item it shows (`entry:blog.article:12`) and, where the page shows its comment count, its discussion
(`comments:blog.article:12`), the lists it
draws from (`list:blog.article`, bumped when a section's published set changes), a tag, author or source
(`tag:5`), the sidebar. The page cache (core.cache) stores the page with the current *version* of each of
its keys and serves it only while every version is unchanged. A write bumps the keys of what it changed
(`changed`), so it invalidates exactly the pages that show it: a comment on one article leaves the rest of
the site cached.

Which writes are content is an allowlist: `track(model, keys_of)` for each model whose rows pages show.
Versions are bumped when the write is made and again after its transaction commits, and a page rendered
while any write happened is not stored (see `write_mark`), so a page can never be filed under versions
newer than its data.
"""

import hashlib
import uuid
from contextvars import ContextVar
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save, pre_delete

from core import db_router, frontcache

PREFIX = "dep:"
WRITES = "dep-writes"  # the write mark: a new token before and after every write bumps its keys
EVERYTHING = "everything"  # every page depends on it: bulk writes that send no signals bump it
SIDEBAR = "sidebar"
CORRECTIONS = "corrections"  # /corrections/ and its feeds: every note on a published item

_collected = ContextVar("page_dependencies", default=None)


def entry_key(entry):
    return item_key(entry._meta.label_lower, entry.pk)


def item_key(label, pk):
    """An item's key from its model's label ("blog.article") and primary key, without loading it."""
    return f"entry:{label}:{pk}"


def discussion_key(label, pk):
    """An item's discussion as pages show it: its comment count, its thread open or closed."""
    return f"comments:{label}:{pk}"


def notes_key(label, pk):
    """An item's corrections and updates, shown on its page (not on its cards)."""
    return f"notes:{label}:{pk}"


def list_key(model):
    """The published set of one section: which items, in which order."""
    return f"list:{model._meta.label_lower}"


def tag_key(tag_id):
    return f"tag:{tag_id}"


def author_key(author_id):
    return f"author:{author_id}"


def source_key(source_id):
    return f"source:{source_id}"


# Collecting the keys of the page being made


class collecting:
    """`with collecting() as keys:` gathers what `depends_on` is told during the block.

    Blocks nest: what an inner block gathers (a fragment of the page) counts for the outer one (the page) too.
    """

    def __enter__(self):
        self.keys = {EVERYTHING}
        self.outer = _collected.get()
        self.token = _collected.set(self.keys)
        return self.keys

    def __exit__(self, *exc):
        _collected.reset(self.token)
        if self.outer is not None:
            self.outer.update(self.keys)


def depends_on(*keys):
    """Record that the page being made shows what `keys` name (nothing happens outside a cached request)."""
    keys_so_far = _collected.get()
    if keys_so_far is not None:
        keys_so_far.update(keys)


# Versions


def versions(keys):
    """{key: version} for `keys`, and the write mark, in one read; a key never bumped gets a version now."""
    names = [PREFIX + key for key in keys]
    found = cache.get_many([*names, WRITES])
    missing = {name: uuid.uuid4().hex for name in names if name not in found}
    if missing:
        for name, version in missing.items():
            cache.add(name, version, None)  # another process may have set it meanwhile: keep theirs
        found |= cache.get_many(list(missing))
    db_router.check_replica_again()  # what is read next may be filed under these versions
    return {key: found.get(PREFIX + key) for key in keys}, found.get(WRITES) or write_mark()


def write_mark():
    """A token that changes with every write (see `_bump`): equal tokens mean nothing was written between."""
    mark = cache.get(WRITES)
    if mark is None:
        cache.add(WRITES, uuid.uuid4().hex, None)
        mark = cache.get(WRITES)
    return mark


def changed(*keys):
    """Bump `keys` now, and again once the current transaction commits: every page showing them is made afresh.

    A page made between the two bumps may show the data from before the commit: the second bump retires it.
    Front caches (core.frontcache) forget the pages tagged with them once the transaction commits.
    """
    keys = set(keys)
    if keys:
        _bump(keys)
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(lambda: _bump(keys))
        frontcache.purge_after_commit(keys)  # Varnish, CDNs: once the write is there for them to fetch


def _bump(keys):
    # A new write mark before the versions: a page whose render overlapped this write sees the mark move and is
    # not stored. And one after: a page found valid under the mark that follows has seen the new versions too.
    db_router.content_written()  # before either: a replica is trusted under the new versions once it has replayed this
    cache.set(WRITES, uuid.uuid4().hex, None)
    cache.set_many({PREFIX + key: uuid.uuid4().hex for key in keys}, None)
    cache.set(WRITES, uuid.uuid4().hex, None)


def everything_changed():
    """For writes that send no signals (bulk inserts, imports): every cached page is made afresh."""
    changed(EVERYTHING)


# Fragments of pages

# Settings that kept HTML shows: a site whose name, address or media host changes must not show the old ones.
RENDERED_SETTINGS = ("SITE_NAME", "SITE_URL", "SYNDICATED_CANONICAL", "MEDIA_URL", "STATIC_URL", "TIME_ZONE")
_release = None


def release():
    """A digest of the code, templates and RENDERED_SETTINGS that made a kept fragment.

    Fragments are kept for up to a day, and a release that renders them differently (a template, a tag, a
    setting) must not show the ones the last release kept: their names carry this digest. Every process of
    one release computes the same digest, so they share their fragments.
    """
    global _release
    if _release is None:
        digest = hashlib.sha256(repr([getattr(settings, name, None) for name in RENDERED_SETTINGS]).encode())
        base = Path(settings.BASE_DIR)  # our apps, not those installed in the environment
        roots = [Path(config.path) for config in apps.get_app_configs() if Path(config.path).is_relative_to(base)]
        roots += [Path(folder) for engine in settings.TEMPLATES for folder in engine.get("DIRS", ())]
        for root in sorted(set(roots), key=lambda root: (root.name, str(root))):
            for path in sorted(path for path in root.rglob("*") if path.suffix in (".py", ".html")):
                digest.update(f"{root.name}/{path.relative_to(root)}".encode() + b"\0" + path.read_bytes())
        _release = digest.hexdigest()[:16]
    return _release


def _forget_release(**kwargs):
    global _release
    _release = None  # a test changed a setting: fragments kept before it are not shown after


setting_changed.connect(_forget_release, dispatch_uid="dependencies-release")


def _kept_key(name):
    return f"kept:{release()}:" + hashlib.sha256(name.encode()).hexdigest()


def kept(name, keys, make, timeout=24 * 60 * 60):
    """What `make()` returns, kept in the cache until one of `keys` is bumped: a fragment many pages share.

    The page being made depends on `keys` too. A kept value is read with its keys' versions in one round
    trip; a value made while a write happened is used, not kept.
    """
    keys = sorted(set(keys))
    depends_on(*keys)
    cache_key = _kept_key(name)
    found = cache.get_many([cache_key, *(PREFIX + key for key in keys)])
    stored = found.get(cache_key)
    if stored is not None and stored["versions"] == {key: found.get(PREFIX + key) for key in keys}:
        return stored["value"]
    current, mark_before = versions(keys)
    value = make()
    if write_mark() == mark_before:
        from core.cache import until_next_publish

        cache.set(cache_key, {"versions": current, "value": value}, until_next_publish(timeout))
    return value


def kept_as_made(name, make, timeout=24 * 60 * 60):
    """What `make()` returns, kept until a key it depended on while it ran is bumped: for fragments whose
    keys are known only once they are made (a page of a list: which items are on it).

    The keys `make()` names through `depends_on` are stored with the value; a later read checks their
    versions (two cache reads, no SQL) and hands the keys on to the page being made.
    """
    cache_key = _kept_key(name)
    stored = cache.get(cache_key)
    if stored is not None and versions(stored["versions"])[0] == stored["versions"]:
        depends_on(*stored["versions"])
        return stored["value"]
    mark_before = write_mark()
    with collecting() as keys:
        value = make()
    current, mark_after = versions(sorted(keys))
    if mark_after == mark_before:  # nothing was written while it was made: these versions are its data's
        from core.cache import until_next_publish

        cache.set(cache_key, {"versions": current, "value": value}, until_next_publish(timeout))
    return value


# Which writes are content


_trackers = {}


def track(model, keys_of):
    """Pages show rows of `model`: after it is saved or deleted, bump `keys_of(instance, created)`."""
    _trackers[model] = keys_of
    post_save.connect(_on_save, sender=model, dispatch_uid=f"dependencies-save-{model._meta.label}")
    # Before the delete: its tags, authors and comments are still there to name (bumped again at commit).
    pre_delete.connect(_on_delete, sender=model, dispatch_uid=f"dependencies-delete-{model._meta.label}")


def track_relation(through, keys_of):
    """Pages show a many-to-many relation: when it changes, bump `keys_of(instance, related_pks)`.

    `related_pks` is None when the relation is being cleared: `keys_of` then names what is still there.
    """
    _trackers[through] = keys_of
    m2m_changed.connect(_on_relation, sender=through, dispatch_uid=f"dependencies-m2m-{through._meta.label}")


def _on_save(sender, instance, created=False, raw=False, **kwargs):
    if not raw:
        changed(*_trackers[sender](instance, created))


def _on_delete(sender, instance, **kwargs):
    changed(*_trackers[sender](instance, False))


def _on_relation(sender, instance, action, pk_set, **kwargs):
    if action in ("post_add", "post_remove"):
        changed(*_trackers[sender](instance, pk_set or set()))
    elif action == "pre_clear":  # the rows are still there: `keys_of` reads them when given None
        changed(*_trackers[sender](instance, None))
