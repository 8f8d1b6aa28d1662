"""The admin's side of revisions (core.revisions): history, comparing two versions, restoring one, and refusing a
save made over someone else's.

- History (`/admin/<app>/<model>/<id>/history/`) lists every revision, newest first, with who, when and why;
  an editor ticks two and compares them, or opens one to restore it (django-reversion's revision view: the
  form filled with that version; saving it is itself a new revision).
- List actions that write with QuerySet.update() record a revision per item (`update_entries`).
- Two editors, one item: the change form carries the item's `version` (a hidden field); a save from a form
  opened before someone else's save is refused, naming who and when, with the editor's text kept in the form.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from core import revisions
from core.dependencies import changed
from core.pagekeys import entries_changed, entry_written

HISTORY_PER_PAGE = 50
PREVIEW = "_preview"  # the preview button's name (core.admin_preview): a restore form never previews


class RevisionAdmin(VersionAdmin):
    """VersionAdmin with the magazine's history page, a comparison view, one revision per item, and a restore
    that leaves the page cache right."""

    object_history_template = "admin/revisions/object_history.html"
    revision_form_template = "admin/revisions/revision_form.html"
    recover_form_template = "admin/revisions/recover_form.html"

    def __init__(self, *args, **kwargs):
        revisions.register_models()  # before VersionAdmin registers the model its own way
        super().__init__(*args, **kwargs)

    def get_urls(self):
        opts = self.model._meta
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name=f"{opts.app_label}_{opts.model_name}_compare",
        )
        return [compare, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        # VersionAdmin records the whole list page as one revision; a list action records one per item instead
        # (update_entries), since restoring a revision restores everything in it.
        context = {"has_change_permission": self.has_change_permission(request), **(extra_context or {})}
        return super(VersionAdmin, self).changelist_view(request, context)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        page = Paginator(revisions.versions_of(obj), HISTORY_PER_PAGE).get_page(request.GET.get("p"))
        restore = f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_revision"
        rows = [{"version": version, "url": reverse(restore, args=[obj.pk, version.pk])} for version in page]
        context = {
            "versions": rows,
            "versions_page": page,
            "compare_url": reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_compare", args=[obj.pk]
            ),
            **(extra_context or {}),
        }
        # Django's own history view adds the title, breadcrumbs and permissions; the log entries it reads
        # too are not shown (every save has its revision).
        return super(VersionAdmin, self).history_view(request, object_id, context)

    def compare_view(self, request, object_id):
        """What changed between two versions of the item (?old=<version id>&new=<version id>)."""
        obj = self.get_object(request, object_id)
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        stored = revisions.versions_of(obj)
        try:
            chosen = [get_object_or_404(stored, pk=int(request.GET.get(key, ""))) for key in ("old", "new")]
        except ValueError:
            return HttpResponseBadRequest(_("Choose two versions to compare."))
        older, newer = sorted(chosen, key=lambda version: version.pk)
        restore = f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_revision"
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare versions of “%s”") % obj,
            "subtitle": None,
            "opts": self.opts,
            "object": obj,
            "older": older,
            "newer": newer,
            "same": older.pk == newer.pk,
            "changes": revisions.compare(older, newer),
            "older_restore_url": reverse(restore, args=[obj.pk, older.pk]),
            "newer_restore_url": reverse(restore, args=[obj.pk, newer.pk]),
            "history_url": reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_history", args=[obj.pk]
            ),
            "can_restore": self.has_change_permission(request, obj),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/revisions/compare.html", context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restore a version: the form filled with it; saving records a new revision, and readers see it at once."""
        if request.method == "POST" and PREVIEW in request.POST:
            return HttpResponseBadRequest(_("Restore the version first, then preview it from the item's form."))
        obj = self.get_object(request, object_id)
        # What the item shows before restoring (its tags, authors, source) leaves pages that list it now; the
        # restored version's own are bumped by the save. Read before the restore rewrites them.
        before = entry_written(obj, created=False) if obj is not None and request.method == "POST" else []
        response = super().revision_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302 and before:
            changed(*before)
        return response

    @transaction.atomic
    def update_entries(self, request, queryset, comment, **changes):
        """`queryset.update(**changes)` for a list action, with what a save would do: count the save in each
        item's `version`, record a revision of each item (who, when, `comment`) and remake the pages showing
        them. Returns how many items changed."""
        pks = list(queryset.values_list("pk", flat=True))  # the list's filter may no longer match after
        manager = self.model._default_manager
        count = manager.filter(pk__in=pks).update(version=F("version") + 1, updated_at=timezone.now(), **changes)
        entries = list(manager.filter(pk__in=pks))
        entries_changed(entries)
        for entry in entries:
            with revisions.recording(comment, request.user):
                revisions.reversion.add_to_revision(entry)
        return count


class StaleEditForm(forms.ModelForm):
    """A change form that refuses to overwrite a save made since it was opened (optimistic locking)."""

    # The item's `version` when the form was opened; browsers send it back. Absent (a script posting by hand):
    # no check.
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    check_stale = True  # the preview turns it off: it saves nothing, so it overwrites nothing

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        seen = cleaned.get("seen_version")
        if self.check_stale and self.instance.pk is not None and seen is not None:
            self.refuse_if_stale(seen)
        return cleaned

    def refuse_if_stale(self, seen):
        # Locked until the save commits (PostgreSQL), so two saves cannot both pass the check.
        model = type(self.instance)
        current = model._default_manager.select_for_update().filter(pk=self.instance.pk).values_list("version")
        current = current.first()
        if current is None or current[0] == seen:
            return
        last = revisions.last_saved(self.instance)
        # The form now carries the current version: saving again, having read this, keeps the editor's text.
        self.data = self.data.copy()
        self.data[self.add_prefix("seen_version")] = current[0]
        when = date_format(timezone.localtime(last.date), "DATETIME_FORMAT") if last.date else _("a moment ago")
        raise ValidationError(
            _(
                "%(who)s saved this %(item)s at %(when)s, after you opened it, so your changes were not saved. "
                "They are still in the form below. To see what %(who)s changed, open History in a new tab. "
                "Save again to replace their version with yours, or reload the page to start from theirs."
            ),
            code="stale",
            params={"who": last.who, "when": when, "item": model._meta.verbose_name},
        )


class StaleEditAdminMixin:
    """Give an admin's change form the stale-save check (models with a `version` field, i.e. items)."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if change and not issubclass(form, StaleEditForm):
            form = type(form.__name__, (StaleEditForm, form), {})
        return form
