"""Reading a WordPress export (WXR 1.1 or 1.2) as a stream: one item in memory at a time, whatever the file's size.

Built on the standard library's expat parser rather than ElementTree's iterparse: expat tells the line each
item starts on (for messages and warnings), and lets us refuse a DTD, which no export has and every XML bomb
(billion laughs, external entities) needs.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from xml.parsers import expat

CHUNK_BYTES = 64 * 1024
# WXR 1.1 and 1.2 differ in their namespace's address (1.2 exports may say https); the elements are the same.
_WORDPRESS_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/1\.\d+/(excerpt/)?$")
_PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
_CUT_SHORT = {expat.errors.codes[m] for m in (expat.errors.XML_ERROR_NO_ELEMENTS, expat.errors.XML_ERROR_UNCLOSED_TOKEN,
                                              expat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION)}  # fmt: skip


class WXRError(Exception):
    """The file cannot be read as a WordPress export; the message says why and names the line."""


def _short_name(name):
    """An element's name as exports write it: "https://wordpress.org/export/1.2/ post_id" is "wp:post_id"."""
    uri, _, local = name.rpartition(" ")
    if not uri:
        return local
    if match := _WORDPRESS_NAMESPACE.match(uri):
        return ("excerpt:" if match[1] else "wp:") + local
    return f"{_PREFIXES[uri]}:{local}" if uri in _PREFIXES else f"{{{uri}}}{local}"


class Node:
    """One element of the export: name, attributes, text, children, and the line it starts on."""

    __slots__ = ("attrs", "children", "line", "name", "parts")

    def __init__(self, name, attrs, line):
        self.name, self.attrs, self.line, self.parts, self.children = name, attrs, line, [], []

    @property
    def text(self):
        return "".join(self.parts)

    def all(self, name):
        return [child for child in self.children if child.name == name]

    def value(self, name):
        """The text of the first child called `name`, "" when there is none."""
        return next((child.text for child in self.children if child.name == name), "")


def channel_children(path):
    """Every element directly under the export's <channel> (authors, terms, items), one at a time, in file order."""
    parser = expat.ParserCreate(namespace_separator=" ")
    stack, ready = [], []

    def start(name, attrs):
        name = _short_name(name)
        if not stack and name != "rss":
            raise WXRError(
                f"Line {parser.CurrentLineNumber}: this is not a WordPress export (it starts with <{name}>)."
            )
        node = Node(name, attrs, parser.CurrentLineNumber)
        if len(stack) >= 3:  # below a channel's child: keep it in its parent
            stack[-1].children.append(node)
        stack.append(node)

    def end(name):
        node = stack.pop()
        if len(stack) == 2:
            ready.append(node)

    def text(data):
        if len(stack) >= 3:
            stack[-1].parts.append(data)

    def refuse_dtd(*args):
        raise WXRError(f"Line {parser.CurrentLineNumber}: the file declares a DTD, which WordPress exports never do; "
                       "refused, since that is how XML bombs work.")  # fmt: skip

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.buffer_text = True
    with open(path, "rb") as file:
        while True:
            chunk = file.read(CHUNK_BYTES)
            _parse(parser, chunk, last=not chunk)
            yield from ready
            ready.clear()
            if not chunk:
                return


def _parse(parser, chunk, last):
    try:
        parser.Parse(chunk, last)
    except expat.ExpatError as error:
        hint = " The file ends too early: was it cut short?" if error.code in _CUT_SHORT else ""
        raise WXRError(
            f"Line {error.lineno}, column {error.offset + 1}: the file is not well-formed XML "
            f"({expat.ErrorString(error.code)}).{hint}"
        ) from None


@dataclass
class Comment:
    id: str
    parent: str
    approved: str
    type: str
    author: str
    email: str
    url: str
    ip: str
    date: str
    date_gmt: str
    content: str


