import logging

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from imagekit.cachefiles.backends import CacheFileState
from imagekit.models import ImageSpecField
from pilkit.processors import ResizeToFill, ResizeToFit
from taggit.managers import TaggableManager

from core.metadata import EntryMetadata
from core.search import PostgreSQLOnly, SearchIndex, matching, search_vector
from core.validators import validate_image_upload

# What editors may put in a body; the same list drives the editor's toolbar and the server-side sanitiser.
BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Underline": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
}

logger = logging.getLogger(__name__)

CARD_SIZE = (480, 300)  # list and sidebar thumbnails, cropped to fill
PORTRAIT_WIDTH = 640  # cartoons and lead images on item pages keep their shape


class Source(models.Model):
    """A syndication partner whose posts we republish, with a page listing what came from it."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    home_url = models.URLField(_("home page"), help_text=_("Linked when an item has no original URL of its own."))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("syndication source")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("core:source", kwargs={"slug": self.slug})


class Author(models.Model):
    """A writer or artist credited on items; may be linked to the user account they log in with."""

    name = models.CharField(_("display name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ImageField(
        _("photo"), upload_to="authors/", blank=True, validators=[validate_image_upload],
        width_field="photo_width", height_field="photo_height",
    )  # fmt: skip
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user account"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="author_profile",
    )  # fmt: skip

    photo_thumbnail = ImageSpecField(source="photo", processors=[ResizeToFill(160, 160)], format="JPEG")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("core:author", kwargs={"slug": self.slug})

    @property
    def photo_url(self):
        return thumbnail_url(self.photo_thumbnail) if self.photo else ""


class EntryQuerySet(models.QuerySet):
    """The rules for which items readers may see, and how to load them in a fixed number of queries."""

    def published(self):
        """Items readers may see: published, and their publish time has come."""
        return self.filter(status=Entry.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Items set to go live later: published, with a publish time still to come."""
        return self.filter(status=Entry.Status.PUBLISHED, published_at__gt=timezone.now())

    def for_listing(self):
        """Everything a card in a list shows, in a fixed number of queries whatever the list's length."""
        return self.select_related("source").prefetch_related("authors").defer("body")

    def for_detail(self):
        """Everything an item page shows."""
        return self.select_related("source").prefetch_related("authors", "tags")

    def months(self):
        """Each month with items, newest first, and how many: rows of {"month": datetime, "count": n}, one query."""
        return (
            self.annotate(month=TruncMonth("published_at"))
            .values("month")
            .annotate(count=models.Count("pk"))
            .order_by("-month")
        )

    def search(self, text):
        """Items matching a reader's search, annotated with `rank` (see core.search)."""
        return matching(self, text)


class EntryManager(models.Manager.from_queryset(EntryQuerySet)):
    def get_queryset(self):
        # The search document is as big as the body, and only the database reads it.
        return super().get_queryset().defer("search_document")


