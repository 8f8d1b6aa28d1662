from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminFileWidget
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from js_asset import Media

from core.models import Author, Correction, Entry, Source
from core.pagekeys import entries_changed
from core.registry import entry_models


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


class SectionFilter(admin.RelatedFieldListFilter):
    """A content-type filter offering our sections by name (“Articles”), not every model Django knows.

    Use it as `("content_type", SectionFilter)` wherever a list shows things attached to items (comments...).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = _("section")

    def field_choices(self, field, request, model_admin):
        content_types = ContentType.objects.get_for_models(*entry_models())
        return [(ct.pk, capfirst(model._meta.verbose_name_plural)) for model, ct in content_types.items()]


class LeadImageInput(AdminFileWidget):
    """The lead image's file input, with the picture in place shown beside it (the card thumbnail lists use)."""

    template_name = "admin/widgets/lead_image.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        entry = getattr(value, "instance", None)  # a stored image's FieldFile knows its item; a new upload does not
        context["widget"]["thumbnail_url"] = entry.card_image_url if isinstance(entry, Entry) and value else ""
        context["widget"]["thumbnail_size"] = [size // 2 for size in Entry.card_image_size]
        return context


class CorrectionInline(GenericTabularInline):
    """Corrections and updates, dated when added: readers see them above the body and on /corrections/."""

    model = Correction
    fields = ["kind", "text", "created_at"]
    readonly_fields = ["created_at"]
    extra = 0


class EntryAdmin(admin.ModelAdmin):
    """The admin every section shares; a section adds its own fields, filters and inlines."""

    list_display = ["title", "publication", "published_at", "byline", "source", "comments_open"]
    list_filter = [PublicationFilter, "status", "comments_open", "source", "tags"]
    list_select_related = ["source"]
    search_fields = ["title", "excerpt", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors", "source"]
    actions = ["publish", "unpublish"]
    save_on_top = True
    inlines = [CorrectionInline]  # a section adding its own keeps these: [*EntryAdmin.inlines, ...]
    section_fields = ()  # what a section adds, shown after the shared main fields

    class Media:
        css = {"all": ["css/admin.css"]}  # a body editor tall enough to write in, the thumbnail, list columns

    def get_fieldsets(self, request, obj=None):
        main = ["title", "slug", "authors", "excerpt", "body", "lead_image", "lead_image_alt", "tags"]
        fieldsets = [(None, {"fields": main})]
        if self.section_fields:
            fieldsets.append((self.model._meta.verbose_name.capitalize(), {"fields": list(self.section_fields)}))
        fieldsets += [
            (_("Publishing"), {"fields": ["status", "published_at", "comments_open"]}),
            (_("Search engines"), {"fields": ["seo_description"], "classes": ["collapse"]}),
            # Open when the item is syndicated, so the editor sees where it came from.
            (
                _("Syndication"),
                {"fields": ["source", "original_url"], "classes": [] if obj and obj.source_id else ["collapse"]},
            ),
        ]
        return fieldsets

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "lead_image":
            kwargs["widget"] = LeadImageInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)

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
        count = queryset.update(status=Entry.Status.PUBLISHED, updated_at=timezone.now())
        entries_changed(queryset)
        self.message_user(
            request, ngettext("%d item published.", "%d items published.", count) % count, messages.SUCCESS
        )

    @admin.action(description=_("Unpublish selected items (back to draft)"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = queryset.update(status=Entry.Status.DRAFT, updated_at=timezone.now())
        entries_changed(queryset)
        self.message_user(
            request, ngettext("%d item unpublished.", "%d items unpublished.", count) % count, messages.SUCCESS
        )


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "home_url"]
    search_fields = ["name", "home_url"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name", "bio"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
