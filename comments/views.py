from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, TemplateView, View
from django.views.generic.detail import SingleObjectMixin
from django_comments_xtd import get_model as get_comment_model
from django_ratelimit.core import get_usage

from comments import blank_form, browser, remember, services
from comments.blank_form import is_new_readers, new_readers_form
from comments.desk import with_open_reports
from comments.forms import CommentForm, CommentTextForm, ReportForm
from comments.models import CLOSE_THREADS, MODERATE_COMMENTS, Reason
from comments.moderation import closed_since, is_banned, thread_is_open
from comments.moderation_forms import CommentDecisionForm, ThreadChangeForm
from comments.queue import queue_url
from comments.threads import (
    HELD,
    VISIBLE,
    approved_comments,
    comments_on,
    held_comments,
    max_reply_level,
    page_of_thread,
    thread_changes,
    thread_page,
)
from core.dependencies import depends_on, discussion_key, entry_key, kept, kept_as_made
from core.registry import entry_models
from core.views import EntryViewMixin

HELD_ON_PAGE = 20  # held comments listed on an item's comments page; the rest wait in the admin's queue
RATE_LIMIT_GROUP = "comments-post"  # new comments and edits
REPORT_RATE_LIMIT_GROUP = "comments-report"
# Messages about the reader's own post carry this tag: they are shown where the poster lands, not atop the page.
POSTING_NOTICE = "posting"
NOT_POSTED = gettext_lazy("Your comment could not be posted.")  # all a banned commenter is told


def posting_too_fast(request):
    """Whether this address has had COMMENTS_RATE_LIMIT comments accepted in the current window.

    Only stored comments count (see `count_accepted_post`): a reader correcting a mistyped address is not locked out.
    """
    usage = get_usage(request, group=RATE_LIMIT_GROUP, key="ip", rate=settings.COMMENTS_RATE_LIMIT)
    return usage is not None and usage["count"] >= usage["limit"]  # a failing cache reports 0 of 0: refused


def sort_messages(request):
    """The request's messages in two lists: those about the reader's own post (POSTING_NOTICE), and the others."""
    posting_notices, others = [], []
    for message in messages.get_messages(request):
        (posting_notices if POSTING_NOTICE in (message.extra_tags or "").split() else others).append(message)
    return posting_notices, others


def count_accepted_post(request):
    get_usage(request, group=RATE_LIMIT_GROUP, key="ip", rate=settings.COMMENTS_RATE_LIMIT, increment=True)


