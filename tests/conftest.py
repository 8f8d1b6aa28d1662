import pytest
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS
from django.test import TestCase, TransactionTestCase

# The replica is the test database itself (tests/settings.py): a test that commits may read through it. One in a
# test's transaction reads the primary (core/db_router.py), and a transaction on the mirror too would wait on it.
TransactionTestCase.databases = {DEFAULT_DB_ALIAS, "replica1"}
TestCase.databases = {DEFAULT_DB_ALIAS}


@pytest.fixture(autouse=True)
def isolated_media_and_cache(settings, tmp_path):
    """Each test writes uploads and thumbnails to its own folder and starts with an empty cache."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PAGE_CACHE_SECONDS = 0  # query counts measure the pages themselves; tests/core/test_cache.py turns it on
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(django_user_model):
    """A staff member of the Editors group, as seed_demo sets it up."""
    from core.roles import sync_groups

    user = django_user_model.objects.create_user("eddie", password="pw-editor-123", is_staff=True)
    user.groups.add(sync_groups()["Editors"])
    return user


@pytest.fixture
def moderator(django_user_model):
    from core.roles import sync_groups

    user = django_user_model.objects.create_user("molly", password="pw-moderator-123", is_staff=True)
    user.groups.add(sync_groups()["Moderators"])
    return user


@pytest.fixture
def contributor(django_user_model):
    """A staff member of the Contributors group: writes items and submits them for review (core.workflow)."""
    from core.roles import sync_groups

    user = django_user_model.objects.create_user(
        "connie", email="connie@example.org", password="pw-contributor-123", is_staff=True
    )
    user.groups.add(sync_groups()["Contributors"])
    return user


@pytest.fixture
def editor_client(client, editor):
    """The test client, logged in as an editor."""
    client.force_login(editor)
    return client
