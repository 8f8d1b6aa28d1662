from django.db import models
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from pilkit.processors import ResizeToFit

from core.models import CARD_SIZE, Entry, fit_size
from core.pictures import PictureField
from core.validators import validate_image_upload


class Cartoon(Entry):
    """A drawing: the lead image is the cartoon itself, so it and its alt text are required."""

    lead_image = PictureField(
        _("cartoon image"), upload_to="cartoons/%Y/%m/", validators=[validate_image_upload],
        width_field="lead_image_width", height_field="lead_image_height", bytes_field="lead_image_bytes",
    )  # fmt: skip
    # The drawing's length in bytes, which feeds enclose it with: read at upload, so a feed never asks storage.
    lead_image_bytes = models.PositiveIntegerField(null=True, blank=True, editable=False)
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

    # Cards show the whole drawing, scaled to the card's width: cropping a cartoon would cut its joke.
    card_image = ImageSpecField(
        source="lead_image", processors=[ResizeToFit(width=CARD_SIZE[0], upscale=False)], format="WEBP",
        options={"quality": 85},
    )  # fmt: skip
    card_image_2x = ImageSpecField(
        source="lead_image", processors=[ResizeToFit(width=CARD_SIZE[0] * 2, upscale=False)], format="WEBP",
        options={"quality": 80},
    )  # fmt: skip

    feed_encloses_lead_image = True

    class Meta(Entry.Meta):
        verbose_name = _("cartoon")
        verbose_name_plural = _("cartoons")

    @property
    def card_image_size(self):
        return fit_size(self.lead_image_width, self.lead_image_height, CARD_SIZE[0])

    def card_image_candidates(self):
        width = self.card_image_size[0]
        double = fit_size(self.lead_image_width, self.lead_image_height, CARD_SIZE[0] * 2)[0]
        return [(self.card_image, width)] + ([(self.card_image_2x, double)] if double and double > width else [])

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
