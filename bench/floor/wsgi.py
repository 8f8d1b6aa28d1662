import os

from django.core.wsgi import get_wsgi_application

# Set, not defaulted: the bench runs it with the site's environment, which may name the site's settings.
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.floor.settings"
application = get_wsgi_application()
