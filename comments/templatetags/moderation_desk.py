from django import template

from comments import desk
from comments.models import MODERATE_COMMENTS

register = template.Library()


@register.simple_tag(takes_context=True)
def moderation_waiting(context):
    """{"pending": n, "reported": n} for a user who may moderate, else None; one query a request, however many
    places of the page show it."""
    request = context.get("request")
    if request is None or not request.user.has_perm(MODERATE_COMMENTS):
        return None
    if not hasattr(request, "moderation_waiting"):
        request.moderation_waiting = desk.waiting_counts()
    return request.moderation_waiting
