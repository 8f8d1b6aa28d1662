"""What the moderators' buttons on a comments page post, checked before anything reaches the database."""

from django import forms
from django.utils.translation import gettext_lazy as _

from comments.models import Reason

# Django's CharField and ChoiceField refuse NUL characters, which PostgreSQL cannot store in text.


class CommentDecisionForm(forms.Form):
    """Approve a held comment, or remove a held or published one (with the reason, when the button gives one)."""

    comment = forms.IntegerField(min_value=1, max_value=2**31 - 1)  # an id, within the database's integer range
    action = forms.ChoiceField(choices=[("approve", _("Approve")), ("remove", _("Remove"))])
    reason = forms.ChoiceField(choices=Reason.choices, required=False)


class ThreadChangeForm(forms.Form):
    """Close or reopen an item's thread, with the reason moderators give."""

    action = forms.ChoiceField(choices=[("close", _("Close comments")), ("reopen", _("Reopen comments"))])
    reason = forms.CharField(required=False)  # longer than fits is cut by services.thread_record_change
