"""The site's URLs plus one view that always fails, for testing the 500 page."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("Something in a view went wrong")


urlpatterns = [path("broken/", broken), *site_urlpatterns]
