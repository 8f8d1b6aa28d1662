"""Only what Django needs to answer a request: nothing the floor's one view does not use."""

SECRET_KEY = "bench-floor"  # required by Django; the floor signs nothing (no sessions, forms or cookies)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "bench.floor.urls"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_TZ = True
TIME_ZONE = "UTC"  # Django would set the process to Chicago time, and gunicorn logs in it
