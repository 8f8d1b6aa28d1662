"""Reading pages for the addresses of their pictures."""

from bs4 import BeautifulSoup

# Every rendition an item's lead image gets (core.models.Entry's ImageSpecFields; cartoons redefine the cards').
LEAD_RENDITIONS = ("card_image", "card_image_2x", "page_image", "lead_image_480", "lead_image_960", "lead_image_1440")


def picture_urls(html, selector="img"):
    """The `src` and every `srcset` address of the pictures matching `selector` in `html`."""
    urls = []
    for img in BeautifulSoup(html, "html.parser").select(selector):
        urls.append(img["src"])
        urls += [candidate.split()[0] for candidate in img.get("srcset", "").split(", ") if candidate]
    return urls


def rendition_names(entry):
    """The storage names of the renditions of `entry`'s lead image (computed: nothing is read)."""
    return {getattr(entry, name).name for name in LEAD_RENDITIONS}
