"""Writing an export's content here: items in their sections, with authors, tags, pictures, comments, redirects.

A run is one transaction (see README, "Moving from WordPress"): whatever stops it, nothing of it stays.
"""

from collections import Counter
from urllib.parse import urlsplit

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from core import revisions
from core.cache import content_changed
from core.models import Entry
from core.pictures import delete_with_renditions
from core.tags import MAX_NAME_LENGTH
from wordpress import content, sections, wxr
from wordpress.dates import wordpress_time
from wordpress.discussion import import_comments
from wordpress.links import keep_old_link
from wordpress.media import MediaFolder, attach_image, picture_problem, upload_path
from wordpress.models import ImportedObject
from wordpress.names import People, entry_slug
from wordpress.syndication import take_syndication_line

PUBLISHED, PENDING, DRAFT = Entry.Status.PUBLISHED, Entry.Status.PENDING, Entry.Status.DRAFT
# WordPress's statuses. A scheduled ("future") post is published with its future time: it goes live on its own.
# A post pending review waits for our editors in the same state (core.workflow).
STATUSES = {"publish": PUBLISHED, "future": PUBLISHED, "draft": DRAFT, "pending": PENDING, "private": DRAFT}
NOT_IMPORTED = {"trash": "in WordPress's trash", "auto-draft": "automatic drafts WordPress never saved",
                "inherit": "revisions"}  # fmt: skip
OTHER_ITEMS = {"nav_menu_item": "navigation menu items (menus are not imported)"}
EXCERPT_WORDS = 55  # as many as WordPress's automatic excerpt


class ImportRefused(Exception):
    """The run cannot start; the message says why."""


