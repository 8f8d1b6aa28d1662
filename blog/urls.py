from blog.models import Article
from comments.urls import comment_urlpatterns
from core.urls import entry_urlpatterns

app_name = "blog"
urlpatterns = entry_urlpatterns(Article) + comment_urlpatterns(Article)
