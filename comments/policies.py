"""When each section's threads close by themselves: its SectionPolicy row, else COMMENTS_CLOSE_AFTER_DAYS.

Every rule that asks whether a thread is open (posting, the comments page, reopening) reads it here. The rows are
kept in the cache as one small dict until one is saved or deleted, which bumps POLICIES_KEY (core.dependencies);
pages that ask depend on that key, so an editor's change reaches them at once.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from core.dependencies import kept

POLICIES_KEY = "comments-policies"
_DEFAULT = object()


def _load():
    from comments.models import SectionPolicy

    rows = SectionPolicy.objects.values_list("section__app_label", "section__model", "close_after_days")
    return {f"{app_label}.{model}": days for app_label, model, days in rows}


def close_after_days(model):
    """Days after publishing that `model`'s threads close, or None when they stay open."""
    days = kept("section-policies", [POLICIES_KEY], _load).get(model._meta.label_lower, _DEFAULT)
    return settings.COMMENTS_CLOSE_AFTER_DAYS if days is _DEFAULT else days


def closes_at(entry):
    """When `entry`'s thread closes by itself (its publish time plus its section's days), or None: never."""
    days = close_after_days(type(entry))
    return None if days is None or entry.published_at is None else entry.published_at + timedelta(days=days)


def section_content_types():
    """The content types of every section, for choosing one in the admin."""
    from core.registry import entry_models

    return ContentType.objects.get_for_models(*entry_models()).values()


def policy_written(policy, created):
    return [POLICIES_KEY]
