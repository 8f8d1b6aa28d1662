from django.contrib import admin

from blog.models import Article
from comments.admin import ThreadActionsMixin
from core.admin import EntryAdmin


@admin.register(Article)
class ArticleAdmin(ThreadActionsMixin, EntryAdmin):
    pass
