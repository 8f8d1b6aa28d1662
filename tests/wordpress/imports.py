"""Running the importer in tests: the files in data/, WordPress's Theme Unit Test export, a media folder."""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.factories import png_file

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]
# WordPress's Theme Unit Test export is not ours to ship: it is read from THEME_UNIT_TEST_EXPORT, or from the folder
# of shared test data kept beside the checkout on the project's CI machine.
THEME_UNIT_TEST = Path(
    os.environ.get("THEME_UNIT_TEST_EXPORT") or ROOT.parent / "shared" / "wordpress" / "themeunittestdata.wordpress.xml"
)
needs_theme_unit_test = pytest.mark.skipif(
    not THEME_UNIT_TEST.is_file(),
    reason=f"WordPress's Theme Unit Test export is not at {THEME_UNIT_TEST}: set THEME_UNIT_TEST_EXPORT to its path "
    "(themeunittestdata.wordpress.xml from the WPTT/theme-unit-test repository) to run these tests.",
)


def run_import(export, *args, **options):
    """The command's printed output; CommandError on bad input, as `manage.py` would exit with it."""
    out = io.StringIO()
    call_command("import_wordpress", str(export), *map(str, args), stdout=out, **options)
    return out.getvalue()


def make_media_dir(root):
    """A copy of an uploads folder holding the one picture data/posts.xml refers to that exists."""
    (root / "2020" / "05").mkdir(parents=True)
    (root / "2020" / "05" / "drawing.png").write_bytes(png_file().read())
    return root


SECTIONS = ["--section-map", "Book Reviews=reviews", "--section-map", "cartoons=cartoons",
            "--section-map", "Interviews=interviews"]  # fmt: skip
