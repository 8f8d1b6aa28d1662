from django.http import HttpResponse
from django.urls import path

PAGE = b"x" * 8 * 1024  # about the size of a small page; compression, if any, is a proxy's job in both cases


def page(request):
    return HttpResponse(PAGE)


urlpatterns = [path("", page)]
