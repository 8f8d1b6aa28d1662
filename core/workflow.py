"""Review before publishing: contributors write, editors publish.

- Publishing needs the `publish_<model>` permission (`blog.publish_article`, ...): status Published (live or
  scheduled), featuring, and the list actions that do either. The Editors group has it; Contributors do not.
- A contributor's own items are the items they created in the admin (`Entry.created_by`), whoever the byline
  names: an editor may credit someone else without handing over the item. A contributor changes their own items
  while they are drafts, and submits them for review (status Pending review); from then on only editors change
  them, until an editor publishes the item or sends it back to draft with a note.
- Submitting mails the Editors group (one mail, linking the item's admin page); sending back mails the note to
  the contributor, and the note stays on the item's form until it is published.

The admin (core.admin.EntryAdmin) calls these rules; every one is checked on the server when a form or an
action is posted, not only left out of the page.
"""

from functools import partial

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Entry
from core.roles import EDITORS

DRAFT, PENDING, PUBLISHED = Entry.Status.DRAFT, Entry.Status.PENDING, Entry.Status.PUBLISHED
SUBMIT_FOR_REVIEW = "_submit_for_review"  # the name of the contributor's button on the change form
PUBLISHING_FIELDS = ["published_at", "featured", "review_note"]  # read-only for contributors


def may_publish(user, model):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


def is_own(user, entry):
    return entry.created_by_id is not None and entry.created_by_id == user.pk


def may_change(user, entry):
    """Editors change any item; a contributor only their own, and only while it is a draft."""
    return may_publish(user, type(entry)) or (is_own(user, entry) and entry.status == DRAFT)


def may_preview(user, entry):
    """Who may see an item on the site before readers do: editors, and its contributor."""
    opts = entry._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return False
    return may_publish(user, type(entry)) or is_own(user, entry)


class WorkflowForm(forms.ModelForm):
    """The item form's part of the workflow: the statuses its user may choose, "Submit for review", the note.

    `may_publish` is set for each request (EntryAdmin.get_form). A contributor's status list holds Draft and
    Pending review only, so a posted "published" is refused as an invalid choice.
    """

    may_publish = True

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and SUBMIT_FOR_REVIEW in data:
            data = data.copy()
            data["status"] = PENDING
        super().__init__(data, *args, **kwargs)
        self.status_before = self.instance.status if self.instance.pk else None
        status = self.fields.get("status")
        if status is not None and not self.may_publish:
            status.choices = [(value, label) for value, label in status.choices if value in (DRAFT, PENDING)]

    def clean(self):
        cleaned = super().clean()
        if self.sends_back() and not cleaned.get("review_note", "").strip():
            self.add_error("review_note", _("Say why it goes back to draft: the contributor gets this note by mail."))
        if self.status_before == PENDING and cleaned.get("status") == PUBLISHED:
            when = cleaned.get("published_at")
            # Its publish time is when the contributor started it, unless the editor set one: live means now.
            if when and when < timezone.now() and "published_at" not in self.changed_data:
                cleaned["published_at"] = timezone.now()
            if "review_note" in self.fields:
                cleaned["review_note"] = ""
        return cleaned

    def submits(self):
        return self.cleaned_data.get("status") == PENDING and self.status_before != PENDING

    def sends_back(self):
        return self.status_before == PENDING and self.cleaned_data.get("status") == DRAFT


def before_save(request, entry, change):
    if not change:
        entry.created_by = request.user


def after_save(request, entry, form):
    """Tell whoever must act now: the editors of a submitted item, the contributor of one sent back."""
    if getattr(form, "submits", lambda: False)():
        tell_editors(request, entry)
    elif getattr(form, "sends_back", lambda: False)():
        tell_contributor(request, entry)


def admin_url(entry):
    opts = entry._meta
    return settings.SITE_URL + reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])


def one_line(text):
    return " ".join(str(text).split())  # a title posted with a line break must not break the mail's header


def editors_addresses():
    users = get_user_model()._default_manager.filter(groups__name=EDITORS, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def tell_editors(request, entry):
    addresses = editors_addresses()
    if not addresses:
        messages.warning(request, _("Submitted for review, but no editor has an e-mail address: tell them yourself."))
        return
    who = request.user.get_full_name() or request.user.get_username()
    subject = _("Pending review: %(title)s") % {"title": one_line(entry.title)}
    body = _("%(who)s submitted this %(section)s for review:\n\n%(title)s\n\nReview it: %(url)s\n") % {
        "who": who, "section": entry._meta.verbose_name, "title": entry.title, "url": admin_url(entry),
    }  # fmt: skip
    # One mail to every editor, sent only once the item is saved for good.
    transaction.on_commit(partial(send_mail, subject, body, None, addresses))
    messages.success(request, _("Submitted for review: the editors have been told."))


def tell_contributor(request, entry):
    contributor = entry.created_by
    if contributor is None or not contributor.email:
        messages.warning(request, _("Sent back to draft; its contributor has no e-mail address: tell them yourself."))
        return
    subject = _("Sent back to you: %(title)s") % {"title": one_line(entry.title)}
    body = _("The editors sent “%(title)s” back to you with this note:\n\n%(note)s\n\nEdit it: %(url)s\n") % {
        "title": entry.title, "note": entry.review_note, "url": admin_url(entry),
    }  # fmt: skip
    transaction.on_commit(partial(send_mail, subject, body, None, [contributor.email]))
    messages.success(request, _("Sent back to %(who)s with your note.") % {"who": contributor.get_username()})
