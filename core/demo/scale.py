"""Many articles, fast, for load tests: `seed_demo --scale N` tops the scale articles up to N.

Rows go in with `bulk_create`, a batch at a time, never one `save()` each: the articles, their author links
(the many-to-many through table) and their tags (taggit's TaggedItem rows). `bulk_create` skips
`Entry.save()`, so bodies come from a handful of templates sanitised once, here, the way `save()` would.

Scale articles are told apart by their slug prefix; counting them is what makes a second run top up instead
of doubling. What they contain is drawn from a generator seeded by the first new article's number, so the
same command on the same database gives the same data.
"""

import random
from datetime import timedelta

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from taggit.models import Tag

from core.demo import content
from core.demo.seed import body_html
from core.models import Author, Entry, Source

SLUG_PREFIX = "scale-"
BATCH_SIZE = 2000
SPREAD = timedelta(days=5 * 365)  # published times fall over the last five years
SYNDICATED_SHARE = 0.2

# The demo's tags first (never its lonely one), then more topics. Earlier tags are used more, as on a real
# site: the first is on about a fifth of the articles, the last on about three in a hundred.
TAGS = [*content.TAGS, "vaccines", "cancer care", "paediatrics", "surgery", "pharmacy", "health data",
        "emergency medicine", "general practice", "obesity", "sleep", "addiction", "maternity", "dementia",
        "global health", "research ethics", "screening", "antibiotics", "disability", "health law",
        "medical devices", "rural health", "telemedicine", "physiotherapy", "dentistry", "hospices",
        "social care", "epidemiology", "diagnostics"]  # fmt: skip
FIRST_NAMES = ["Ada", "Bram", "Chiara", "Deniz", "Esther", "Felix", "Grace", "Hugo", "Imani", "Jonas"]
LAST_NAMES = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Brennan", "Szabo", "Delgado", "Hartmann"]
SOURCES = [
    ("Ward Round Weekly", "https://wardround.example.org/"),
    ("The Triage Desk", "https://triage.example.net/"),
    ("Clinic Notes", "https://clinicnotes.example.com/"),
    ("Bedside Manner", "https://bedside.example.org/"),
]

ANGLES = ["what patients notice first", "what the data leaves out", "what we keep getting wrong",
          "what changes on the ward", "the cost nobody budgets for", "the next ten years",
          "lessons from small clinics", "questions a nurse would ask", "a view from the evening clinic",
          "five myths and one fact"]  # fmt: skip
PARAGRAPHS = [
    "Every service promises to put people first; fewer measure whether the people notice. The gap between "
    "the two is where most of the work lies, and where most of the money quietly goes.",
    "The evidence is better than its reputation and worse than its press releases. Read past the summary and "
    "the effect is real, modest and concentrated in a group the headline never mentions.",
    "Ask the staff who run the evening clinic and the answer arrives before the question ends: the rota, the "
    "forms and the one machine that works on alternate Tuesdays.",
    "None of this needs a new institution. It needs the existing ones to read their own figures, publish them "
    "and accept that a quieter waiting room is an outcome worth counting.",
    "Patients are not confused about what they want. They want to be told the truth, seen on time and asked "
    "before anything is done to them, roughly in that order.",
    "A policy that works in the capital can fail in a market town for reasons nobody wrote down: the bus "
    "timetable, the single pharmacy, the practice manager who retired last spring.",
]
BODY_TEMPLATES = [
    ["## Where it starts", PARAGRAPHS[0], PARAGRAPHS[1], "> The figures were there all along; nobody asked.",
     PARAGRAPHS[3]],
    [PARAGRAPHS[2], PARAGRAPHS[4], "## Three questions", ["Who pays?", "Who decides?", "Who is told?"],
     PARAGRAPHS[5]],
    ["? Is this new?", PARAGRAPHS[1], "? Does it matter?", PARAGRAPHS[4], "? What now?", PARAGRAPHS[3]],
    [PARAGRAPHS[5], "## On the ground", PARAGRAPHS[2], PARAGRAPHS[0]],
    [PARAGRAPHS[3], PARAGRAPHS[0], "> Measure what patients feel, not only what machines print.", PARAGRAPHS[4],
     "## What would help", ["Plain figures, published monthly.", "Evening clinics.", "Fewer forms."]],
]  # fmt: skip

# Rows other apps add for each batch of new scale articles (the comments app, for one: approved comments).
# Each is called as filler(articles, rng) inside the batch's transaction, after the articles, their authors
# and tags are stored; `articles` have their primary keys. Append to this list from an AppConfig.ready().
BATCH_FILLERS = []


def scale_articles():
    return apps.get_model("blog", "Article").objects.filter(slug__startswith=SLUG_PREFIX)


def _next_number():
    last = scale_articles().aggregate(last=Max("slug"))["last"]  # zero-padded, so the text order is the number's
    return int(last.removeprefix(SLUG_PREFIX)) + 1 if last else 1


