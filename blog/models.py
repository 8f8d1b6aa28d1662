from django.utils.translation import gettext_lazy as _

from core.models import Entry


class Article(Entry):
    """A blog post or essay: the magazine's everyday item."""

    class Meta(Entry.Meta):
        verbose_name = _("article")
        verbose_name_plural = _("articles")
