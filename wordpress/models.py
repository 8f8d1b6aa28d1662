from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedObjectQuerySet(models.QuerySet):
    def imported(self, kind, wordpress_ids):
        """{WordPress ID: our object's pk} for those of `wordpress_ids` a run has already imported."""
        ids = [str(i) for i in wordpress_ids]
        found = {}
        for start in range(0, len(ids), 500):  # SQLite caps the parameters of one query
            rows = self.filter(kind=kind, wordpress_id__in=ids[start : start + 500])
            found.update(rows.values_list("wordpress_id", "object_id"))
        return found

    def live_url(self, wordpress_id):
        """Where WordPress post or page `wordpress_id` now lives, if readers may see it there; else None."""
        for row in self.filter(kind__in=[self.model.Kind.POST, self.model.Kind.PAGE], wordpress_id=str(wordpress_id)):
            model = ContentType.objects.get_for_id(row.content_type_id).model_class()  # cached: no query
            entry = model and model.objects.published().filter(pk=row.object_id).first()
            if entry:
                return entry.get_absolute_url()
        return None


class ImportedObject(models.Model):
    """What a WordPress post, page, comment or author became here.

    A second run skips what is listed (so nothing is imported twice), and `/?p=ID` links find their item.
    """

    class Kind(models.TextChoices):
        POST = "post", _("post")
        PAGE = "page", _("page")
        COMMENT = "comment", _("comment")
        AUTHOR = "author", _("author")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    wordpress_id = models.CharField(_("WordPress ID"), max_length=100, help_text=_("An author's login name."))
    site = models.CharField(_("WordPress site"), max_length=200, help_text=_("The export's base address."))
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey()
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    objects = ImportedObjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("imported WordPress object")
        constraints = [models.UniqueConstraint(fields=["kind", "wordpress_id"], name="wordpress_id_once_per_kind")]

    def __str__(self):
        return f"WordPress {self.kind} {self.wordpress_id}"
