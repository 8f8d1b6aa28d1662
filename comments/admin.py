from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Count, Q, Value, When
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_comments.models import CommentFlag
from django_comments_xtd import get_model as get_comment_model

from comments import services
from comments.models import (
    CLOSE_THREADS,
    MODERATE_COMMENTS,
    Ban,
    BannedWord,
    CommentEdit,
    ModeratorMailPreference,
    SectionPolicy,
    ThreadChange,
)
from comments.moderation import thread_is_open
from comments.policies import section_content_types
from comments.queue import StatusFilter
from comments.threads import HELD
from core.admin import SectionFilter

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
                _("%d of them stay closed: they are past their section's closing date.") % still_closed,
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


class PostedFilter(admin.DateFieldListFilter):
    """The submit date filter, titled as moderators say it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = _("date posted")


if admin.site.is_registered(XtdComment):
    admin.site.unregister(XtdComment)  # django-comments-xtd's own admin; ours is the moderation queue below


@admin.register(XtdComment)
class CommentAdmin(admin.ModelAdmin):
    """The moderation queue: comments awaiting a decision first, then the newest."""

    # Columns in moderators' words, not the library's field names ("User's name", "Is public", ...).
    list_display = ["excerpt", "commenter", "on_item", "posted", "approved", "removed", "flag_count"]
    list_display_links = ["excerpt"]
    list_filter = [StatusFilter, FlaggedFilter, ("content_type", SectionFilter), ("submit_date", PostedFilter)]
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

    @admin.display(description=_("name"), ordering="user_name")
    def commenter(self, obj):
        return obj.user_name

    @admin.display(description=_("posted"), ordering="submit_date")
    def posted(self, obj):
        return obj.submit_date

    @admin.display(description=_("approved"), boolean=True, ordering="is_public")
    def approved(self, obj):
        return obj.is_public

    @admin.display(description=_("removed"), boolean=True, ordering="is_removed")
    def removed(self, obj):
        return obj.is_removed

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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"is_public", "is_removed"} & set(form.changed_data):
            services.comment_log_change(obj, by=request.user)

    def _done(self, request, count, what):
        self.message_user(request, ngettext("%(n)d comment %(what)s.", "%(n)d comments %(what)s.", count)
                          % {"n": count, "what": what}, messages.SUCCESS if count else messages.WARNING)  # fmt: skip


@admin.register(ThreadChange)
class ThreadChangeAdmin(admin.ModelAdmin):
    """Who closed or reopened which thread, and why: read-only."""

    list_display = ["changed_at", "action", "entry", "changed_by", "reason"]
    list_filter = ["action", ("content_type", SectionFilter)]
    date_hierarchy = "changed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class BanForm(forms.ModelForm):
    class Meta:
        model = Ban
        fields = ["email", "user", "reason"]

    def clean(self):
        data = super().clean()
        email, user = data.get("email"), data.get("user")
        if not email and not user:
            raise forms.ValidationError(_("Give an e-mail address or an account to ban."))
        if Ban.objects.active().of(email=email or "", user=user).exists():
            raise forms.ValidationError(_("That commenter is already banned."))
        return data


@admin.register(Ban)
class BanAdmin(admin.ModelAdmin):
    """Who may not comment. A ban is added here or from the moderators' desk, and lifted, never edited."""

    form = BanForm
    list_display = ["__str__", "reason", "created_by", "created_at", "active", "lifted_by", "lifted_at"]
    list_filter = [("lifted_at", admin.EmptyFieldListFilter)]
    search_fields = ["email", "user__username", "reason"]
    raw_id_fields = ["user"]
    actions = ["lift"]

    @admin.display(description=_("active"), boolean=True)
    def active(self, obj):
        return obj.is_active

    def has_change_permission(self, request, obj=None):
        return False

    def has_lift_permission(self, request):
        return request.user.has_perm(MODERATE_COMMENTS)

    def save_model(self, request, obj, form, change):
        obj.created_by = request.user
        super().save_model(request, obj, form, change)
        services.ban_record(obj, by=request.user)

    @admin.action(description=_("Lift selected bans"), permissions=["lift"])
    def lift(self, request, queryset):
        n = services.ban_lift(queryset, by=request.user)
        self.message_user(
            request, ngettext("%d ban lifted.", "%d bans lifted.", n), messages.SUCCESS if n else messages.WARNING
        )


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj.model_class()._meta.verbose_name_plural).capitalize()


class SectionPolicyForm(forms.ModelForm):
    section = SectionChoiceField(queryset=None, label=_("section"))

    class Meta:
        model = SectionPolicy
        fields = ["section", "close_after_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pks = [content_type.pk for content_type in section_content_types()]
        self.fields["section"].queryset = ContentType.objects.filter(pk__in=pks)


@admin.register(SectionPolicy)
class SectionPolicyAdmin(admin.ModelAdmin):
    """Each section's “close comments N days after publishing”; saving one reaches every page at once."""

    form = SectionPolicyForm
    list_display = ["__str__", "closes"]

    @admin.display(description=_("comments close"))
    def closes(self, obj):
        if obj.close_after_days is None:
            return _("never")
        return _("%(days)d days after publishing") % {"days": obj.close_after_days}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("section")


@admin.register(ModeratorMailPreference)
class ModeratorMailPreferenceAdmin(admin.ModelAdmin):
    """Each moderator chooses how they hear of held comments. Only a superuser sees or changes anyone else's."""

    list_display = ["user", "frequency", "mailed_until"]
    readonly_fields = ["mailed_until"]

    def get_fields(self, request, obj=None):
        fields = ["frequency", "mailed_until"]
        return ["user", *fields] if request.user.is_superuser else fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":  # only superusers see this field: staff are the ones who may moderate
            kwargs["queryset"] = db_field.related_model.objects.filter(is_staff=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("user")
        return queryset if request.user.is_superuser else queryset.filter(user=request.user)

    def add_view(self, request, form_url="", extra_context=None):
        # A moderator has one preference: asking to add a second leads to the first. Checked here, not in
        # has_add_permission, which every admin page asks while listing the apps (a query on every page).
        own = None if request.user.is_superuser else ModeratorMailPreference.objects.filter(user=request.user).first()
        if own is not None:
            return redirect(reverse("admin:comments_moderatormailpreference_change", args=[own.pk]))
        return super().add_view(request, form_url, extra_context)

    def has_change_permission(self, request, obj=None):
        mine = obj is None or obj.user_id == request.user.pk
        return super().has_change_permission(request, obj) and (mine or request.user.is_superuser)

    def has_view_permission(self, request, obj=None):
        mine = obj is None or obj.user_id == request.user.pk
        return super().has_view_permission(request, obj) and (mine or request.user.is_superuser)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.user = request.user  # the form has no user field for them; never trust a posted one
        super().save_model(request, obj, form, change)

    def changelist_view(self, request, extra_context=None):
        """A moderator has one preference: the list leads straight to it (or to the form that makes it)."""
        if request.user.is_superuser:
            return super().changelist_view(request, extra_context)
        own = ModeratorMailPreference.objects.filter(user=request.user).first()
        if own is not None:
            return redirect(reverse("admin:comments_moderatormailpreference_change", args=[own.pk]))
        if self.has_add_permission(request):
            return redirect(reverse("admin:comments_moderatormailpreference_add"))
        return super().changelist_view(request, extra_context)


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
