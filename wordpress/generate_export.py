"""Write a WordPress export of any size, to measure and test the importer on (README, "Moving from WordPress").

    python -m wordpress.generate_export --posts 10000 --comments 100000 big.xml

The same seed gives the same file. Posts are written as WordPress writes them: classic bodies with blank
lines, block-editor bodies with block comments, categories and tags, threaded comments of every approval state.
"""

import argparse
import random
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

WORDS = ["health", "care", "nurse", "ward", "patient", "doctor", "policy", "budget", "waiting", "list", "clinic",
         "evidence", "trial", "data", "cost", "hospital", "midwife", "bed", "shift", "union", "reform", "practice",
         "drug", "safety", "outcome"]  # fmt: skip
CATEGORIES = ["Opinion", "News", "Reviews", "Interviews", "Data"]
STATES = ["1"] * 16 + ["0", "0", "spam", "trash"]
START = datetime(2015, 1, 1, tzinfo=UTC)


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def sentence(rng, words=12):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def body(rng, n):
    paragraphs = [" ".join(sentence(rng) for _ in range(4)) for _ in range(4)]
    if n % 2:  # block editor
        return "\n\n".join(f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->" for p in paragraphs)
    return "\n\n".join(paragraphs)  # classic editor: wpautop makes the paragraphs


def comment(rng, post_date, comment_id, parent):
    date = (post_date + timedelta(minutes=comment_id % 5000 + 1)).strftime("%Y-%m-%d %H:%M:%S")
    return f"""    <wp:comment>
      <wp:comment_id>{comment_id}</wp:comment_id>
      <wp:comment_author>{cdata(f"Reader {comment_id % 997}")}</wp:comment_author>
      <wp:comment_author_email>reader{comment_id % 997}@example.org</wp:comment_author_email>
      <wp:comment_author_url>https://reader{comment_id % 997}.example.org/</wp:comment_author_url>
      <wp:comment_author_IP>192.0.2.{comment_id % 250 + 1}</wp:comment_author_IP>
      <wp:comment_date>{date}</wp:comment_date>
      <wp:comment_date_gmt>{date}</wp:comment_date_gmt>
      <wp:comment_content>{cdata(sentence(rng, 20))}</wp:comment_content>
      <wp:comment_approved>{rng.choice(STATES)}</wp:comment_approved>
      <wp:comment_type>comment</wp:comment_type>
      <wp:comment_parent>{parent}</wp:comment_parent>
    </wp:comment>
"""


def write_export(out, posts, comments, seed=1, site="https://old.example.org"):
    """Write an export of `posts` posts sharing `comments` comments (about a third of them replies) to `out`."""
    rng = random.Random(seed)
    out.write(f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Generated magazine</title>
<link>{site}</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>{site}</wp:base_site_url>
<wp:base_blog_url>{site}</wp:base_blog_url>
""")
    for n in range(10):
        out.write(f"<wp:author><wp:author_login>writer{n}</wp:author_login><wp:author_display_name>"
                  f"{cdata(f'Writer Number {n}')}</wp:author_display_name></wp:author>\n")  # fmt: skip
    comment_id = 0
    for n in range(1, posts + 1):
        post_date = START + timedelta(hours=n)
        slug = f"generated-post-{n}"
        category = CATEGORIES[n % len(CATEGORIES)]
        out.write(f"""<item>
  <title>{escape(f"Generated post {n}: {sentence(rng, 5)}")}</title>
  <link>{site}/{post_date:%Y/%m/%d}/{slug}/</link>
  <dc:creator>writer{n % 10}</dc:creator>
  <content:encoded>{cdata(body(rng, n))}</content:encoded>
  <excerpt:encoded>{cdata("")}</excerpt:encoded>
  <wp:post_id>{n}</wp:post_id>
  <wp:post_date>{post_date:%Y-%m-%d %H:%M:%S}</wp:post_date>
  <wp:post_date_gmt>{post_date:%Y-%m-%d %H:%M:%S}</wp:post_date_gmt>
  <wp:comment_status>{"closed" if n % 10 == 0 else "open"}</wp:comment_status>
  <wp:post_name>{slug}</wp:post_name>
  <wp:status>{"draft" if n % 50 == 0 else "publish"}</wp:status>
  <wp:post_type>post</wp:post_type>
  <wp:post_password></wp:post_password>
  <category domain="category" nicename="{category.lower()}">{cdata(category)}</category>
  <category domain="post_tag" nicename="tag-{n % 40}">{cdata(f"Topic {n % 40}")}</category>
""")
        share = comments // posts + (1 if n <= comments % posts else 0)
        first = comment_id + 1
        for _ in range(share):
            comment_id += 1
            parent = rng.randrange(first, comment_id) if comment_id > first and rng.random() < 0.35 else 0
            out.write(comment(rng, post_date, comment_id, parent))
        out.write("</item>\n")
    out.write("</channel>\n</rss>\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="the .xml file to write")
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    with open(options.out, "w", encoding="utf-8") as out:
        write_export(out, options.posts, options.comments, options.seed)


if __name__ == "__main__":
    main()
