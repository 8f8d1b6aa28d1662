"""Checks on uploaded files, run by the admin's forms before anything is stored."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.images import get_image_dimensions
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def validate_image_upload(file):
    """Refuse files that are too large, or images so big in pixels that decoding them could exhaust memory.

    Only a new upload is checked: a file already in storage passed when it was uploaded, and opening it again
    at every save would cost a read of the stored file (and failed when the storage had closed it).
    Django's ImageField already refuses files Pillow cannot read as an image.
    """
    if getattr(file, "_committed", False):  # a FieldFile pointing at a stored file, not a new upload
        return
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    if file.size and file.size > limit:
        raise ValidationError(
            _("This image is %(size)s; the largest allowed is %(limit)s. Please resize it and upload again.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)}
        )
    # Reads the header only, and puts the file back where it was for the save that follows.
    width, height = get_image_dimensions(file)
    if width and height and width * height > settings.MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("This image is %(w)s × %(h)s pixels, too large to process. Please resize it and upload again.")
            % {"w": width, "h": height}
        )