class EntryCommentsView(EntryViewMixin, DetailView):
    """The comments page of an item: its title and excerpt, the approved threads, and the form or a closed notice.

    The form posts back here. Every refusal (closed thread, too many posts, an expired form) answers with a
    message on this page and the reader's text still in the form; nothing is stored.
    """

    template_name = "comments/entry_comments.html"

    def get_queryset(self):
        return super().get_queryset().defer("body")  # the page shows its title and excerpt, never its body

    def get_object(self, queryset=None):
        """A reader's page reads the item as it was last loaded, kept until it or its discussion changes (a
        thread closed or reopened bumps the discussion). A post, and an editor's page, load it afresh."""
        load = super().get_object
        if self.request.method != "GET" or self.can_preview():
            return load(queryset)
        return kept_as_made(f"comments-page-item:{self.model._meta.label_lower}:{self.kwargs['slug']}",
                            lambda: self.depend_on_item(load(queryset)))  # fmt: skip

    @staticmethod
    def depend_on_item(entry):
        depends_on(entry_key(entry), discussion_key(entry._meta.label_lower, entry.pk))  # its title, its thread
        return entry

    def get_context_data(self, form=None, refusal=None, **kwargs):
        entry = self.object
        is_open = thread_is_open(entry)
        can_close = self.request.user.has_perm(CLOSE_THREADS)
        can_moderate = self.request.user.has_perm(MODERATE_COMMENTS)
        if is_open and form is None:
            form = self.blank_form()
        posting_notices, page_messages = sort_messages(self.request)
        self.depend_on_item(entry)
        context = super().get_context_data(
            posting_notices=posting_notices,
            page_messages=page_messages,
            thread=self.thread(entry, is_open, moderating=can_moderate),
            thread_open=is_open,
            closed_on=None if is_open else closed_since(entry),
            form=form if is_open else None,
            refusal=refusal,
            reply_to=self.reply_target(form),
            can_close=can_close,
            thread_url=reverse(f"{entry._meta.app_label}:thread", kwargs={"slug": entry.slug}),
            thread_changes=thread_changes(entry) if can_close else (),
            own_comments=browser.changeable_comments(self.request, entry),  # never in the shared thread fragment
            **(self.held_context(entry) if can_moderate else {}),
            moderate_url=self.moderate_url(entry),
            **kwargs,
        )
        context["form_html"] = self.form_html(context) if context["form"] else ""
        return context

    def form_html(self, context):
        """The form as HTML: a new reader's is kept and filled in (comments.blank_form), anyone else's rendered."""
        form = context["form"]
        if is_new_readers(form, context["reply_to"]):
            shown = {"object": self.object, "thread": context["thread"], "reply_to": None}
            return new_readers_form(form, get_token(self.request), shown)
        return render_to_string(blank_form.TEMPLATE, context, request=self.request)

    def held_context(self, entry):
        """What the moderation panel shows: how many comments wait, the oldest of them, and where the rest are."""
        held = held_comments(entry)
        shown = list(held[:HELD_ON_PAGE])
        return {
            "reasons": Reason.choices,
            "held_comments": shown,
            "held_count": len(shown) if len(shown) < HELD_ON_PAGE else held.count(),
            "held_queue_url": queue_url(entry),
        }

    def blank_form(self, initial=None):
        user = self.request.user
        initial = initial or {}
        if user.is_authenticated:  # a logged-in reader's name comes filled in
            initial.setdefault("name", user.get_full_name() or user.get_username())
            initial.setdefault("email", user.email)
        saved = remember.remembered_details(self.request)
        for field, value in saved.items():
            initial.setdefault(field, value)
        initial.setdefault("remember", bool(saved))
        initial.setdefault("reply_to", self.request.GET.get("reply_to", 0))
        return CommentForm(self.object, initial=initial)

    def thread(self, entry, is_open, moderating=False):
        """One page of the discussion as HTML (`html`) and its page number (`number`), the same for every reader:
        kept until the discussion changes.

        Whether the thread is open is part of its name, since a thread closes on its own when it is old enough.
        A moderator's page carries their buttons and readers' reports: made afresh for them, and never kept,
        so no reader is ever served it.
        """
        number = self.request.GET.get("page", "1")
        number = number if number.isdigit() and len(number) < 6 else "1"  # what Paginator.get_page reads as 1
        key = discussion_key(entry._meta.label_lower, entry.pk)

        def render():
            page = thread_page(entry, number)
            count = page.paginator.count and approved_comments(entry).count()
            context = {"comments_page": page, "comment_count": count, "thread_open": is_open}
            if not moderating:
                return {"html": render_to_string("comments/includes/thread.html", context), "number": page.number}
            with_open_reports(page.comments)
            context |= {"moderating": True, "reasons": Reason.choices, "moderate_url": self.moderate_url(entry)}
            html = render_to_string("comments/includes/thread.html", context, request=self.request)
            return {"html": html, "number": page.number}

        return render() if moderating else kept(f"thread:{key}:{number}:{is_open}", [key], render)

    @staticmethod
    def moderate_url(entry):
        return reverse(f"{entry._meta.app_label}:moderate", kwargs={"slug": entry.slug})

    def reply_target(self, form):
        """The comment the form answers: one readers see, that takes replies."""
        if form is None:
            return None
        try:
            parent_id = int(form["reply_to"].value() or 0)
        except (TypeError, ValueError):
            return None
        parent = approved_comments(self.object).filter(pk=parent_id).first() if parent_id else None
        return parent if parent and parent.level < max_reply_level(self.object) else None

    def post(self, request, *args, **kwargs):
        self.object = entry = self.get_object()
        form = CommentForm(entry, data=request.POST)
        if not thread_is_open(entry):
            return self.refuse(form, _("Comments are closed."), status=403)
        if posting_too_fast(request):
            return self.refuse(form, _("You are posting too quickly. Please wait a minute, then send it again."), 429)
        if form.security_errors() and "honeypot" not in form.security_errors():
            message = _("This form had expired or was damaged. Your text is kept below: please send it again.")
            return self.refuse(self.blank_form(form.typed_values()), message, status=400)
        if not form.is_valid():
            return self.refuse(form, _("Your comment was not posted: please correct the errors below."), 400)
        # A banned commenter is told nothing more than this, and nothing is stored.
        if is_banned(form.cleaned_data["email"], request.user):
            return self.refuse(form, NOT_POSTED, status=403)
        result = services.comment_post(form, request)
        if result.refused:  # the thread closed (or a ban came) between the checks above and now
            banned = is_banned(form.cleaned_data["email"], request.user)
            return self.refuse(form, NOT_POSTED if banned else _("Comments are closed."), status=403)
        count_accepted_post(request)
        response = browser.remember_posted(request, self.accepted(entry, result), result.comment)
        return remember.remember_or_forget(request, response, form.cleaned_data)

    def accepted(self, entry, result):
        """Send the poster to the news: their published comment, or the notice that it awaits a moderator."""
        if result.held:
            notice = _("Your comment is awaiting moderation. Readers will see it once a moderator approves it.")
            messages.info(self.request, notice, extra_tags=POSTING_NOTICE)
            return redirect(f"{entry.get_comments_url()}#comment-status")
        messages.success(self.request, _("Thank you: your comment is published."))
        page = page_of_thread(entry, result.comment.thread_id)
        return redirect(f"{entry.get_comments_url()}?page={page}#c{result.comment.pk}")

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        patch_cache_control(response, private=True)  # it carries a form (and its CSRF token) or moderator tools
        return response

    def refuse(self, form, message, status):
        context = self.get_context_data(form=form, refusal=message)
        context["refused_text"] = form.data.get("comment", "") if form.is_bound else ""
        return self.render_to_response(context, status=status)


