"""Preview before saving: the change (or add) form's current content, shown with the site's own item template.

The form's "Preview" button posts the form (with its CSRF token) to the same address, in a new tab. Nothing is
saved: the form is validated and applied to an unsaved copy of the item, which the section's item template
renders with the reader page's context; the database transaction is rolled back whatever happens, so no row,
revision or cache key can change. An invalid form is shown again with its errors, as a save would show it.
"""

from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.forms.formsets import all_valid
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.text import slugify
from taggit.models import Tag

from core.admin_revisions import PREVIEW
from core.registry import related_entries
from core.views import entry_page


class PreviewAdminMixin:
    """Adds the "Preview" button's handling to an item's admin (EntryAdmin)."""

    change_form_template = "admin/revisions/change_form.html"  # adds the button and the form's version

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and PREVIEW in request.POST:
            return self.preview_view(request, object_id, form_url, extra_context)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def preview_view(self, request, object_id, form_url="", extra_context=None):
        with transaction.atomic():
            try:
                response = self._preview(request, object_id)
            finally:
                transaction.set_rollback(True)  # a preview saves nothing, even by mistake
        if response is not None:
            return response
        # Invalid: shown again with its errors, as a save shows them; the flag makes sure that path never saves.
        request.preview_only = True
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _preview(self, request, object_id):
        """The preview's response, or None when the form is invalid."""
        add = object_id is None
        obj = None
        if add:
            if not self.has_add_permission(request):
                raise PermissionDenied
        else:
            obj = self.get_object(request, unquote(object_id))
            if obj is None:
                return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        saved = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields} if obj else {}
        fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        form = self.get_form(request, obj, change=not add, fields=fields)(request.POST, request.FILES, instance=obj)
        form.check_stale = False  # nothing is saved, so nothing is overwritten
        formsets, _inlines = self._create_formsets(request, form.instance, change=not add)
        form_valid = form.is_valid()
        if form_valid and all_valid(formsets):
            return self.render_preview(request, form, formsets, saved)
        return None

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Offered to those who may save the form: the server checks the same permissions again on the preview.
        context["show_preview"] = self.has_add_permission(request) if add else self.has_change_permission(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        if getattr(request, "preview_only", False):
            raise PermissionDenied("A preview saves nothing.")
        super().save_model(request, obj, form, change)

    def render_preview(self, request, form, formsets, saved):
        entry = form.instance  # the form's values applied, unsaved
        entry.sanitise_body()  # as saving would; the page marks the body safe, so never trust one path alone
        waiting = self._keep_saved_uploads(form, entry, saved)
        if entry.pk is None:
            entry.pk = 0  # lets its relations be read from the values set below; never saved
        cached = getattr(entry, "_prefetched_objects_cache", {})
        entry._prefetched_objects_cache = cached
        for m2m in entry._meta.many_to_many:
            if m2m.name == "tags":
                cached["tags"] = _loaded(Tag, _preview_tags(form.cleaned_data.get("tags")))
            elif m2m.name in form.cleaned_data:
                cached[m2m.name] = _loaded(m2m.related_model, list(form.cleaned_data[m2m.name]))
        for formset in formsets:
            children = _formset_rows(formset)
            cached[_cache_name(entry, formset)] = _loaded(formset.model, children)
        tags = list(entry.tags.all())
        related = related_entries(entry, sorted(tag.pk for tag in tags if tag.pk))
        context = {
            "object": entry,
            "entry_page": entry_page(request, entry, tags, related),
            "unsaved_preview": {"uploads_waiting": waiting, "form_url": request.path},
        }
        response = render(request, "core/entry_detail.html", context)
        add_never_cache_headers(response)  # no-store: the preview is this editor's alone
        response["X-Robots-Tag"] = "noindex"
        return response

    def _keep_saved_uploads(self, form, entry, saved):
        """A file chosen but not saved cannot be shown: keep the saved one (or none) and say so."""
        waiting = []
        for model_field in entry._meta.concrete_fields:
            if isinstance(model_field, models.FileField) and isinstance(
                form.cleaned_data.get(model_field.name), UploadedFile
            ):
                setattr(entry, model_field.name, saved.get(model_field.attname) or "")
                for dimension in (
                    getattr(model_field, "width_field", None),
                    getattr(model_field, "height_field", None),
                ):
                    if dimension:
                        setattr(entry, dimension, saved.get(dimension))
                waiting.append(model_field.verbose_name)
        return waiting


def _loaded(model, rows):
    """A queryset of `model` already holding `rows`, as a prefetch leaves it: reading it makes no query."""
    queryset = model._default_manager.none()
    queryset._result_cache = list(rows)
    queryset._prefetch_done = True
    return queryset


def _preview_tags(names):
    """Tags for the names typed: those that exist, and unsaved ones for new names (never saved here)."""
    names = list(names or [])
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    return [existing.get(name) or Tag(name=name, slug=slugify(name, allow_unicode=True) or "tag") for name in names]


def _cache_name(entry, formset):
    """Where the item keeps an inline's rows once read: its foreign key's, or a generic relation's (corrections)."""
    if hasattr(formset, "fk"):
        return formset.fk.remote_field.cache_name
    relation = next(
        field
        for field in entry._meta.private_fields
        if isinstance(field, GenericRelation) and field.related_model is formset.model
    )
    return relation.name


def _formset_rows(formset):
    """The inline rows the form holds now, in their order: new ones included, deleted and blank ones left out."""
    rows = []
    for form in formset.forms:
        if formset.can_delete and formset._should_delete_form(form):
            continue
        if form.instance.pk is None and not form.has_changed():
            continue
        if getattr(form.instance, "created_at", False) is None:
            form.instance.created_at = timezone.now()  # a note not saved yet is dated as saving would date it
        rows.append(form.instance)
    for name in reversed(formset.model._meta.ordering):
        attname = name.lstrip("-")
        rows.sort(
            key=lambda row: (getattr(row, attname) is None, getattr(row, attname) or 0), reverse=name.startswith("-")
        )
    return rows
