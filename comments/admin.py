from django.contrib import admin, messages
from django.db.models import Case, Count, Q, Value, When
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_comments.models import CommentFlag
from django_comments_xtd import get_model as get_comment_model

from comments import services
from comments.models import CLOSE_THREADS, BannedWord, CommentEdit, ThreadChange
from comments.moderation import thread_is_open
from comments.queue import StatusFilter
from comments.threads import HELD

XtdComment = get_comment_model()


class ThreadActionsMixin:
    """Close and reopen comment threads from a section's changelist; record changes made in the item's form.

    The actions need only the `close_thread` permission, so moderators use them without edit rights on content.
    """

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_close_thread_permission(request):
            for name in ("close_comments", "reopen_comments"):
                actions[name] = self.get_action(name)
        return actions

    def has_close_thread_permission(self, request):
        return request.user.has_perm(CLOSE_THREADS)

    @admin.action(description=_("Close comments on selected items"), permissions=["close_thread"])
    def close_comments(self, request, queryset):
        for entry in queryset:
            services.thread_close(entry, by=request.user, reason=_("Closed from the item list."))
        self.message_user(request, _("Comments closed on %d items.") % len(queryset), messages.SUCCESS)

    @admin.action(description=_("Reopen comments on selected items"), permissions=["close_thread"])
    def reopen_comments(self, request, queryset):
        still_closed = 0
        for entry in queryset:
            services.thread_reopen(entry, by=request.user, reason=_("Reopened from the item list."))
            still_closed += not thread_is_open(entry) and entry.is_published()
        self.message_user(request, _("Comments reopened on %d items.") % len(queryset), messages.SUCCESS)
        if still_closed:
            self.message_user(
                request,
                _("%d of them stay closed: they are past COMMENTS_CLOSE_AFTER_DAYS.") % still_closed,
                messages.WARNING,
            )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "comments_open" in form.changed_data:
            services.thread_record_change(obj, by=request.user, reason=_("Changed in the item's form."))


class FlaggedFilter(admin.SimpleListFilter):
    title = _("flagged for review")
    parameter_name = "flagged"

    def lookups(self, request, model_admin):
        return [("yes", _("Flagged"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(flags__flag=CommentFlag.SUGGEST_REMOVAL).distinct()
        return queryset


if admin.site.is_registered(XtdComment):
    admin.site.unregister(XtdComment)  # django-comments-xtd's own admin; ours is the moderation queue below


@admin.register(XtdComment)
class CommentAdmin(admin.ModelAdmin):
    """The moderation queue: comments awaiting a decision first, then the newest."""

    list_display = ["excerpt", "user_name", "on_item", "submit_date", "is_public", "is_removed", "flag_count"]
    list_display_links = ["excerpt"]
    list_filter = [StatusFilter, FlaggedFilter, "content_type", "submit_date"]
    show_facets = admin.ShowFacets.NEVER  # the status filter counts what awaits moderation itself
    search_fields = ["comment", "user_name", "user_email", "ip_address"]
    ordering = [Case(When(HELD, then=Value(0)), default=Value(1)).asc(), "-submit_date"]
    date_hierarchy = "submit_date"
    actions = ["approve", "remove", "flag", "unflag"]
    fields = ["user_name", "user_email", "user_url", "comment", "is_public", "is_removed", "submit_date", "ip_address"]
    # A reader's words and identity are theirs: moderators approve or remove a comment, never rewrite it.
    readonly_fields = ["user_name", "user_email", "user_url", "comment", "submit_date", "ip_address"]
    list_per_page = 50

    def has_add_permission(self, request):
        return False  # comments come from readers, on the site

    def get_queryset(self, request):
        flags = Count("flags", filter=Q(flags__flag=CommentFlag.SUGGEST_REMOVAL))
        return super().get_queryset(request).prefetch_related("content_object").annotate(flag_total=flags)

    @admin.display(description=_("comment"))
    def excerpt(self, obj):
        return obj.comment[:80] + ("…" if len(obj.comment) > 80 else "")

    @admin.display(description=_("on"))
    def on_item(self, obj):
        entry = obj.content_object
        if entry is None:
            return "—"
        return format_html('<a href="{}">{}</a>', entry.get_comments_url(), entry)

    @admin.display(description=_("flags"), ordering="flag_total")
    def flag_count(self, obj):
        return obj.flag_total

    # Each action reports the comments it changed, counted by the service before the change moves them out of
    # a filtered selection (approving from "Awaiting moderation" leaves none there).
    @admin.action(description=_("Approve selected comments"), permissions=["change"])
    def approve(self, request, queryset):
        self._done(request, services.comment_approve(queryset, by=request.user), "approved")

    @admin.action(description=_("Remove selected comments"), permissions=["change"])
    def remove(self, request, queryset):
        self._done(request, services.comment_remove(queryset, by=request.user), "removed")

    @admin.action(description=_("Flag selected comments for review"), permissions=["change"])
    def flag(self, request, queryset):
        self._done(request, services.comment_flag(queryset, by=request.user), "flagged")

    @admin.action(description=_("Clear flags on selected comments"), permissions=["change"])
    def unflag(self, request, queryset):
        self._done(request, services.comment_unflag(queryset), "unflagged")

    def _done(self, request, count, what):
        self.message_user(request, ngettext("%(n)d comment %(what)s.", "%(n)d comments %(what)s.", count)
                          % {"n": count, "what": what}, messages.SUCCESS if count else messages.WARNING)  # fmt: skip


@admin.register(ThreadChange)
class ThreadChangeAdmin(admin.ModelAdmin):
    """Who closed or reopened which thread, and why: read-only."""

    list_display = ["changed_at", "action", "entry", "changed_by", "reason"]
    list_filter = ["action", "content_type"]
    date_hierarchy = "changed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(BannedWord)
class BannedWordAdmin(admin.ModelAdmin):
    """The words and phrases that hold a comment for a moderator (comments/banned_words.py)."""

    list_display = ["word", "created_at"]
    search_fields = ["word"]


@admin.register(CommentEdit)
class CommentEditAdmin(admin.ModelAdmin):
    """Readers' changes to their own comments, with the words an edit replaced: read-only."""

    list_display = ["edited_at", "kind", "comment", "previous_text"]
    list_filter = ["kind"]
    list_select_related = ["comment"]
    date_hierarchy = "edited_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