@method_decorator(never_cache, name="dispatch")
class ModeratorActionView(SingleObjectMixin, View):
    """POST only, from a button on an item's comments page; the permission is checked here, on the server."""

    http_method_names = ["post"]
    permission = None
    form_class = None

    def get_queryset(self):
        return self.model.objects.all()

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        entry = self.get_object()
        form = self.form_class(request.POST)
        if form.is_valid():
            self.act(entry, **form.cleaned_data)
        else:  # only a damaged or hand-made request gets here: the page's buttons send valid values
            messages.error(request, _("Nothing was changed: the request was incomplete or damaged."))
        return redirect(f"{entry.get_comments_url()}#moderation")

    def act(self, entry, action, **fields):
        raise NotImplementedError


class ThreadModerationView(ModeratorActionView):
    """A moderator closes or reopens an item's thread, with an optional reason that is recorded."""

    permission = CLOSE_THREADS
    form_class = ThreadChangeForm

    def act(self, entry, action, reason):
        request = self.request
        if action == "close":
            services.thread_close(entry, by=request.user, reason=reason)
            messages.success(request, _("Comments are now closed on this item."))
            return
        services.thread_reopen(entry, by=request.user, reason=reason)
        if thread_is_open(entry):
            messages.success(request, _("Comments are open again."))
        else:
            messages.warning(request, _("Reopened, but the thread stays closed: it is past its closing date."))


class CommentModerationView(ModeratorActionView):
    """A moderator approves or removes one held comment."""

    permission = MODERATE_COMMENTS
    form_class = CommentDecisionForm

    def act(self, entry, action, comment, reason):
        request = self.request
        if action == "approve":
            if services.comment_approve(held_comments(entry).filter(pk=comment), by=request.user):
                messages.success(request, _("Comment approved."))
            else:
                messages.error(request, _("That comment is no longer waiting for moderation."))
        elif services.comment_remove(comments_on(entry).filter(pk=comment), by=request.user, reason=reason):
            messages.success(request, _("Comment removed."))
        else:
            messages.error(request, _("That comment was already removed, or is not on this item."))


def comment_redirect(request, content_type_id, object_pk):
    """Where a comment's permalink (`get_absolute_url`, used by xtd and the admin) leads: the item's comments page."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist as error:
        raise Http404 from error
    if model not in entry_models():
        raise Http404
    try:
        pk = model._meta.pk.to_python(object_pk)  # "abc" would reach the database and fail there
    except ValidationError as error:
        raise Http404 from error
    return redirect(get_object_or_404(model.objects.published(), pk=pk).get_comments_url())


def reporting_too_fast(request):
    """Whether this address has sent COMMENTS_REPORT_RATE_LIMIT reports in the current window (new ones only)."""
    usage = get_usage(request, group=REPORT_RATE_LIMIT_GROUP, key="ip", rate=settings.COMMENTS_REPORT_RATE_LIMIT)
    return usage is not None and usage["count"] >= usage["limit"]


def count_accepted_report(request):
    get_usage(
        request, group=REPORT_RATE_LIMIT_GROUP, key="ip", rate=settings.COMMENTS_REPORT_RATE_LIMIT, increment=True
    )


def comment_url(entry, comment):
    """Where a comment is on its item's comments page."""
    return f"{entry.get_comments_url()}?page={page_of_thread(entry, comment.thread_id)}#c{comment.pk}"


