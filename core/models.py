from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import TruncMonth
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from imagekit.models import ImageSpecField
from pilkit.processors import ResizeToFill, ResizeToFit
from taggit.managers import TaggableManager

from core.figures import image_sources, make_sanitizer, media_name, set_image_sizes
from core.metadata import EntryMetadata
from core.pictures import PictureField, rendition_url
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
    # Figures from the image library: the editor's "Browse..." opens our picker (core.admin.ImageAdmin).
    "Figure": {"pickerUrl": reverse_lazy("admin:core_image_picker")},
    "Caption": True,
    "Image": True,
}
sanitize_body = make_sanitizer(BODY_EXTENSIONS)  # see core.figures: figures only with pictures from our media


CARD_SIZE = (480, 300)  # list thumbnails, cropped to fill; also made at twice the size for sharp screens
PORTRAIT_WIDTH = 640  # the sidebar's cartoon, and the picture search engines and social sites are given
LEAD_WIDTHS = (480, 960, 1440)  # the lead image on its item page, in WebP, for the browser to choose from
# How wide the text column is (static/css/site.css: --measure 42rem, a 72rem page with an 18rem sidebar from 900px).
LEAD_SIZES = "(min-width: 1040px) 42rem, (min-width: 900px) calc(100vw - 23rem), calc(100vw - 2rem)"
CARD_SIZES = "(min-width: 600px) 13rem, calc(100vw - 2rem)"
PREVIEW_BOX = 240  # the image library's previews in the admin fit in a square this wide


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
    photo = PictureField(
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
        return rendition_url(self.photo_thumbnail) if self.photo else ""


class ImageQuerySet(models.QuerySet):
    def size_figures(self, html):
        """`html` with the true width and height on every `<img>` showing a library picture (one query, or none).

        The editor's figure dialog sends only the address and alt text; the size comes from the library, so
        readers' browsers reserve the picture's space before it loads.
        """
        names = {src: media_name(src) for src in image_sources(html)}
        if not any(names.values()):
            return html
        stored = {
            file: (w, h) for file, w, h in self.filter(file__in=names.values()).values_list("file", "width", "height")
        }
        return set_image_sizes(html, {src: stored[name] for src, name in names.items() if name in stored})


class Image(models.Model):
    """A picture in the image library, for figures in the body of any item: uploaded once, used where it fits."""

    file = PictureField(
        _("image"), upload_to="library/%Y/%m/", validators=[validate_image_upload], width_field="width",
        height_field="height",
        help_text=_("Shown as uploaded in the body, up to the text column's width: 1,400 pixels wide is plenty."),
    )  # fmt: skip
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    alt = models.CharField(
        _("alt text"), max_length=300, help_text=_("Describe the picture for readers who cannot see it.")
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True, help_text=_("E.g. “Photo: Ama Mensah”."))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    thumbnail = ImageSpecField(
        source="file", processors=[ResizeToFit(PREVIEW_BOX, PREVIEW_BOX, upscale=False)], format="WEBP"
    )

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self):
        return self.alt

    def clean(self):
        super().clean()
        if not self.alt.strip():  # the admin's form strips spaces; scripts and imports must describe it too
            raise ValidationError({"alt": _("Describe the picture for readers who cannot see it.")})

    @property
    def figcaption(self):
        """“Caption — credit”, or either alone: what the figure says under the picture."""
        return caption_with_credit(self.caption, self.credit)

    @property
    def preview_url(self):
        return rendition_url(self.thumbnail) if self.file else ""

    @property
    def preview_size(self):
        """(width, height) of `thumbnail`: the picture fitted into PREVIEW_BOX, never enlarged."""
        if not self.width or not self.height:
            return None, None
        scale = min(PREVIEW_BOX / self.width, PREVIEW_BOX / self.height, 1)
        return round(self.width * scale), round(self.height * scale)


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
        PENDING = "pending", _("Pending review")  # a contributor's draft, waiting for an editor (core.workflow)
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
    body = ProseEditorField(_("body"), blank=True, config={"extensions": BODY_EXTENSIONS}, sanitize=sanitize_body)
    lead_image = PictureField(
        _("lead image"), upload_to="lead/%Y/%m/", blank=True, validators=[validate_image_upload],
        width_field="lead_image_width", height_field="lead_image_height",
    )  # fmt: skip
    lead_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    lead_image_alt = models.CharField(
        _("lead image alt text"), max_length=300, blank=True,
        help_text=_("Describe the image for readers who cannot see it. Required when there is an image."),
    )  # fmt: skip
    lead_image_caption = models.CharField(
        _("lead image caption"), max_length=500, blank=True, help_text=_("Shown under the image.")
    )
    lead_image_credit = models.CharField(
        _("lead image credit"), max_length=200, blank=True,
        help_text=_("Who made the picture, e.g. “Photo: Ama Mensah”. Shown after the caption."),
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
    # Its corrections and updates; deleting the item deletes them (no column: the notes point at the item).
    corrections = GenericRelation("core.Correction")
    featured = models.BooleanField(
        _("featured"), default=False,
        help_text=_("The newest featured item opens the front page as its lead story."),
    )  # fmt: skip
    # The review workflow (core.workflow): who wrote the item in the admin, and the editors' note sending it back.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    review_note = models.TextField(
        _("note to the contributor"), blank=True,
        help_text=_("Why it goes back to draft; mailed to the contributor and shown on this form."),
    )  # fmt: skip
    # Counts saves, so that a form opened before someone else's save is refused rather than overwrite it
    # (core.admin_revisions). List actions writing with QuerySet.update() add one too.
    version = models.PositiveIntegerField(default=0, editable=False)

    # What reader search matches and ranks, kept up to date by PostgreSQL itself (see core.search).
    search_document = models.GeneratedField(
        expression=PostgreSQLOnly(search_vector()), output_field=SearchVectorField(), db_persist=True
    )

    # Renditions are made when the lead image is saved (core.pictures); their size is known from the stored width
    # and height, so pages never open an image file. Cards and item pages offer WebP at several widths (srcset).
    card_image = ImageSpecField(
        source="lead_image", processors=[ResizeToFill(*CARD_SIZE)], format="WEBP", options={"quality": 80}
    )
    card_image_2x = ImageSpecField(
        source="lead_image", processors=[ResizeToFill(CARD_SIZE[0] * 2, CARD_SIZE[1] * 2)], format="WEBP",
        options={"quality": 75},
    )  # fmt: skip
    page_image = ImageSpecField(
        source="lead_image", processors=[ResizeToFit(width=PORTRAIT_WIDTH, upscale=False)], format="JPEG",
        options={"quality": 85},
    )  # fmt: skip
    lead_image_480 = ImageSpecField(
        source="lead_image", processors=[ResizeToFit(width=480, upscale=False)], format="WEBP", options={"quality": 80}
    )
    lead_image_960 = ImageSpecField(
        source="lead_image", processors=[ResizeToFit(width=960, upscale=False)], format="WEBP", options={"quality": 78}
    )
    lead_image_1440 = ImageSpecField(
        source="lead_image", processors=[ResizeToFit(width=1440, upscale=False)], format="WEBP",
        options={"quality": 75},
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
        # "publish" (publish_article, ...) tells editors from contributors, who may write but not publish.
        default_permissions = ("add", "change", "delete", "view", "publish")

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
        self.body = Image.objects.size_figures(self._meta.get_field("body").sanitize(self.body or ""))

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

    @cached_property
    def notes(self):
        """Its corrections, updates and clarifications, newest first; the item page sets it from a kept fragment."""
        return list(self.corrections.all())

    @property
    def noted_at(self):
        """When its latest note was added (the byline's “Updated”), or None."""
        return self.notes[0].created_at if self.notes else None

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
        return rendition_url(self.card_image) if self.lead_image else ""

    card_image_size = CARD_SIZE
    card_image_sizes = CARD_SIZES

    @property
    def card_image_srcset(self):
        """The card at its size and, when the picture is big enough, twice it; "" when its file is lost."""
        return srcset(self.card_image_candidates()) if self.lead_image else ""

    def card_image_candidates(self):
        """[(thumbnail spec, width)] for the card's srcset."""
        width, height = CARD_SIZE
        candidates = [(self.card_image, width)]
        if (self.lead_image_width or 0) >= 2 * width and (self.lead_image_height or 0) >= 2 * height:
            candidates.append((self.card_image_2x, 2 * width))
        return candidates

    @property
    def lead_image_srcset(self):
        """The lead image at each of LEAD_WIDTHS it is wide enough for (never enlarged), for the item page."""
        if not self.lead_image:
            return ""
        candidates, seen = [], set()
        for width in LEAD_WIDTHS:
            fitted = fit_size(self.lead_image_width, self.lead_image_height, width)[0]
            if fitted and fitted not in seen:
                seen.add(fitted)
                candidates.append((getattr(self, f"lead_image_{width}"), fitted))
        return srcset(candidates)

    @property
    def lead_image_size(self):
        """(width, height) of the item page's lead image as laid out: its 960-pixel version."""
        return fit_size(self.lead_image_width, self.lead_image_height, 960)

    lead_image_sizes = LEAD_SIZES

    @property
    def lead_image_url(self):
        return rendition_url(self.lead_image_960) if self.lead_image else ""

    @property
    def lead_image_figcaption(self):
        """“Caption — credit”, or either alone, for the figcaption under the lead image."""
        return caption_with_credit(self.lead_image_caption, self.lead_image_credit)

    @property
    def page_image_url(self):
        return rendition_url(self.page_image) if self.lead_image else ""

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


class CorrectionQuerySet(models.QuerySet):
    def published(self):
        """Notes on items readers may see: each section's `published()` rule, one query with a subquery per section."""
        from core.registry import entry_models

        on_visible_items = models.Q(pk__in=[])
        for model, content_type in ContentType.objects.get_for_models(*entry_models()).items():
            on_visible_items |= models.Q(
                content_type=content_type, object_id__in=model.objects.published().values("pk")
            )
        return self.filter(on_visible_items)

    def with_items(self):
        """Each note with its item loaded (just what a link to it needs): one query per section present."""
        from core.registry import entry_models

        items = [model.objects.only("title", "slug", "published_at") for model in entry_models()]
        return self.prefetch_related(GenericPrefetch("item", items))


class Correction(models.Model):
    """A dated note on an item: what was wrong and is now right, what changed since, or what was unclear.

    Shown above the item's body and, once the item is published, on /corrections/. Dated when it is added, and
    never backdated: the date tells readers when the item changed.
    """

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        UPDATE = "update", _("Update")
        CLARIFICATION = "clarification", _("Clarification")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.CORRECTION)
    text = models.TextField(
        _("text"), max_length=2000,
        help_text=_("Plain text, shown above the body with its date: say what was wrong and what is right."),
    )  # fmt: skip
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-created_at"]),
            models.Index(fields=["-created_at", "-id"]),  # /corrections/, newest first
        ]
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def label(self):
        """The item it belongs to's model label, e.g. "blog.article", without loading the item."""
        content_type = ContentType.objects.get_for_id(self.content_type_id)
        return f"{content_type.app_label}.{content_type.model}"


def fit_size(width, height, max_width):
    """The size pilkit's ResizeToFit(width=max_width, upscale=False) gives an image of width x height."""
    if not width or not height:
        return None, None
    if width <= max_width:
        return width, height
    ratio = max_width / width
    return max_width, round(height * ratio)


def caption_with_credit(caption, credit):
    return " — ".join(part for part in (caption.strip(), credit.strip()) if part)


def srcset(candidates):
    """A `srcset` value from [(spec, width)]; "" when the picture could not be read when it was saved."""
    urls = [(rendition_url(spec), width) for spec, width in candidates]
    if not urls or not all(url for url, _width in urls):
        return ""
    return ", ".join(f"{url} {width}w" for url, width in urls)
