from django import template

register = template.Library()


@register.filter(expects_localtime=True)
def iso_datetime(value):
    """A date or time in ISO 8601 to the second, as `<time datetime>` and Open Graph tags take it.

    `|date:"c"` writes microseconds, which HTML does not accept (at most three digits of a second).
    """
    if not value:
        return ""
    if hasattr(value, "microsecond"):
        value = value.replace(microsecond=0)
    return value.isoformat()
