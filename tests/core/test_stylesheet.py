import re

from django.conf import settings

# Links that stand alone, never inside a sentence, may look like headings or buttons instead of underlined text.
STANDALONE_LINKS = {
    ".site-name", ".site-nav a", ".card__title a", ".lead-story__title a", ".tags a", ".page-header h1 a",
}  # fmt: skip


def rules():
    """(selector, declarations) for every rule of site.css, those inside @media included."""
    css = re.sub(r"/\*.*?\*/", "", (settings.BASE_DIR / "static/css/site.css").read_text(), flags=re.DOTALL)
    for selectors, declarations in re.findall(r"([^{}@]+)\{([^{}]*)\}", css):
        for selector in selectors.split(","):
            yield " ".join(selector.split()), declarations


def test_links_in_running_text_are_underlined_so_colour_is_not_the_only_cue():
    underlined = {selector for selector, declarations in rules() if "text-decoration: underline" in declarations}
    assert {"p a", ".comment__text a", ".message a", ".notice a"} <= underlined


def test_only_standalone_links_lose_their_underline():
    bare = {selector for selector, declarations in rules() if "text-decoration: none" in declarations}
    assert bare <= STANDALONE_LINKS, "a link in running text needs its underline (axe: link-in-text-block)"
