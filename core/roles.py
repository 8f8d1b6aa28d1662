"""The staff groups and what each may do in the admin.

The lists below are the source of truth: `sync_groups()` makes each group hold exactly these permissions, so a
permission granted to a group by hand in the admin is removed on the next run. To give a group more rights (the
comments app will add its moderation permissions), extend its function in `GROUP_PERMISSIONS`.
"""

import operator
from functools import reduce

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from core.registry import entry_models

EDITORS = "Editors"
MODERATORS = "Moderators"
CONTRIBUTORS = "Contributors"

# Editors manage everything these apps define; found through the app registry so core imports no section app.
EDITOR_APP_LABELS = ["core", "blog", "interviews", "reviews", "cartoons"]
ALL_ACTIONS = ("add", "change", "delete", "view")


def model_permissions(models, actions=ALL_ACTIONS):
    """The permissions named `<action>_<model>` for every model and action given, as one queryset."""
    content_types = ContentType.objects.get_for_models(*models)
    conditions = [
        Q(content_type=content_types[model], codename__in=[f"{action}_{model._meta.model_name}" for action in actions])
        for model in models
    ]
    return Permission.objects.filter(reduce(operator.or_, conditions, Q(pk__in=[])))


def editor_permissions():
    """Editors write, publish and delete every kind of item, with its authors, sources, interviewees and tags."""
    models = [model for label in EDITOR_APP_LABELS for model in apps.get_app_config(label).get_models()]
    models.append(apps.get_model("taggit", "Tag"))
    return model_permissions(models) | model_permissions(entry_models(), actions=["publish"])


def contributor_permissions():
    """Contributors write items and submit them for review (core.workflow): never publish, never delete one.

    They fill in an item's rows of its own (interviewees) and tag it; authors and sources they only choose.
    """
    sections = entry_models()
    rows = [
        model
        for label in EDITOR_APP_LABELS
        if label != "core"
        for model in apps.get_app_config(label).get_models()
        if model not in sections
    ]
    tag = apps.get_model("taggit", "Tag")
    return (
        model_permissions(sections, actions=["add", "change", "view"])
        | model_permissions(rows)
        | model_permissions([apps.get_model("core", "Author"), apps.get_model("core", "Source"), tag], ["view"])
        | model_permissions([tag], actions=["add"])
    )


def moderator_permissions():
    """Moderators see every item in the admin but cannot edit content."""
    return model_permissions(entry_models(), actions=["view"])


GROUP_PERMISSIONS = {
    EDITORS: editor_permissions,
    MODERATORS: moderator_permissions,
    CONTRIBUTORS: contributor_permissions,
}


def app_group_permissions(name):
    """What other apps grant a group: an app config's `group_permissions(name)` returns a Permission queryset.

    So the comments app gives moderators their rights without core knowing about comments.
    """
    extra = Permission.objects.none()
    for config in apps.get_app_configs():
        if hasattr(config, "group_permissions"):
            extra = extra | config.group_permissions(name)
    return extra


def sync_groups():
    """Create or update every group in `GROUP_PERMISSIONS`; return them as {name: group}.

    Needs the permissions that `migrate` creates. Running it again changes nothing.
    """
    groups = {}
    for name, permissions in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions() | app_group_permissions(name))
        groups[name] = group
    return groups
