from django import template
from django.apps import apps

register = template.Library()


@register.inclusion_tag("includes/sidebar.html")
def sidebar():
    """The sidebar of every reader page: latest interviews, the latest cartoon, latest book reviews.

    Sections are found by name, so that core imports no section app.
    """
    interviews = apps.get_model("interviews", "Interview").objects.published()
    cartoons = apps.get_model("cartoons", "Cartoon").objects.published()
    reviews = apps.get_model("reviews", "BookReview").objects.published()
    return {
        "interviews": interviews.only("title", "slug", "excerpt")[:2],
        "cartoon": cartoons.only(
            "title", "slug", "lead_image", "lead_image_alt", "lead_image_width", "lead_image_height"
        ).first(),
        "reviews": reviews.only("title", "slug", "excerpt")[:3],
    }
