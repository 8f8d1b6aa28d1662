import pytest

from wordpress.content import clean_body, local_link, plain_text

SITE = "https://old.example.org"


def html(raw):
    return clean_body(raw, SITE).html


def test_block_editor_comments_are_removed():
    raw = '<!-- wp:paragraph -->\n<p>One.</p>\n<!-- /wp:paragraph -->\n<!-- wp:separator {"a":1} /-->'
    assert html(raw) == "<p>One.</p>"


def test_blank_lines_make_paragraphs_and_single_line_breaks_stay_as_wpautop_does():
    assert html("First line\nsame paragraph.\n\nSecond paragraph.") == (
        "<p>First line<br>\nsame paragraph.</p><p>Second paragraph.</p>"
    )


def test_a_break_already_written_is_not_doubled():
    assert html("One<br />\nTwo") == "<p>One<br>\nTwo</p>"


def test_text_inside_headings_and_list_items_is_not_wrapped_in_paragraphs():
    assert html("<h2>Title</h2>\n<ul>\n<li>One</li>\n<li>Two</li>\n</ul>") == (
        "<h2>Title</h2><ul><li>One</li><li>Two</li></ul>"
    )


def test_text_in_quotes_and_divs_becomes_paragraphs():
    assert html("<blockquote>Said once.\n\nSaid twice.</blockquote>") == (
        "<blockquote><p>Said once.</p><p>Said twice.</p></blockquote>"
    )
    assert html('<div class="x">Inside a div</div>') == "<div><p>Inside a div</p></div>"


def test_headings_outside_the_bodys_levels_move_to_the_nearest_one():
    assert html("<h1>Big</h1><h6>Small</h6>") == "<h2>Big</h2><h4>Small</h4>"


def test_scripts_and_styles_go_with_their_content():
    assert html("<p>Hi</p><script>alert(1)</script><style>p{}</style>") == "<p>Hi</p>"


def test_preformatted_text_keeps_its_lines():
    assert html("<pre><code>a = 1\nb = a < 2</code></pre>") == "<p>a = 1<br>b = a &lt; 2</p>"


def test_pictures_are_counted_and_left_out_the_first_one_remembered():
    body = clean_body('<p>See <img src="https://old.example.org/a.jpg" alt="A"> and <img src="b.jpg"></p>', SITE)
    assert body.html == "<p>See  and</p>"
    assert (body.images, body.first_image) == (2, "https://old.example.org/a.jpg")


def test_caption_shortcode_keeps_its_caption_as_a_paragraph():
    body = clean_body('[caption id="a" width="300"]<a href="x.jpg"><img src="x.jpg" /></a> A ward at night[/caption]')
    assert body.html == "<figure><figcaption><p>A ward at night</p></figcaption></figure>"
    assert body.images == 1


def test_gallery_and_other_picture_shortcodes_are_removed_and_counted():
    body = clean_body('Before.\n\n[gallery ids="1,2"]\n\n[playlist ids="3"]\n\nAfter.')
    assert body.html == "<p>Before.</p><p>After.</p>"
    assert body.dropped == {"gallery": 1, "playlist": 1}


@pytest.mark.parametrize(
    "raw",
    [
        "[embed]https://www.youtube.com/watch?v=abc[/embed]",
        '[video src="https://www.youtube.com/watch?v=abc"][/video]',
        "[youtube https://www.youtube.com/watch?v=abc]",
        '<iframe src="https://www.youtube.com/watch?v=abc"></iframe>',
        "https://www.youtube.com/watch?v=abc",
    ],
)
def test_embedded_media_becomes_a_link_to_it(raw):
    url = "https://www.youtube.com/watch?v=abc"
    assert html(raw) == f'<p><a href="{url}">{url}</a></p>'


def test_unknown_square_brackets_are_the_authors_text():
    assert html("He said [sic] and cited [1].") == "<p>He said [sic] and cited [1].</p>"


def test_links_to_the_old_site_become_paths_that_its_redirects_answer():
    assert html('<a href="https://www.old.example.org/2019/01/02/x/?a=1#c">x</a>') == (
        '<p><a href="/2019/01/02/x/?a=1#c">x</a></p>'
    )
    assert local_link("https://elsewhere.example.com/y/", SITE) == "https://elsewhere.example.com/y/"


def test_text_is_escaped_again_once_read():
    assert html("5 &lt; 6 &amp; <b>bold</b>") == "<p>5 &lt; 6 &amp; <b>bold</b></p>"


def test_plain_text_drops_tags_and_entities():
    assert plain_text("<p>Caf&eacute;</p><p>bar</p>") == "Café bar"
    assert plain_text("Mark<sup>up</sup> <b>it</b>.") == "Markup it."
