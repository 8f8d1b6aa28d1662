from django.contrib import admin

from comments.admin import ThreadActionsMixin
from core.admin import EntryAdmin
from reviews.models import BookReview


@admin.register(BookReview)
class BookReviewAdmin(ThreadActionsMixin, EntryAdmin):
    list_display = [*EntryAdmin.list_display[:1], "book_title", "rating", *EntryAdmin.list_display[1:]]
    list_filter = [*EntryAdmin.list_filter, "rating", "year"]
    search_fields = [*EntryAdmin.search_fields, "book_title", "book_authors", "isbn", "publisher"]
    section_fields = ["book_title", "book_authors", "publisher", "year", "isbn", "cover", "rating", "purchase_url"]