@method_decorator(never_cache, name="dispatch")
class ReaderCommentView(TemplateView):
    """A page about one comment, reached from the comments page: the comment must be one in `states`, on a
    published item, or the answer is 404. Each page carries its own form and CSRF token, so the thread
    fragment every reader shares links here and holds no one's token.
    """

    states = VISIBLE

    def dispatch(self, request, *args, **kwargs):
        comments = get_comment_model().norel_objects.filter(self.states, site_id=settings.SITE_ID)
        self.comment = get_object_or_404(comments, pk=kwargs["pk"])
        self.entry = self.comment.content_object
        if type(self.entry) not in entry_models() or not self.entry.is_published():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(comment=self.comment, object=self.entry, **kwargs)

    def answer(self, status=200, **context):
        response = self.render_to_response(self.get_context_data(**context), status=status)
        patch_cache_control(response, private=True)
        return response


class ReportCommentView(ReaderCommentView):
    """A reader reports a published comment to the moderators: a reason, and a note if they wish."""

    template_name = "comments/report_comment.html"

    def get(self, request, *args, **kwargs):
        return browser.give_reader_token(request, self.answer(form=ReportForm()))

    def post(self, request, *args, **kwargs):
        form = ReportForm(request.POST)
        if reporting_too_fast(request):
            message = _("You have sent many reports in a short time. Please wait a while, then send it again.")
            return self.answer(status=429, form=form, refusal=message)
        if not form.is_valid():
            return self.answer(status=400, form=form)
        if services.comment_report(self.comment, request, **form.cleaned_data):
            count_accepted_report(request)
        messages.success(request, _("Thank you, the moderators will look at it."))
        return browser.give_reader_token(request, redirect(comment_url(self.entry, self.comment)))


class OwnCommentView(ReaderCommentView):
    """A reader changes their own comment: from the browser that posted it or their account, for
    COMMENTS_EDIT_MINUTES (comments.browser). Anyone else, or later, is refused here, on the server.
    """

    states = VISIBLE | HELD

    def refusal(self):
        """Why this reader may not change the comment, or None. A held comment is nobody else's business: 404."""
        if not self.comment.is_public and not browser.is_own(self.request, self.comment):
            raise Http404
        return browser.refusal(self.request, self.comment)

    def refuse(self, message):
        return self.answer(status=403, refusal=message)


class EditCommentView(OwnCommentView):
    template_name = "comments/edit_comment.html"

    def refusal(self):
        if message := super().refusal():
            return message
        if not thread_is_open(self.entry):
            return _("Comments are closed on this item: your comment can no longer be edited, only deleted.")
        return None

    def get(self, request, *args, **kwargs):
        if message := self.refusal():
            return self.refuse(message)
        return self.answer(form=CommentTextForm(initial={"comment": self.comment.comment}))

    def post(self, request, *args, **kwargs):
        if message := self.refusal():
            return self.refuse(message)
        form = CommentTextForm(request.POST)
        if posting_too_fast(request):
            message = _("You are posting too quickly. Please wait a minute, then send it again.")
            return self.answer(status=429, form=form, refusal=message)
        if not form.is_valid():
            return self.answer(status=400, form=form)
        held = services.comment_edit(self.comment, form.cleaned_data["comment"], request)
        count_accepted_post(request)
        if held:
            notice = _(
                "Your comment was changed and awaits moderation. Readers will see it once a moderator approves it."
            )
            messages.info(request, notice, extra_tags=POSTING_NOTICE)
            return redirect(f"{self.entry.get_comments_url()}#comment-status")
        messages.success(request, _("Your comment was changed."))
        return redirect(comment_url(self.entry, self.comment))


class DeleteCommentView(OwnCommentView):
    template_name = "comments/delete_comment.html"

    def get(self, request, *args, **kwargs):
        if message := self.refusal():
            return self.refuse(message)
        return self.answer()

    def post(self, request, *args, **kwargs):
        if message := self.refusal():
            return self.refuse(message)
        services.comment_delete_by_author(self.comment)
        messages.success(request, _("Your comment was deleted."))
        return redirect(f"{self.entry.get_comments_url()}#comments")
