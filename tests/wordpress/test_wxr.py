import re
import tracemalloc

import pytest

from tests.wordpress.imports import DATA
from wordpress import wxr
from wordpress.generate_export import write_export


def items_by_id(path):
    return {item.id: item for item in wxr.items(path)}


def test_wxr_1_1_and_1_2_exports_are_read_alike():
    posts, comments = items_by_id(DATA / "posts.xml"), items_by_id(DATA / "comments.xml")
    assert posts["101"].type == comments["501"].type == "post"
    assert wxr.survey(DATA / "posts.xml").version == "1.2"
    assert wxr.survey(DATA / "comments.xml").version == "1.1"
    assert comments["501"].comments[0].author == "Zoë Ångström"


def test_cdata_and_escaped_text_read_the_same_way():
    posts = items_by_id(DATA / "posts.xml")
    assert posts["101"].title == "Santé publique: l’hôpital en 2024 — 日本語"  # CDATA
    assert posts["102"].title == "Ben & Jerry’s <em>new</em> clinic"  # escaped, no CDATA
    assert posts["102"].content == "<p>Written without CDATA: 5 &lt; 6.</p>"
    assert posts["101"].content.startswith("<!-- wp:paragraph -->")


def test_each_item_knows_the_line_it_starts_on():
    lines = (DATA / "posts.xml").read_text().splitlines()
    item = items_by_id(DATA / "posts.xml")["102"]
    assert lines[item.line - 1].strip() == "<item>"
    assert lines[item.line].strip().startswith("<title>Ben &amp; Jerry")


def test_survey_counts_items_and_comments_and_lists_authors_and_attachments():
    survey = wxr.survey(DATA / "posts.xml")
    assert survey.site == "http://old.example.org"
    assert survey.authors == {"anna": "Anna Łukasiewicz", "ben": "Ben Okafor"}
    assert (survey.totals["post"], survey.totals["page"], survey.totals["attachment"]) == (16, 1, 2)
    assert survey.totals["other"] == 1
    assert survey.attachments["201"].file == "2020/05/drawing.png"
    assert survey.attachments["201"].alt == "A nurse asleep in a plastic chair"


def test_a_truncated_file_is_refused_naming_its_last_line():
    with pytest.raises(wxr.WXRError, match=r"^Line 40, column \d+: .*(no element found).*cut short"):
        wxr.survey(DATA / "truncated.xml")


def test_a_malformed_file_is_refused_naming_the_line_and_column(tmp_path):
    lines = (DATA / "comments.xml").read_text().splitlines()
    broken = next(n for n, line in enumerate(lines) if "<wp:comment_id>" in line)
    lines[broken] = lines[broken].replace("<wp:comment_id>", "<wp:comment_id & >")
    (tmp_path / "bad.xml").write_text("\n".join(lines))
    with pytest.raises(wxr.WXRError, match=rf"^Line {broken + 1}, column \d+: the file is not well-formed XML"):
        wxr.survey(tmp_path / "bad.xml")


def test_a_dtd_is_refused_so_entity_bombs_never_expand():
    with pytest.raises(wxr.WXRError, match=r"^Line 2: the file declares a DTD"):
        wxr.survey(DATA / "bomb.xml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<html><body>Hello</body></html>", "not a WordPress export (it starts with <html>)"),
        ('<rss version="2.0"><channel><item><title>A feed</title></item></channel></rss>', "no <wp:wxr_version>"),
    ],
)
def test_other_xml_is_refused_as_not_a_wordpress_export(tmp_path, text, message):
    (tmp_path / "other.xml").write_text(text)
    with pytest.raises(wxr.WXRError, match=re.escape(message)):
        wxr.survey(tmp_path / "other.xml")


def test_reading_keeps_one_item_in_memory_however_long_the_file(tmp_path):
    with open(tmp_path / "big.xml", "w") as out:
        write_export(out, posts=600, comments=6_000)
    size = (tmp_path / "big.xml").stat().st_size
    tracemalloc.start()
    count = sum(1 for _ in wxr.items(tmp_path / "big.xml"))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 600
    assert size > 5_000_000 and peak < 1_000_000  # one post with its comments, not the file