@dataclass
class Item:
    """A post, page, attachment or any other item of the export, as plain strings."""

    line: int
    id: str
    type: str
    status: str
    title: str
    link: str
    creator: str
    content: str
    excerpt: str
    name: str
    date: str
    date_gmt: str
    comment_status: str
    password: str
    attachment_url: str
    terms: list = field(default_factory=list)  # (domain, nicename, name)
    meta: dict = field(default_factory=dict)
    comments: list = field(default_factory=list)

    @property
    def label(self):
        title = " ".join(self.title.split())
        title = f"{title[:60]}…" if len(title) > 60 else title
        return f'line {self.line}, {self.type or "item"} {self.id} "{title}"'


def item_from(node):
    value = node.value
    return Item(
        line=node.line, id=value("wp:post_id").strip(), type=value("wp:post_type").strip(),
        status=value("wp:status").strip(), title=value("title"), link=value("link").strip(),
        creator=value("dc:creator").strip(), content=value("content:encoded"), excerpt=value("excerpt:encoded"),
        name=value("wp:post_name").strip(), date=value("wp:post_date").strip(),
        date_gmt=value("wp:post_date_gmt").strip(), comment_status=value("wp:comment_status").strip(),
        password=value("wp:post_password"), attachment_url=value("wp:attachment_url").strip(),
        terms=[(c.attrs.get("domain", ""), c.attrs.get("nicename", ""), c.text) for c in node.all("category")],
        meta={m.value("wp:meta_key"): m.value("wp:meta_value") for m in node.all("wp:postmeta")},
        comments=[_comment_from(c) for c in node.all("wp:comment")],
    )  # fmt: skip


def _comment_from(node):
    value = node.value
    return Comment(
        id=value("wp:comment_id").strip(), parent=value("wp:comment_parent").strip(),
        approved=value("wp:comment_approved").strip(), type=value("wp:comment_type").strip(),
        author=value("wp:comment_author"), email=value("wp:comment_author_email").strip(),
        url=value("wp:comment_author_url").strip(), ip=value("wp:comment_author_IP").strip(),
        date=value("wp:comment_date").strip(), date_gmt=value("wp:comment_date_gmt").strip(),
        content=value("wp:comment_content"),
    )  # fmt: skip


def items(path):
    """Every <item> of the export, as an Item, one at a time."""
    for node in channel_children(path):
        if node.name == "item":
            yield item_from(node)


def kind_of(post_type):
    """How progress and the report count an item: post, page, attachment, or other (menus, blocks...)."""
    return post_type if post_type in ("post", "page", "attachment") else "other"


@dataclass
class Attachment:
    url: str
    file: str  # its path under the uploads folder, when the export gives it
    alt: str
    title: str


@dataclass
class Survey:
    """What a first pass through the file learns: that it is whole, what it holds, who wrote it."""

    version: str = ""
    site: str = ""
    authors: dict = field(default_factory=dict)  # login: display name
    attachments: dict = field(default_factory=dict)  # post ID: Attachment
    totals: Counter = field(default_factory=Counter)  # kind: items, and "comments"


def survey(path):
    """Read the whole file once without keeping it, so a broken file stops the run before anything is written."""
    found = Survey()
    for node in channel_children(path):
        if node.name == "wp:wxr_version":
            found.version = node.text.strip()
        elif node.name == "wp:base_blog_url" or (node.name == "link" and not found.site):
            found.site = node.text.strip().rstrip("/")
        elif node.name == "wp:author":
            login = node.value("wp:author_login").strip()
            found.authors[login] = " ".join(node.value("wp:author_display_name").split()) or login
        elif node.name == "item":
            item = item_from(node)
            found.totals[kind_of(item.type)] += 1
            found.totals["comments"] += len(item.comments)
            if item.type == "attachment":
                found.attachments[item.id] = Attachment(
                    item.attachment_url, item.meta.get("_wp_attached_file", "").strip(),
                    item.meta.get("_wp_attachment_image_alt", "").strip(), item.title.strip(),
                )  # fmt: skip
    if not found.version:
        raise WXRError("This is not a WordPress export: it has no <wp:wxr_version> (export again from Tools › Export).")
    return found
