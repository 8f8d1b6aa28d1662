"""Checks on uploaded files, run by the admin's forms before anything is stored."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image


def validate_image_upload(file):
    """Refuse files that are too large, or images so big in pixels that decoding them could exhaust memory.

    Django's ImageField already refuses files Pillow cannot read as an image.
    """
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    if file.size and file.size > limit:
        raise ValidationError(
            _("This image is %(size)s; the largest allowed is %(limit)s. Please resize it and upload again.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)}
        )
    try:
        file.seek(0)
        with Image.open(file) as image:
            width, height = image.size
    except Exception:
        return
    finally:
        file.seek(0)
    if width * height > settings.MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("This image is %(w)s × %(h)s pixels, too large to process. Please resize it and upload again.")
            % {"w": width, "h": height}
        )
