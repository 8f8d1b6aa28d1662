"""The project's settings as a developer's checkout runs them, so plain `pytest` works without `make test`.

Only the development default is added: DEBUG=1 unless the environment says otherwise (pytest-django turns
DEBUG off inside each test anyway, as Django's runner does).
"""

import os

os.environ.setdefault("DEBUG", "1")

from config.settings import *  # noqa: F403
