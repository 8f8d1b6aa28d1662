from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from pilkit.processors import ResizeToFit

from core.models import Entry, fit_size
from core.pictures import PictureField, rendition_url
from core.validators import validate_image_upload
from reviews.validators import normalise_isbn, validate_isbn

COVER_WIDTH = 240


class BookReview(Entry):
    """A review of one book, with the book's details, its cover and an optional rating."""

    book_title = models.CharField(_("book title"), max_length=300)
    book_authors = models.CharField(_("book author(s)"), max_length=300, help_text=_("As printed on the cover."))
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year published"), null=True, blank=True, validators=[MinValueValidator(1450), MaxValueValidator(2100)]
    )
    isbn = models.CharField(
        _("ISBN"), max_length=17, blank=True, validators=[validate_isbn],
        help_text=_("ISBN-10 or ISBN-13; hyphens and spaces are fine."),
    )  # fmt: skip
    cover = PictureField(
        _("cover image"), upload_to="covers/", blank=True, validators=[validate_image_upload],
        width_field="cover_width", height_field="cover_height",
    )  # fmt: skip
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, choices=[(n, "★" * n) for n in range(1, 6)],
        validators=[MinValueValidator(1), MaxValueValidator(5)], help_text=_("Optional: 1 to 5 stars."),
    )  # fmt: skip
    purchase_url = models.URLField(_("purchase link"), max_length=500, blank=True)

    cover_thumbnail = ImageSpecField(
        source="cover", processors=[ResizeToFit(width=COVER_WIDTH, upscale=False)], format="JPEG"
    )

    class Meta(Entry.Meta):
        verbose_name = _("book review")
        verbose_name_plural = _("book reviews")

    @property
    def cover_thumbnail_url(self):
        return rendition_url(self.cover_thumbnail) if self.cover else ""

    @property
    def cover_thumbnail_size(self):
        return fit_size(self.cover_width, self.cover_height, COVER_WIDTH)

    def structured_data(self, absolute):
        """A Review of a Book, with our rating when there is one."""
        book = {"@type": "Book", "name": self.book_title, "author": {"@type": "Person", "name": self.book_authors}}
        if self.isbn:
            book["isbn"] = self.isbn
        if self.publisher:
            book["publisher"] = {"@type": "Organization", "name": self.publisher}
        if self.year:
            book["datePublished"] = str(self.year)
        data = super().structured_data(absolute) | {"@type": "Review", "name": self.title, "itemReviewed": book}
        if self.rating:
            data["reviewRating"] = {"@type": "Rating", "ratingValue": self.rating, "bestRating": 5, "worstRating": 1}
        return data

    def save(self, *args, **kwargs):
        self.isbn = normalise_isbn(self.isbn)
        super().save(*args, **kwargs)
