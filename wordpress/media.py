"""Pictures of the old site, found in a copy of its uploads folder (`--media-dir`) by their path in the upload URL."""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from PIL import Image

from core.validators import validate_image_upload

UPLOAD_FOLDERS = ("/wp-content/uploads/", "/files/")  # self-hosted WordPress; WordPress.com and multisite


def upload_path(url, attached_file=""):
    """Where a file sits in the uploads folder: "2013/09/photo.jpg" for .../wp-content/uploads/2013/09/photo.jpg."""
    if attached_file:
        return attached_file.lstrip("/")
    path = unquote(urlsplit(url or "").path)
    for folder in UPLOAD_FOLDERS:
        if folder in path:
            return path.split(folder, 1)[1]
    return path.lstrip("/")


class MediaFolder:
    """A copy of the old site's uploads folder; None as `root` when the run was given none."""

    def __init__(self, root):
        self.root = Path(root).resolve() if root else None

    def find(self, relative):
        """The file at `relative` under the folder, or None; a path leading out of the folder is never followed."""
        if not self.root or not relative:
            return None
        candidate = (self.root / relative).resolve()
        return candidate if candidate.is_relative_to(self.root) and candidate.is_file() else None


def picture_problem(path):
    """Why the file at `path` cannot be a lead image, or "" when it can.

    It passes the same checks as an upload in the admin (size in bytes and in pixels), then Pillow's own.
    """
    with path.open("rb") as file:
        try:
            validate_image_upload(File(file, name=path.name))
            with Image.open(file) as image:
                image.verify()
        except ValidationError as error:
            return f"{path.name}: {' '.join(error.messages)}"
        except Exception as error:  # Pillow raises many kinds on a broken or hostile file
            return f"{path.name} is not a picture Pillow can read ({error.__class__.__name__})"
    return ""


def attach_image(image_field, path):
    """Copy the picture at `path` into storage as `image_field`'s file (the item itself is saved later)."""
    with path.open("rb") as file:
        image_field.save(path.name, File(file, name=path.name), save=False)
    return image_field.name
