"""Pictures are read when they are saved, never while a page is rendered.

Media may sit in a bucket on another host (AWS_STORAGE_BUCKET_NAME): a page that looked at a file would wait on
the network, on whichever host serves it. So a picture's size is recorded in the database when its file is
assigned, and its renditions (imagekit's thumbnails: cards, srcsets, previews) are made when it is saved; a
page only writes their addresses, which the storage computes without asking the bucket.
"""

import logging
import posixpath

from django.conf import settings
from django.db import models
from imagekit.cachefiles.backends import CacheFileState
from PIL.Image import DecompressionBombError

logger = logging.getLogger(__name__)

# What Pillow raises on a file it cannot read (and storage on a file that is gone: FileNotFoundError).
UNREADABLE = (OSError, ValueError, SyntaxError, DecompressionBombError)


class PictureField(models.ImageField):
    """An ImageField whose width and height are read from a new file only, never from one already stored.

    Django's reads them again whenever a row is loaded with either missing, which is every load of a picture
    it could not read: a page would open that file each time, and fail on a lost one. `bytes_field`, when
    given, records the file's length beside them (a feed's enclosure states it).
    """

    def __init__(self, *args, bytes_field=None, **kwargs):
        self.bytes_field = bytes_field
        super().__init__(*args, **kwargs)

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        # Called unforced as any instance is made: a row loaded from the database holds a stored file's name.
        if self.attname not in instance.__dict__ or (not force and getattr(instance, self.attname)._committed):
            return
        super().update_dimension_fields(instance, force, *args, **kwargs)
        file = getattr(instance, self.attname)
        if self.bytes_field and (file or force):
            setattr(instance, self.bytes_field, file.size if file else None)

    def deconstruct(self):
        # Only instances behave differently: migrations see Django's own field.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


def has_recorded_size(file):
    """True when `file` (an ImageFieldFile) is set and its width and height were recorded when it was saved."""
    field = file.field
    return bool(file) and all(getattr(file.instance, name) for name in (field.width_field, field.height_field) if name)


class MadeOnSave:
    """imagekit's cache file strategy (IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY): renditions are made when their picture
    is saved with a new file, and trusted to exist afterwards.

    imagekit's default makes them on first use, asking storage whether each exists while a page is rendered.
    `manage.py generateimages` makes any that are missing (after moving media, or for pictures saved before).
    """

    def on_source_saved(self, file):
        try:
            file.generate()
        except UNREADABLE as error:
            # The picture was stored and its item saved: it costs only this rendition, shown as missing.
            logger.warning("Cannot make rendition %s: %s", file.name, error)
            # imagekit leaves a failed rendition marked "generating", and would never try it again.
            file.cachefile_backend.set_state(file, CacheFileState.DOES_NOT_EXIST)

    def should_verify_existence(self, file):
        return False


def rendition_url(spec):
    """The address of a rendition; "" when its picture could not be read when saved (no size recorded).

    Touches no file: the rendition was made with its picture (MadeOnSave), and its address is computed.
    """
    return spec.url if has_recorded_size(spec.generator.source) else ""


def delete_with_renditions(storage, name):
    """Delete the stored picture `name` and the renditions made of it when it was saved.

    imagekit names them in a folder named after the picture (its default namer, `source_name_as_path`).
    """
    storage.delete(name)
    folder = posixpath.join(settings.IMAGEKIT_CACHEFILE_DIR, posixpath.splitext(name)[0])
    try:
        _folders, files = storage.listdir(folder)
    except FileNotFoundError:  # on disk, when none was made; a bucket lists nothing instead
        return
    for file in files:
        storage.delete(posixpath.join(folder, file))