class Importer:
    def __init__(self, survey, report, *, section_map=(), media_dir=None, dry_run=False, progress=None):
        self.survey, self.site, self.report = survey, survey.site, report
        self.section_map, self.dry_run, self.progress = section_map, dry_run, progress
        self.media = MediaFolder(media_dir)
        self.people = People(survey, report)
        self.default_section = sections.sections()[sections.DEFAULT_SECTION]
        self.done = Counter()
        self.pictures = {"used": set(), "missing": set(), "before": set()}  # attachment IDs (or paths)
        self.stored_files = []

    def run(self, path):
        """Import everything in one transaction: an error, Ctrl-C or a dry run leaves the database as it was."""
        try:
            with transaction.atomic():
                self._refuse_another_site()
                if self.media.root is None and self.survey.attachments:
                    self.report.warn(None, "no --media-dir given: no picture could be imported")
                for item in wxr.items(path):
                    self.import_item(item)
                    self.done[wxr.kind_of(item.type)] += 1
                    self.done["comments"] += len(item.comments)
                    if self.progress:
                        self.progress(self.done)
                self._count_attachments()
                if self.dry_run:
                    transaction.set_rollback(True)
        except BaseException:
            for name in self.stored_files:  # files are not part of the transaction, nor their renditions
                delete_with_renditions(default_storage, name)
            raise
        if not self.dry_run:
            content_changed()

    def _refuse_another_site(self):
        other = ImportedObject.objects.exclude(site=self.site).values_list("site", flat=True).first()
        if other:
            raise ImportRefused(
                f"This site already holds an import from {other}, and this export is from {self.site}. "
                "Importing a second WordPress site is not supported: their post and comment IDs would collide."
            )

    def import_item(self, item):
        if item.type in ("post", "page"):
            self.import_entry(item)
        elif item.type != "attachment":  # attachments are counted at the end, by whether a post used them
            reason = OTHER_ITEMS.get(item.type, f'"{item.type}" items (not content this site holds)')
            self.report.skip("other items", reason)

    def import_entry(self, item):
        kind = f"{item.type}s"
        if item.status in NOT_IMPORTED or not item.id.isdigit():
            self.report.skip(kind, NOT_IMPORTED.get(item.status, "without a WordPress ID (wp:post_id)"))
            return
        row = ImportedObject.objects.filter(kind=item.type, wordpress_id=item.id).first()
        if row:
            entry = row.content_object
            self.pictures["before"].add(item.meta.get("_thumbnail_id", "").strip())  # counted as imported before
            if entry is None:
                self.report.skip(kind, "imported before, then deleted here")
                return
            self.report.skip(kind, "already imported")
        else:
            entry = self.create_entry(item)
            self.report.add(kind)
        import_comments(entry, item, self.site, self.report)
        keep_old_link(entry, item, self.report)

    def create_entry(self, item):
        model = sections.section_for(item, self.section_map, self.default_section)
        body = content.clean_body(item.content, self.site)
        picture = self.featured_picture(item)
        if sections.needs_picture(model):
            picture = picture or self.find_picture(item, upload_path(body.first_image), "", "picture in the body")
            if not picture:
                self.report.warn(item, f"no picture found for this {model._meta.verbose_name}: imported as an article")
                model = self.default_section
        html, syndication = take_syndication_line(body.html)
        title = self.title_of(item)
        status, published_at = self.status_of(item)
        entry = model(
            title=title, slug=entry_slug(model, item), body=html, excerpt=self.excerpt_of(item, html),
            status=status, published_at=published_at, comments_open=item.comment_status != "closed",
        )  # fmt: skip
        if syndication:
            entry.source = self.people.source(syndication, item)
            url = syndication.url
            if urlsplit(url).path not in ("", "/") and len(url) <= Entry._meta.get_field("original_url").max_length:
                entry.original_url = url
        sections.complete(entry, item, self.report)
        if picture:
            self.set_picture(entry, *picture)
        if body.images or body.dropped:
            left_out = [f"{body.images} picture{'s' if body.images > 1 else ''}"] if body.images else []
            left_out += [f"{n} [{name}]" for name, n in body.dropped.items()]
            self.report.warn(item, f"left out of the body, which holds text, not pictures: {', '.join(left_out)}")
        author = self.people.author(item.creator.strip("<> "))  # real exports have "themereviewteam>"
        tags = self.tags_of(item)
        # The item's first revision, with its authors and tags; an author created above is not in it, so
        # restoring the item later never rewinds the author.
        with revisions.recording(f"Imported from WordPress (post ID {item.id})."):
            entry.save()
            if author:
                entry.authors.add(author)
            if tags:
                entry.tags.add(*tags)
        ImportedObject.objects.create(kind=item.type, wordpress_id=item.id, site=self.site, content_object=entry)
        return entry

    def featured_picture(self, item):
        attachment_id = item.meta.get("_thumbnail_id", "").strip()
        if not attachment_id:
            return None
        attachment = self.survey.attachments.get(attachment_id)
        if attachment is None:
            self.report.warn(item, f"its featured image (attachment {attachment_id}) is not in the export")
            return None
        relative = upload_path(attachment.url, attachment.file)
        return self.find_picture(item, relative, attachment.alt or attachment.title, "featured image", attachment_id)

    def find_picture(self, item, relative, alt, role, key=None):
        """(path, alt text) of a usable picture under --media-dir, or None, with a warning saying why."""
        if not relative:
            return None
        key = key or relative
        path = self.media.find(relative)
        problem = picture_problem(path) if path else ""
        if path is None:
            self.report.missing(relative, item, role)
        elif problem:
            self.report.warn(item, f"{role} not imported: {problem}")
        if path is None or problem:
            self.pictures["missing"].add(key)
            return None
        self.pictures["used"].add(key)
        return path, content.plain_text(alt)

    def set_picture(self, entry, path, alt):
        entry.lead_image_alt = (alt or entry.title)[: Entry._meta.get_field("lead_image_alt").max_length]
        if not self.dry_run:
            self.stored_files.append(attach_image(entry.lead_image, path))

    def title_of(self, item):
        title = content.plain_text(item.title)
        limit = Entry._meta.get_field("title").max_length
        if not title:
            self.report.warn(item, 'no title: called "Untitled"')
            return "Untitled"
        if len(title) > limit:
            self.report.warn(item, f"title longer than {limit} characters: shortened")
            return title[: limit - 1].rstrip() + "…"
        return title

    def status_of(self, item):
        """(status, publish time) for what WordPress said; a post readers could not see is not published here."""
        status = STATUSES.get(item.status)
        if status is None:
            self.report.warn(item, f'unknown status "{item.status}": imported as a draft')
        elif item.status == "private":
            self.report.warn(item, "private in WordPress: imported as a draft (this site has no private items)")
        if item.password.strip() and status == PUBLISHED:
            self.report.warn(item, "password-protected in WordPress: imported as a draft (this site has no passwords)")
            status = DRAFT
        return status or DRAFT, wordpress_time(item.date_gmt, item.date) or timezone.now()

    def excerpt_of(self, item, html):
        """WordPress's excerpt, else the body's first 55 words as WordPress shows them, as plain text."""
        text = content.plain_text(item.excerpt)
        if not text:
            words = content.plain_text(html).split()
            text = " ".join(words[:EXCERPT_WORDS]) + (" …" if len(words) > EXCERPT_WORDS else "")
        limit = Entry._meta.get_field("excerpt").max_length
        return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

    def tags_of(self, item):
        """Tag names from the post's categories and tags ("Uncategorized", WordPress's default, left out)."""
        names = {}
        for domain, slug, name in item.terms:
            if domain not in ("category", "post_tag") or (domain, slug) == ("category", "uncategorized"):
                continue
            name = content.plain_text(name)
            if len(name) > MAX_NAME_LENGTH:
                self.report.warn(item, f'tag "{name[:40]}…" longer than {MAX_NAME_LENGTH} characters: shortened')
                name = name[:MAX_NAME_LENGTH].rstrip()
            if name:
                names.setdefault(name.lower(), name)
        return list(names.values())

    def _count_attachments(self):
        used, missing, before = (self.pictures[k] for k in ("used", "missing", "before"))
        missing -= used
        self.report.add("attachments", len(used))
        self.report.skip("attachments", "file missing or unreadable (see below)", len(missing))
        self.report.skip("attachments", "already imported", len(before & set(self.survey.attachments) - used))
        touched = (used | missing | before) & set(self.survey.attachments)
        self.report.skip("attachments", "not a featured image: bodies hold text, not pictures",
                         len(self.survey.attachments) - len(touched))  # fmt: skip
