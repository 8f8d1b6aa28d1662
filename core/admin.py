from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminFileWidget
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp import admin as otp_totp_admin
from django_otp.plugins.otp_totp.models import TOTPDevice
from js_asset import Media

from core import workflow
from core.admin_preview import PreviewAdminMixin
from core.admin_revisions import RevisionAdmin, StaleEditAdminMixin
from core.models import Author, Correction, Entry, Image, Source
from core.registry import entry_models


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


class EntryAdmin(PreviewAdminMixin, StaleEditAdminMixin, RevisionAdmin):
    """The admin every section shares; a section adds its own fields, filters and inlines.

    Its history, comparing and restoring versions, the stale-save check (core.admin_revisions) and the preview
    (core.admin_preview) come from the mixins.
    """

    # Comments open/closed is a filter, not a column: the list keeps its room for titles at 1366 px.
    list_display = ["title", "publication", "published_at", "byline", "source", "featured"]
    list_filter = [PublicationFilter, "status", "featured", "comments_open", "source", "tags"]
    list_select_related = ["source"]
    search_fields = ["title", "excerpt", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors", "source"]
    actions = ["publish", "unpublish", "feature", "unfeature"]
    save_on_top = True
    inlines = [CorrectionInline]  # a section adding its own keeps these: [*EntryAdmin.inlines, ...]
    form = workflow.WorkflowForm
    change_form_template = "admin/entry_change_form.html"  # adds "Submit for review" (core.workflow)
    section_fields = ()  # what a section adds, shown after the shared main fields
    lead_image_extra = ("lead_image_caption", "lead_image_credit")  # a section with its own caption drops them

    class Media:
        css = {"all": ["css/admin.css"]}  # a body editor tall enough to write in, the thumbnail, list columns

    def get_fieldsets(self, request, obj=None):
        main = [
            "title",
            "slug",
            "authors",
            "excerpt",
            "body",
            "lead_image",
            "lead_image_alt",
            *self.lead_image_extra,
            "tags",
        ]
        fieldsets = [(None, {"fields": main})]
        if self.section_fields:
            fieldsets.append((self.model._meta.verbose_name.capitalize(), {"fields": list(self.section_fields)}))
        fieldsets += [
            (_("Publishing"), {"fields": ["status", "published_at", "featured", "comments_open"]}),
            (_("Search engines"), {"fields": ["seo_description"], "classes": ["collapse"]}),
            # Open when the item is syndicated, so the editor sees where it came from.
            (
                _("Syndication"),
                {"fields": ["source", "original_url"], "classes": [] if obj and obj.source_id else ["collapse"]},
            ),
        ]
        if obj is not None and (obj.status == Entry.Status.PENDING or obj.review_note):
            fieldsets.insert(1, (_("Review"), {"fields": ["review_note"]}))
        return fieldsets

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "lead_image":
            kwargs["widget"] = LeadImageInput
        return super().formfield_for_dbfield(db_field, request, **kwargs)

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
        count = self.update_entries(
            request, queryset, _("Published from the item list."), status=Entry.Status.PUBLISHED, review_note=""
        )
        self.message_user(
            request, ngettext("%d item published.", "%d items published.", count) % count, messages.SUCCESS
        )

    @admin.action(description=_("Unpublish selected items (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        count = self.update_entries(request, queryset, _("Unpublished from the item list."), status=Entry.Status.DRAFT)
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
        comment = _("Featured from the item list.") if featured else _("No longer featured, from the item list.")
        count = self.update_entries(request, queryset, comment, featured=featured)  # remakes the front page too
        message = (
            ngettext("%d item featured.", "%d items featured.", count)
            if featured
            else ngettext("%d item no longer featured.", "%d items no longer featured.", count)
        )
        self.message_user(request, message % count, messages.SUCCESS)


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


class ImageUploadForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "alt", "caption", "credit"]


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    """The image library: pictures for figures in item bodies, and the picker the body editor opens."""

    list_display = ["preview", "alt", "caption", "credit", "size", "uploaded_at"]
    list_display_links = ["preview", "alt"]
    search_fields = ["alt", "caption", "credit"]
    date_hierarchy = "uploaded_at"
    fields = ["file", "preview", "size", "alt", "caption", "credit"]
    readonly_fields = ["preview", "size"]
    picker_per_page = 24

    @admin.display(description=_("preview"))
    def preview(self, obj):
        url = obj.preview_url if obj.pk else ""
        if not url:
            return "—"
        width, height = obj.preview_size
        return format_html('<img src="{}" alt="" width="{}" height="{}">', url, width, height)

    @admin.display(description=_("size in pixels"))
    def size(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width else "—"

    def get_urls(self):
        picker = path("picker/", self.admin_site.admin_view(self.picker_view), name="core_image_picker")
        return [picker, *super().get_urls()]

    def picker_view(self, request):
        """The library in a popup from the body editor's figure dialog (“Browse...”): pick a picture, or upload one.

        The editor opens it CKEditor-style with `CKEditorFuncNum`; image_picker.js hands the chosen picture's
        address, alt text and “caption — credit” back to the dialog through that number.
        """
        if not self.has_view_permission(request):
            raise PermissionDenied
        keep = {key: request.GET[key] for key in ("CKEditorFuncNum", "q") if request.GET.get(key)}
        can_upload = self.has_add_permission(request)
        form = ImageUploadForm() if can_upload else None
        if request.method == "POST":
            if not can_upload:
                raise PermissionDenied
            form = ImageUploadForm(request.POST, request.FILES)
            if form.is_valid():
                image = form.save()
                self.log_addition(request, image, [{"added": {}}])
                keep.pop("q", None)  # show the new picture first, whatever was searched for
                return redirect(f"{reverse('admin:core_image_picker')}?{urlencode(keep | {'new': image.pk})}")
        images = self.get_queryset(request)
        if query := keep.get("q"):
            images = images.filter(Q(alt__icontains=query) | Q(caption__icontains=query) | Q(credit__icontains=query))
        page = Paginator(images, self.picker_per_page).get_page(request.GET.get("page"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Choose a picture"),
            "opts": self.model._meta,
            "is_popup": True,
            "form": form,
            "page": page,
            "query": keep.get("q", ""),
            "func_num": keep.get("CKEditorFuncNum", ""),
            "keep": urlencode({key: value for key, value in keep.items() if key != "q"}),
            "keep_all": urlencode(keep),
            "new": request.GET.get("new", ""),
            "media": self.media + (form.media if form else forms.Media()),
        }
        return TemplateResponse(request, "admin/core/image/picker.html", context)


class TOTPDeviceAdmin(otp_totp_admin.TOTPDeviceAdmin):
    """django-otp's, with the QR code pages of a device that does not exist answering 404, not a server error."""

    def config_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().config_view(request, pk)

    def qrcode_view(self, request, pk):
        get_object_or_404(TOTPDevice, pk=pk)
        return super().qrcode_view(request, pk)


admin.site.unregister(TOTPDevice)  # registered by django_otp.plugins.otp_totp, which INSTALLED_APPS lists first
admin.site.register(TOTPDevice, TOTPDeviceAdmin)
