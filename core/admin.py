from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin, messages
from django.db.models import Q
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from js_asset import Media

from core.admin_preview import PreviewAdminMixin
from core.admin_revisions import RevisionAdmin, StaleEditAdminMixin
from core.models import Author, Entry, Source


class PublicationFilter(admin.SimpleListFilter):
    """Draft / scheduled / live, as an editor thinks of them (the status field alone cannot say “scheduled”)."""

    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("draft", _("Draft")), ("scheduled", _("Scheduled")), ("live", _("Live"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        published = Q(status=Entry.Status.PUBLISHED)
        match self.value():
            case "draft":
                return queryset.exclude(published)
            case "scheduled":
                return queryset.filter(published, published_at__gt=now)
            case "live":
                return queryset.published()
        return queryset


class EntryAdmin(PreviewAdminMixin, StaleEditAdminMixin, RevisionAdmin):
    """The admin every section shares; a section adds its own fields, filters and inlines.

    Its history, comparing and restoring versions, the stale-save check (core.admin_revisions) and the preview
    (core.admin_preview) come from the mixins.
    """

    list_display = ["title", "publication", "published_at", "byline", "source", "comments_open"]
    list_filter = [PublicationFilter, "status", "comments_open", "source", "tags"]
    list_select_related = ["source"]
    search_fields = ["title", "excerpt", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors", "source"]
    actions = ["publish", "unpublish"]
    save_on_top = True
    section_fields = ()  # what a section adds, shown after the shared main fields

    def get_fieldsets(self, request, obj=None):
        main = ["title", "slug", "authors", "excerpt", "body", "lead_image", "lead_image_alt", "tags"]
        fieldsets = [(None, {"fields": main})]
        if self.section_fields:
            fieldsets.append((self.model._meta.verbose_name.capitalize(), {"fields": list(self.section_fields)}))
        fieldsets += [
            (_("Publishing"), {"fields": ["status", "published_at", "comments_open"]}),
            (_("Search engines"), {"fields": ["seo_description"], "classes": ["collapse"]}),
            (_("Syndication"), {"fields": ["source", "original_url"], "classes": ["collapse"]}),
        ]
        return fieldsets

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

    # The editor (Tiptap) injects its own small stylesheet; inline styles, never scripts, on this one admin page.
    @method_decorator(csp_update({"style-src": [UNSAFE_INLINE]}))
    def changeform_view(self, *args, **kwargs):
        return super().changeform_view(*args, **kwargs)

    def render_change_form(self, request, context, *args, **kwargs):
        # The rich-text editor loads its modules through an inline import map, which the Content-Security-Policy
        # allows only with this response's nonce (django-csp adds the nonce to the header once it is used).
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, *args, **kwargs)

    @admin.display(description=_("authors"))
    def byline(self, obj):
        return ", ".join(author.name for author in obj.authors.all())

    @admin.display(description=_("publication"))
    def publication(self, obj):
        if obj.is_published():
            return _("Live")
        return _("Scheduled") if obj.is_scheduled() else _("Draft")

    @admin.action(description=_("Publish selected items"), permissions=["change"])
    def publish(self, request, queryset):
        # A scheduled item keeps its future time: publishing it confirms the schedule.
        count = self.update_entries(
            request, queryset, _("Published from the item list."), status=Entry.Status.PUBLISHED
        )
        self.message_user(
            request, ngettext("%d item published.", "%d items published.", count) % count, messages.SUCCESS
        )

    @admin.action(description=_("Unpublish selected items (back to draft)"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = self.update_entries(request, queryset, _("Unpublished from the item list."), status=Entry.Status.DRAFT)
        self.message_user(
            request, ngettext("%d item unpublished.", "%d items unpublished.", count) % count, messages.SUCCESS
        )


@admin.register(Source)
class SourceAdmin(RevisionAdmin):
    list_display = ["name", "home_url"]
    search_fields = ["name", "home_url"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(RevisionAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name", "bio"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
