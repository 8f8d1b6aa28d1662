"""The project's settings as a developer's checkout runs them, so plain `pytest` works without `make test`.

Only the development default is added: DEBUG=1 unless the environment says otherwise (pytest-django turns
DEBUG off inside each test anyway, as Django's runner does).
"""

import os

os.environ.setdefault("DEBUG", "1")

from config.settings import *  # noqa: F403

# A read replica in every test run, as the test runner makes one: a second connection to the test database
# (Django's TEST MIRROR), so the router (core/db_router.py) sends anonymous readers' reads through it. Inside a
# test's transaction (pytest's `db`) reads stay on the primary, as inside any transaction; tests with
# `transaction=True` read through the mirror. Replicas from DATABASE_REPLICA_URLS are not tests' to use.
DATABASES = {"default": DATABASES["default"]}  # noqa: F405
DATABASES["replica1"] = DATABASES["default"] | {"TEST": {"MIRROR": "default"}}
