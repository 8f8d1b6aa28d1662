from comments.urls import comment_urlpatterns
from core.urls import entry_urlpatterns
from interviews.models import Interview

app_name = "interviews"
urlpatterns = entry_urlpatterns(Interview) + comment_urlpatterns(Interview)
