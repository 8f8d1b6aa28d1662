from django.contrib import admin

from cartoons.models import Cartoon
from comments.admin import ThreadActionsMixin
from core.admin import EntryAdmin


@admin.register(Cartoon)
class CartoonAdmin(ThreadActionsMixin, EntryAdmin):
    list_filter = [*EntryAdmin.list_filter, "artist"]
    search_fields = [*EntryAdmin.search_fields, "caption", "transcript", "artist"]
    section_fields = ["caption", "transcript", "artist"]
    lead_image_extra = ()  # the drawing's caption and artist credit are the cartoon's own fields
