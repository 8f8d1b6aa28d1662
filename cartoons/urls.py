from cartoons.models import Cartoon
from comments.urls import comment_urlpatterns
from core.urls import entry_urlpatterns

app_name = "cartoons"
urlpatterns = entry_urlpatterns(Cartoon) + comment_urlpatterns(Cartoon)
