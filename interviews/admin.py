from django.contrib import admin

from comments.admin import ThreadActionsMixin
from core.admin import EntryAdmin
from interviews.models import Interview, Interviewee


class IntervieweeInline(admin.TabularInline):
    model = Interviewee
    fields = ["position", "name", "role"]
    extra = 1


@admin.register(Interview)
class InterviewAdmin(ThreadActionsMixin, EntryAdmin):
    inlines = [IntervieweeInline, *EntryAdmin.inlines]
    search_fields = [*EntryAdmin.search_fields, "interviewees__name"]
