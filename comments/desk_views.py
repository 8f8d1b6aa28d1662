"""The moderators' desk in the admin: /admin/moderation/ (the queues) and /admin/moderation/log/ (the log).

Registered by CommentsConfig.admin_urls through the admin site, so they take the admin's login and look; the
MODERATE_COMMENTS permission is checked here on every request, GET and POST.
"""

import csv
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import ListView

from comments import desk, services
from comments.models import MODERATE_COMMENTS, ModerationEvent, Reason
from comments.threads import VISIBLE

PER_PAGE = 25
ACTIONS = ("approve", "remove", "ban", "keep")


class DeskMixin:
    admin_site = None
    title = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(MODERATE_COMMENTS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**self.admin_site.each_context(self.request), "title": self.title, **super().get_context_data(**kwargs)}


class QueueView(DeskMixin, ListView):
    """The three queues, newest first; every action is one POST back here (one click, or ticked boxes)."""

    template_name = "comments/admin/desk.html"
    paginate_by = PER_PAGE
    title = gettext_lazy("Moderation")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        name = request.GET.get("queue", "")
        self.queue_name = name if name in desk.QUEUES else "pending"

    def get_queryset(self):
        return desk.queue(self.queue_name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["comments"] = desk.annotate(context["page_obj"].object_list)
        context["queue"] = self.queue_name
        context["queues"] = [(name, label) for name, (label, _q) in desk.QUEUES.items()]
        context["reasons"] = Reason.choices
        context["here"] = self.request.get_full_path()
        return context

    def post(self, request, *args, **kwargs):
        action, _sep, single = request.POST.get("do", "").partition(":")
        ids = [single] if single else request.POST.getlist("selected")
        reason = request.POST.get(f"reason-{single}" if single else "reason", "")
        if action not in ACTIONS or not ids or not all(i.isdigit() and len(i) < 10 for i in ids):
            messages.error(request, _("Nothing was changed: choose an action and at least one comment."))
        elif action in ("remove", "ban") and reason not in Reason.values:
            messages.error(request, _("Nothing was changed: choose a reason."))
        else:
            self.act(action, desk.comments().filter(pk__in=[int(i) for i in ids]), reason)
        return redirect(self.back())

    def act(self, action, chosen, reason):
        request, by = self.request, self.request.user
        if action == "approve":
            n = services.comment_approve(chosen, by=by)
            text = ngettext("%d comment approved.", "%d comments approved.", n)
        elif action == "remove":
            n = services.comment_remove(chosen, by=by, reason=reason)
            text = ngettext("%d comment removed.", "%d comments removed.", n)
        elif action == "keep":
            n = services.reports_dismiss(chosen.filter(VISIBLE), by=by)
            text = ngettext("Reports dismissed on %d comment.", "Reports dismissed on %d comments.", n)
        else:
            n = services.commenter_ban(chosen, by=by, reason=reason)
            text = ngettext("%d commenter banned.", "%d commenters banned.", n)
        messages.add_message(request, messages.SUCCESS if n else messages.WARNING, text % n)

    def back(self):
        """The queue and page the moderator acted from (the form posts to its own address)."""
        query = {"queue": self.queue_name}
        page = self.request.GET.get("page", "")
        if page.isdigit() and len(page) < 6:
            query["page"] = page
        return f"{self.request.path}?{urlencode(query)}"


class LogFilterForm(forms.Form):
    action = forms.ChoiceField(label=gettext_lazy("Action"), required=False)
    actor = forms.TypedChoiceField(label=gettext_lazy("By"), required=False, coerce=int, empty_value=None)
    since = forms.DateField(label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All actions")), *ModerationEvent.Action.choices]
        actor_ids = ModerationEvent.objects.filter(actor__isnull=False).values("actor").distinct()
        actors = get_user_model().objects.filter(pk__in=actor_ids).order_by("username")
        self.fields["actor"].choices = [("", _("Everyone")), *((u.pk, u.get_username()) for u in actors)]

    def filter(self, events):
        if not self.is_valid():
            return events
        data = self.cleaned_data
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["actor"]:
            events = events.filter(actor_id=data["actor"])
        if data["since"]:
            events = events.filter(created_at__date__gte=data["since"])
        if data["until"]:
            events = events.filter(created_at__date__lte=data["until"])
        return events


class LogView(DeskMixin, ListView):
    """Every moderation act, newest first; filtered by action, moderator and dates; `?format=csv` exports."""

    template_name = "comments/admin/log.html"
    paginate_by = 50
    title = gettext_lazy("Moderation log")

    def get_queryset(self):
        self.filters = LogFilterForm(self.request.GET or None)
        events = ModerationEvent.objects.select_related("actor", "comment").prefetch_related("entry")
        return self.filters.filter(events)

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            return self.csv()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filters"] = self.filters
        query = self.request.GET.copy()
        query.pop("page", None)
        query["format"] = "csv"
        context["csv_query"] = query.urlencode()
        query.pop("format")
        context["filter_query"] = query.urlencode()
        return context

    def csv(self):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="moderation-log-{stamp}.csv"'
        writer = csv.writer(response)
        writer.writerow(["when", "by", "action", "comment", "commenter", "item", "reason", "note", "text"])
        for event in self.get_queryset().iterator(chunk_size=500):
            writer.writerow([cell(value) for value in (
                event.created_at.isoformat(), event.actor.get_username() if event.actor else "",
                event.action, event.comment_id or "", event.commenter, str(event.entry or ""), event.reason,
                event.note, event.comment.comment if event.comment else "",
            )])  # fmt: skip
        return response


def cell(value):
    """A CSV cell a spreadsheet shows as text: one starting like a formula gets a leading apostrophe (OWASP)."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