class Entry(EntryMetadata, models.Model):
    """Fields and behaviour shared by every published item, whatever its section."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, help_text=_("The last part of the address; unique within a section.")
    )
    authors = models.ManyToManyField(
        Author, verbose_name=_("authors"), blank=True, related_name="%(app_label)s_%(class)s_set"
    )
    excerpt = models.TextField(
        _("excerpt"), blank=True, max_length=600, help_text=_("Shown in lists and the sidebar. Plain text.")
    )
    body = ProseEditorField(_("body"), blank=True, config={"extensions": BODY_EXTENSIONS}, sanitize=True)
    lead_image = models.ImageField(
        _("lead image"), upload_to="lead/%Y/%m/", blank=True, validators=[validate_image_upload],
        width_field="lead_image_width", height_field="lead_image_height",
    )  # fmt: skip
    lead_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_alt = models.CharField(
        _("lead image alt text"), max_length=300, blank=True,
        help_text=_("Describe the image for readers who cannot see it. Required when there is an image."),
    )  # fmt: skip
    tags = TaggableManager(
        _("tags"), blank=True,
        help_text=_("Separate tags with commas; a tag may have spaces: “mental health, nursing” is two tags."),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("publish time"), default=timezone.now,
        help_text=_("Readers see a published item only once this time has passed; set a future time to schedule it."),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    seo_description = models.CharField(
        _("search engine description"), max_length=300, blank=True,
        help_text=_("The summary search engines show. Leave blank to use the excerpt."),
    )  # fmt: skip
    source = models.ForeignKey(
        Source, verbose_name=_("syndication source"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="%(app_label)s_%(class)s_set",
        help_text=_("For items republished from a partner: shown as “originally published at …”."),
    )  # fmt: skip
    original_url = models.URLField(
        _("original URL"), max_length=500, blank=True, help_text=_("Where the item first appeared.")
    )
    comments_open = models.BooleanField(
        _("comments open"), default=True, help_text=_("Untick to close the discussion; existing comments stay.")
    )
    # Counts saves, so that a form opened before someone else's save is refused rather than overwrite it
    # (core.admin_revisions). List actions writing with QuerySet.update() add one too.
    version = models.PositiveIntegerField(default=0, editable=False)

    # What reader search matches and ranks, kept up to date by PostgreSQL itself (see core.search).
    search_document = models.GeneratedField(
        expression=PostgreSQLOnly(search_vector()), output_field=SearchVectorField(), db_persist=True
    )

    # Thumbnails are made on first use and kept on disk; their size is fixed, so pages know it without a query.
    card_image = ImageSpecField(
        source="lead_image", processors=[ResizeToFill(*CARD_SIZE)], format="JPEG", options={"quality": 82}
    )
    page_image = ImageSpecField(
        source="lead_image", processors=[ResizeToFit(width=PORTRAIT_WIDTH, upscale=False)], format="JPEG",
        options={"quality": 85},
    )  # fmt: skip

    feed_encloses_lead_image = False  # True where the image is the item itself (cartoons): feeds enclose it
    # Rows of other models that belong to the item (reverse relations, e.g. an interview's interviewees): stored
    # in each of its revisions and restored with it (core.revisions).
    revision_follow = ()

    objects = EntryManager()
    loaded_source_id = None  # the source it was read from the database with (see from_db)

    class Meta:
        abstract = True
        ordering = ["-published_at", "-pk"]
        # Lists read it newest first, ties by id, and stop after a page: no sort over the whole table.
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"]),
            SearchIndex(fields=["search_document"], name="%(app_label)s_%(class)s_search"),
        ]
        get_latest_by = "published_at"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.sanitise_body()
        self.version += 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(f"{self._meta.app_label}:detail", kwargs={"slug": self.slug})

    def get_comments_url(self):
        return reverse(f"{self._meta.app_label}:comments", kwargs={"slug": self.slug})

    def sanitise_body(self):
        # On every save, not only in forms: imports and scripts must not store unsafe HTML either (and a
        # preview shows what saving would store).
        self.body = self._meta.get_field("body").sanitize(self.body or "")

    @property
    def tag_links(self):
        """taggit's rows linking the item to its tags: revisions store them, so restoring brings its tags back."""
        through = self._meta.get_field("tags").remote_field.through
        return through.objects.filter(**through.lookup_kwargs(self))

    @classmethod
    def from_db(cls, db, field_names, values):
        entry = super().from_db(db, field_names, values)
        # Moving it to another source changes what the old source lists, and its count (core.pagekeys).
        entry.loaded_source_id = entry.__dict__.get("source_id")
        return entry

    def is_published(self):
        """True when readers can see the item now."""
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    def is_scheduled(self):
        return self.status == self.Status.PUBLISHED and self.published_at > timezone.now()

    @property
    def summary(self):
        """What lists and search engines show: the SEO description, else the excerpt."""
        return self.seo_description or self.excerpt

    @property
    def syndication_url(self):
        """The link of the “originally published at” line: the original post, else the partner's home."""
        if self.original_url:
            return self.original_url
        return self.source.home_url if self.source_id else ""

    @property
    def section_name(self):
        return self._meta.verbose_name

    @property
    def section_url(self):
        return reverse(f"{self._meta.app_label}:list")

    @property
    def card_image_url(self):
        return thumbnail_url(self.card_image) if self.lead_image else ""

    card_image_size = CARD_SIZE

    @property
    def page_image_url(self):
        return thumbnail_url(self.page_image) if self.lead_image else ""

    @property
    def page_image_size(self):
        """(width, height) of `page_image`, computed as the resizer does so templates need not open the file."""
        return fit_size(self.lead_image_width, self.lead_image_height, PORTRAIT_WIDTH)

    def clean(self):
        super().clean()
        errors = {}
        if self.lead_image and not self.lead_image_alt.strip():
            errors["lead_image_alt"] = _("Describe the image for readers who cannot see it.")
        if self.original_url and not self.source_id:
            errors["source"] = _("Choose the source this item was first published at, or clear the original URL.")
        if errors:
            raise ValidationError(errors)


def fit_size(width, height, max_width):
    """The size pilkit's ResizeToFit(width=max_width, upscale=False) gives an image of width x height."""
    if not width or not height:
        return None, None
    if width <= max_width:
        return width, height
    ratio = max_width / width
    return max_width, round(height * ratio)


def thumbnail_url(spec):
    """The URL of a thumbnail, made now if need be; "" when its source file is missing or unreadable.

    A lost or corrupt upload must cost the page its picture, not the reader a server error.
    """
    try:
        return spec.url
    except (OSError, ValueError, SyntaxError) as error:  # Pillow raises all three on bad files
        logger.warning("Cannot make thumbnail %s: %s", spec.name, error)
        # imagekit leaves a failed thumbnail marked "generating" and would hand out its URL from then on.
        spec.cachefile_backend.set_state(spec, CacheFileState.DOES_NOT_EXIST)
        return ""
