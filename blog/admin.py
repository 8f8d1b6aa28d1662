from django.contrib import admin

from blog.models import Article
from core.admin import EntryAdmin


@admin.register(Article)
class ArticleAdmin(EntryAdmin):
    pass
