"""ISBN checks: editors type ISBNs with hyphens and spaces; we keep the digits and check the check digit."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def normalise_isbn(value):
    """Drop hyphens and spaces and upper-case a final x: '0-306-40615-2' -> '0306406152'."""
    return re.sub(r"[\s-]", "", value or "").upper()


def is_valid_isbn(value):
    """True for a correct ISBN-10 or ISBN-13 (check digit included), in any hyphenation."""
    isbn = normalise_isbn(value)
    if re.fullmatch(r"\d{9}[\dX]", isbn):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(isbn))
        return total % 11 == 0
    if re.fullmatch(r"97[89]\d{10}", isbn):
        total = sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(isbn))
        return total % 10 == 0
    return False


def validate_isbn(value):
    if not is_valid_isbn(value):
        raise ValidationError(
            _("“%(value)s” is not a valid ISBN-10 or ISBN-13. Check the digits, including the last one."),
            params={"value": value},
            code="invalid_isbn",
        )
