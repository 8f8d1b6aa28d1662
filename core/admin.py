from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin, messages
from django.db.models import Q
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from js_asset import Media

from core import workflow
from core.models import Author, Entry, Source
from core.pagekeys import entries_changed


class PublicationFilter(admin.SimpleListFilter):
    """Draft / pending review / scheduled / live, as an editor thinks of them (status alone cannot say “scheduled”)."""

    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        pending = model_admin.model.objects.filter(status=Entry.Status.PENDING).count()
        return [
            ("draft", _("Draft")),
            ("pending", _("Pending review (%(n)d)") % {"n": pending}),
            ("scheduled", _("Scheduled")),
            ("live", _("Live")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        published = Q(status=Entry.Status.PUBLISHED)
        match self.value():
            case "draft":
                return queryset.filter(status=Entry.Status.DRAFT)
            case "pending":
                return queryset.filter(status=Entry.Status.PENDING)
            case "scheduled":
                return queryset.filter(published, published_at__gt=now)
            case "live":
                return queryset.published()
        return queryset


class EntryAdmin(admin.ModelAdmin):
    """The admin every section shares; a section adds its own fields, filters and inlines."""

    list_display = ["title", "publication", "published_at", "byline", "source", "comments_open", "featured"]
    list_filter = [PublicationFilter, "status", "featured", "comments_open", "source", "tags"]
    list_select_related = ["source"]
    search_fields = ["title", "excerpt", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors", "source"]
    actions = ["publish", "unpublish", "feature", "unfeature"]
    save_on_top = True
    form = workflow.WorkflowForm
    change_form_template = "admin/entry_change_form.html"  # adds "Submit for review" (core.workflow)
    section_fields = ()  # what a section adds, shown after the shared main fields

    def get_fieldsets(self, request, obj=None):
        main = ["title", "slug", "authors", "excerpt", "body", "lead_image", "lead_image_alt", "tags"]
        fieldsets = [(None, {"fields": main})]
        if self.section_fields:
            fieldsets.append((self.model._meta.verbose_name.capitalize(), {"fields": list(self.section_fields)}))
        fieldsets += [
            (_("Publishing"), {"fields": ["status", "published_at", "featured", "comments_open"]}),
            (_("Search engines"), {"fields": ["seo_description"], "classes": ["collapse"]}),
            (_("Syndication"), {"fields": ["source", "original_url"], "classes": ["collapse"]}),
        ]
        if obj is not None and (obj.status == Entry.Status.PENDING or obj.review_note):
            fieldsets.insert(1, (_("Review"), {"fields": ["review_note"]}))
        return fieldsets

    # The review workflow (core.workflow): who may publish, change which item, and what a save tells whom.

    def has_publish_permission(self, request):
        return workflow.may_publish(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.may_change(request.user, obj))

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return readonly if self.has_publish_permission(request) else [*readonly, *workflow.PUBLISHING_FIELDS]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.may_publish = self.has_publish_permission(request)
        return form

    def save_model(self, request, obj, form, change):
        workflow.before_save(request, obj, change)
        super().save_model(request, obj, form, change)
        workflow.after_save(request, obj, form)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

    # The editor (Tiptap) injects its own small stylesheet; inline styles, never scripts, on this one admin page.
    @method_decorator(csp_update({"style-src": [UNSAFE_INLINE]}))
    def changeform_view(self, *args, **kwargs):
        return super().changeform_view(*args, **kwargs)

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        context["show_submit_for_review"] = not self.has_publish_permission(request) and (
            obj is None or obj.status == Entry.Status.DRAFT
        )
        # The rich-text editor loads its modules through an inline import map, which the Content-Security-Policy
        # allows only with this response's nonce (django-csp adds the nonce to the header once it is used).
        context["media"] = Media.from_media(context["media"], nonce=request.csp_nonce)
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    @admin.display(description=_("authors"))
    def byline(self, obj):
        return ", ".join(author.name for author in obj.authors.all())

    @admin.display(description=_("publication"))
    def publication(self, obj):
        if obj.is_published():
            return _("Live")
        if obj.status == Entry.Status.PENDING:
            return _("Pending review")
        return _("Scheduled") if obj.is_scheduled() else _("Draft")

    @admin.action(description=_("Publish selected items"), permissions=["publish"])
    def publish(self, request, queryset):
        # A scheduled item keeps its future time: publishing it confirms the schedule. An item pending review
        # carries the time its contributor started it: it goes live now (core.workflow).
        now = timezone.now()
        queryset.filter(status=Entry.Status.PENDING, published_at__lt=now).update(published_at=now)
        count = queryset.update(status=Entry.Status.PUBLISHED, review_note="", updated_at=now)
        entries_changed(queryset)
        self.message_user(
            request, ngettext("%d item published.", "%d items published.", count) % count, messages.SUCCESS
        )

    @admin.action(description=_("Unpublish selected items (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = queryset.update(status=Entry.Status.DRAFT, updated_at=timezone.now())
        entries_changed(queryset)
        self.message_user(
            request, ngettext("%d item unpublished.", "%d items unpublished.", count) % count, messages.SUCCESS
        )

    @admin.action(description=_("Feature selected items on the front page"), permissions=["publish"])
    def feature(self, request, queryset):
        self._set_featured(request, queryset, True)

    @admin.action(description=_("Stop featuring selected items"), permissions=["publish"])
    def unfeature(self, request, queryset):
        self._set_featured(request, queryset, False)

    def _set_featured(self, request, queryset, featured):
        count = queryset.update(featured=featured, updated_at=timezone.now())
        entries_changed(queryset)  # update() sends no signal: the front page must be made again
        message = (
            ngettext("%d item featured.", "%d items featured.", count)
            if featured
            else ngettext("%d item no longer featured.", "%d items no longer featured.", count)
        )
        self.message_user(request, message % count, messages.SUCCESS)


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
