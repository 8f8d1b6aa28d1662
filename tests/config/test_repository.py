"""The repository stands on its own: its docs and code point at no file a clone does not have.

(Tests and CI may read the shared test data kept beside the checkout, and skip without it.)
"""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUTSIDE_REFERENCES = ("../shared", "COMMENTS-NOTES", "/work/")


def test_no_tracked_file_points_outside_the_repository():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    offenders = [
        f"{name}: {reference}"
        for name in tracked
        if not name.startswith(("tests/", ".ci/")) and (ROOT / name).suffix in (".py", ".md", ".html", ".txt", "")
        for reference in OUTSIDE_REFERENCES
        if (ROOT / name).is_file() and reference in (ROOT / name).read_text(errors="ignore")
    ]
    assert not offenders


def test_the_docs_that_code_comments_refer_to_exist():
    assert (ROOT / "docs" / "design.md").is_file()
    notes = (ROOT / "docs" / "comments.md").read_text()
    assert all(f"\n{n}. **" in notes for n in range(1, 11))  # traps 1 to 10, as the code cites them
