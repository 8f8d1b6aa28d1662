"""Post a page's form back as a browser would: every field with the value the page rendered in it."""

from bs4 import BeautifulSoup


def form_values(html, selector="form"):
    """{name: value or [values]} of the first form matching `selector`, as a browser would submit it unchanged.

    Unticked boxes and unselected options are left out; an untouched file input sends nothing; a single select
    with nothing marked selected sends its first option, as browsers do.
    """
    form = BeautifulSoup(html, "html.parser").select_one(selector)
    data = {}

    def add(name, value):
        data.setdefault(name, []).append(value)

    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            add(name, field.get_text().removeprefix("\n"))  # the HTML parser keeps the newline browsers drop
        elif field.name == "select":
            options = field.find_all("option")
            chosen = [o for o in options if o.has_attr("selected")]
            if not chosen and options and not field.has_attr("multiple"):
                chosen = options[:1]
            for option in chosen:
                add(name, option.get("value", option.get_text()))
        else:
            kind = field.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                continue
            if kind in ("checkbox", "radio") and not field.has_attr("checked"):
                continue
            add(name, field.get("value", "on" if kind in ("checkbox", "radio") else ""))
    return {name: values[0] if len(values) == 1 else values for name, values in data.items()}


def change_url(item):
    """The admin change form's address of any model instance (an item, an author...)."""
    from django.urls import reverse

    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
