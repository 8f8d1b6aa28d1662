"""The comment form a new reader is shown, rendered once per item and kept.

Rendering a form's twelve fields costs more than the rest of the comments page. A reader with nothing of their
own in it (not logged in, no details remembered, not replying, nothing refused) gets the same HTML as every
other such reader but for three values that are theirs or this moment's: the CSRF token, and the form's
timestamp and security hash. The form is kept with placeholders in their place, filled in on each request.
That is as safe as rendering it afresh: each reader still gets their own token (and cookie), and a hash that
signs this item and this moment; what is shared is only what every new reader sees anyway.
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core.dependencies import entry_key, kept

TEMPLATE = "comments/includes/comment_form.html"
# Placeholders: letters and dashes, which no field value, label or escaping produces around them.
PER_READER = {"csrf_token": "csrf-token-filled-in-per-reader"}
PER_REQUEST = {"timestamp": "timestamp-filled-in-per-request", "security_hash": "hash-filled-in-per-request"}
OWN_VALUES = ("name", "email", "url", "comment", "followup", "remember")


def is_new_readers(form, reply_to):
    """Whether `form` is the blank form every new reader gets: unposted, with nothing of anyone's in it."""
    initial = form.initial
    not_replying = reply_to is None and str(initial.get("reply_to", 0)) == "0"  # not even to a comment now gone
    return not form.is_bound and not_replying and not any(initial.get(name) for name in OWN_VALUES)


def new_readers_form(form, csrf_token, context):
    """The blank form as HTML, kept until the item changes (its address is the form's action)."""
    entry = form.target_object
    number = context["thread"]["number"]
    name = f"new-readers-form:{entry_key(entry)}:{number}"
    html = kept(name, [entry_key(entry)], lambda: _render(form, context))
    filled = {PER_READER["csrf_token"]: csrf_token}
    filled |= {PER_REQUEST[field]: str(form.initial[field]) for field in PER_REQUEST}
    for placeholder, value in filled.items():
        html = html.replace(f'value="{placeholder}"', f'value="{value}"')
    return mark_safe(html)  # the kept HTML was escaped as it was rendered; the values filled in are hex and digits


def _render(form, context):
    form.initial.update(PER_REQUEST)
    try:
        return render_to_string(TEMPLATE, {**context, "form": form, **PER_READER})
    finally:
        form.initial.update(form.generate_security_data())
