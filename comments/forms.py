from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.forms import XtdCommentForm

from comments.models import Report
from comments.threads import approved_comments, max_reply_level

# What a reader may type back in after a refused post, so nothing they wrote is lost.
TYPED_FIELDS = ("name", "email", "url", "comment", "followup", "remember", "reply_to")


class CommentForm(XtdCommentForm):
    """django-comments-xtd's form with plain, accessible widgets and our checks.

    Field names stay xtd's (`name`, `email`, `url`, `comment`, `followup`), as docs/design.md promises.
    """

    remember = forms.BooleanField(
        required=False,
        label=_("Save my name, e-mail and website in this browser for the next time I comment."),
        label_suffix="",
    )  # off until the reader ticks it (comments/remember.py)

    def __init__(self, target_object, *args, **kwargs):
        super().__init__(target_object, *args, **kwargs)
        fields = self.fields
        fields["name"].label = _("Name")
        fields["name"].widget = forms.TextInput(attrs={"autocomplete": "name", "maxlength": 50})
        fields["email"].label = _("E-mail (never shown)")
        fields["email"].help_text = ""
        fields["email"].widget = forms.EmailInput(attrs={"autocomplete": "email", "maxlength": 254})
        fields["url"].label = _("Website (optional)")
        fields["url"].widget = forms.URLInput(attrs={"autocomplete": "url", "maxlength": 200})
        fields["comment"].label = _("Comment")
        fields["comment"].help_text = _("Plain text; links are allowed. At most %(n)s characters.") % {
            "n": settings.COMMENT_MAX_LENGTH
        }
        fields["comment"].widget = forms.Textarea(attrs={"rows": 8, "maxlength": settings.COMMENT_MAX_LENGTH})
        fields["followup"].label = _("Notify me of follow-up comments by e-mail")
        fields["followup"].widget = forms.CheckboxInput()
        fields["followup"].label_suffix = ""
        fields["honeypot"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_reply_to(self):
        """A reply must answer a published comment on this same item, not too deep in its thread."""
        parent_id = self.cleaned_data["reply_to"] or 0
        if parent_id == 0:
            return 0
        parent = approved_comments(self.target_object).filter(pk=parent_id).first()
        if parent is None:
            raise forms.ValidationError(_("The comment you are replying to is not on this page any more."))
        if parent.level >= max_reply_level(self.target_object):
            raise forms.ValidationError(_("That conversation is as deep as it goes; reply further up instead."))
        return parent_id

    def typed_values(self):
        """What the reader typed, to fill a fresh form when this one cannot be accepted."""
        return {field: self.data.get(field, "") for field in TYPED_FIELDS}


class ReportForm(forms.ModelForm):
    """A reader's report: why the comment should not be there, and a note for the moderators if they wish."""

    class Meta:
        model = Report
        fields = ["reason", "note"]
        labels = {
            "reason": _("Why should the moderators look at this comment?"),
            "note": _("Anything to add? (optional)"),
        }
        widgets = {"reason": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 3, "maxlength": 500})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].initial = None  # the reader chooses: no reason is assumed for them


class CommentTextForm(forms.Form):
    """A reader's new words for their own comment, held to the same length as a new one."""

    comment = forms.CharField(label=_("Your comment"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["comment"]
        field.max_length = settings.COMMENT_MAX_LENGTH
        field.validators.append(MaxLengthValidator(settings.COMMENT_MAX_LENGTH))
        field.help_text = _("Plain text; links are allowed. At most %(n)s characters.") % {"n": field.max_length}
        field.widget = forms.Textarea(attrs={"rows": 8, "maxlength": field.max_length})
