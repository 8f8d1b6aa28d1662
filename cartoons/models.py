from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Entry
from core.validators import validate_image_upload


class Cartoon(Entry):
    """A drawing: the lead image is the cartoon itself, so it and its alt text are required."""

    lead_image = models.ImageField(
        _("cartoon image"), upload_to="cartoons/%Y/%m/", validators=[validate_image_upload],
        width_field="lead_image_width", height_field="lead_image_height",
    )  # fmt: skip
    lead_image_alt = models.CharField(
        _("alt text"), max_length=300, help_text=_("A short description of the drawing for screen readers.")
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    transcript = models.TextField(
        _("transcript"), blank=True, help_text=_("Every word in the drawing, for screen readers and search.")
    )
    artist = models.CharField(
        _("artist credit"), max_length=200, blank=True, help_text=_("Leave blank to credit the authors.")
    )

    feed_encloses_lead_image = True

    class Meta(Entry.Meta):
        verbose_name = _("cartoon")
        verbose_name_plural = _("cartoons")

    def structured_data(self, absolute):
        """The drawing itself, as an ImageObject; the page-size picture stays its `image`."""
        data = super().structured_data(absolute) | {"@type": "ImageObject", "name": self.title}
        if self.lead_image:
            data |= {"contentUrl": absolute(self.lead_image.url), "width": self.lead_image_width,
                     "height": self.lead_image_height}  # fmt: skip
        if self.caption:
            data["caption"] = self.caption
        if self.transcript:
            data["embeddedTextCaption"] = self.transcript
        if self.artist:
            data["creator"] = {"@type": "Person", "name": self.artist}
        return data
