from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME

urlpatterns = [
    path("", include("core.urls")),
    path("articles/", include("blog.urls")),
    path("interviews/", include("interviews.urls")),
    path("reviews/", include("reviews.urls")),
    path("cartoons/", include("cartoons.urls")),
    path("comments/", include("comments.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
