from comments.urls import comment_urlpatterns
from core.urls import entry_urlpatterns
from reviews.models import BookReview

app_name = "reviews"
urlpatterns = entry_urlpatterns(BookReview) + comment_urlpatterns(BookReview)