def _get_or_create_all(model, rows):
    """The objects of `model` with these slugs, creating the missing ones: {slug: object}."""
    existing = {obj.slug: obj for obj in model.objects.filter(slug__in=[row["slug"] for row in rows])}
    missing = [model(**row) for row in rows if row["slug"] not in existing]
    for obj in missing:
        obj.save()  # a few dozen rows at most; save() keeps each model's own rules
    return existing | {obj.slug: obj for obj in missing}


class ScaleSeeder:
    """Creates scale articles with their authors, sources and tags, `batch_size` rows to an insert."""

    def __init__(self, total, batch_size=BATCH_SIZE, now=None, progress=None):
        self.model = apps.get_model("blog", "Article")
        self.total = total
        self.batch_size = batch_size
        self.now = now or timezone.now()
        self.progress = progress or (lambda created, wanted: None)
        body = self.model._meta.get_field("body")
        self.bodies = [body.sanitize(body_html(blocks)) for blocks in BODY_TEMPLATES]  # once per template

    def run(self):
        """Create what is missing to reach `total` scale articles; return how many were created."""
        wanted = self.total - scale_articles().count()
        if wanted <= 0:
            return 0
        first = _next_number()
        rng = random.Random(first)
        self.prepare()
        created = 0
        while created < wanted:
            size = min(self.batch_size, wanted - created)
            self.create_batch(range(first + created, first + created + size), rng)
            created += size
            self.progress(created, wanted)
        return created

    def prepare(self):
        """The authors, sources and tags articles are drawn from, created once; the link tables' shapes."""
        names = [f"{first} {last}" for last in LAST_NAMES for first in FIRST_NAMES]
        authors = [{"slug": f"{SLUG_PREFIX}author-{i:02d}", "name": name} for i, name in enumerate(names, start=1)]
        self.authors = list(_get_or_create_all(Author, authors).values())
        sources = [
            {"slug": f"{SLUG_PREFIX}source-{i}", "name": name, "home_url": url}
            for i, (name, url) in enumerate(SOURCES, start=1)
        ]
        self.sources = list(_get_or_create_all(Source, sources).values())
        self.tags = [Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name) for name in TAGS]
        self.tag_weights = [1 / (rank + 1) ** 0.5 for rank in range(len(self.tags))]
        self.content_type_id = ContentType.objects.get_for_model(self.model).pk
        authors_field = self.model._meta.get_field("authors")
        self.author_link = authors_field.remote_field.through
        self.author_columns = (f"{authors_field.m2m_field_name()}_id", f"{authors_field.m2m_reverse_field_name()}_id")
        self.tag_link = self.model._meta.get_field("tags").remote_field.through

    def pick_tags(self, rng):
        """One to four tags, drawn by weight; the first names the article's topic."""
        picked = []
        for _ in range(rng.choice([1, 2, 2, 3, 3, 4])):
            tag = rng.choices(self.tags, self.tag_weights)[0]
            if tag not in picked:
                picked.append(tag)
        return picked

    def article(self, number, rng):
        """An unsaved article, and the tags it gets."""
        tags = self.pick_tags(rng)
        topic = tags[0].name
        published_at = self.now - timedelta(hours=1) - rng.random() * SPREAD
        article = self.model(
            slug=f"{SLUG_PREFIX}{number:07d}",
            title=f"{topic[:1].upper()}{topic[1:]}: {rng.choice(ANGLES)}",
            excerpt=f"A look at {topic}: {rng.choice(PARAGRAPHS)[:160].rsplit(' ', 1)[0]}…",
            body=rng.choice(self.bodies),
            status=Entry.Status.PUBLISHED,
            published_at=published_at,
        )
        if rng.random() < SYNDICATED_SHARE:
            article.source = rng.choice(self.sources)
            article.original_url = f"{article.source.home_url}{published_at:%Y/%m}/{article.slug}/"
        return article, tags

    @transaction.atomic
    def create_batch(self, numbers, rng):
        drawn = [self.article(number, rng) for number in numbers]
        articles = self.model.objects.bulk_create([article for article, _tags in drawn])  # sets their pks
        article_column, author_column = self.author_columns
        links, tagged = [], []
        for article, tags in drawn:
            for author in rng.sample(self.authors, rng.choice([1, 1, 1, 2])):
                links.append(self.author_link(**{article_column: article.pk, author_column: author.pk}))
            for tag in tags:
                tagged.append(self.tag_link(content_type_id=self.content_type_id, object_id=article.pk, tag=tag))
        self.author_link.objects.bulk_create(links, batch_size=self.batch_size)
        self.tag_link.objects.bulk_create(tagged, batch_size=self.batch_size)
        for filler in BATCH_FILLERS:
            filler(articles, rng)


def seed_scale(total, **options):
    """Top the scale articles up to `total`; return how many were created now."""
    return ScaleSeeder(total, **options).run()
