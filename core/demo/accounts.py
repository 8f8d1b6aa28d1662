"""The demo's staff accounts: one per role, each with a random password shown only when it is created."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.roles import CONTRIBUTORS, EDITORS, MODERATORS

# username -> (groups, superuser?)
DEMO_USERS = {
    "admin": ([EDITORS], True),
    "editor": ([EDITORS], False),
    "moderator": ([MODERATORS], False),
    "contributor": ([CONTRIBUTORS], False),  # writes and submits for review; editors publish
}


def create_demo_user(username, group_names, superuser=False):
    """Create a staff user in `group_names` with a fresh random password and return the password.

    Return None, and change nothing, when the user already exists: never overwrite a real account's password.
    """
    User = get_user_model()
    manager = User._default_manager
    if manager.filter(**{User.USERNAME_FIELD: username}).exists():
        return None
    password = secrets.token_urlsafe(12)
    email = f"{username}@example.com"
    if superuser:
        user = manager.create_superuser(username=username, email=email, password=password)
    else:
        user = manager.create_user(username=username, email=email, password=password, is_staff=True)
    user.groups.set(Group.objects.filter(name__in=group_names))
    return password
