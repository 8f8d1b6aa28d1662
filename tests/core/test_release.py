"""Kept fragments carry the release that made them (core.dependencies.release): a deploy that renders pages
differently never shows what the previous release kept, and every process of one release shares them."""

import subprocess
import sys

from django.conf import settings as django_settings

from core import dependencies


def test_a_fragment_kept_by_another_release_is_made_again(db, monkeypatch):
    assert dependencies.kept("greeting", ["tag:1"], lambda: "kept by the old release") == "kept by the old release"
    assert dependencies.kept("greeting", ["tag:1"], lambda: "made again") == "kept by the old release"
    monkeypatch.setattr(dependencies, "_release", "the-next-release")
    assert dependencies.kept("greeting", ["tag:1"], lambda: "made by the new release") == "made by the new release"


def test_a_changed_template_is_a_new_release(tmp_path, settings):
    folder = tmp_path / "templates"
    folder.mkdir()
    template = folder / "includes" / "card.html"
    template.parent.mkdir()
    template.write_text("<p>{{ entry.title }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], folder]}]
    before = dependencies.release()
    assert dependencies.release() == before
    template.write_text("<p class='card'>{{ entry.title }}</p>")
    dependencies._forget_release()  # as a new process of the next release would start
    assert dependencies.release() != before


def test_a_changed_setting_that_pages_show_is_a_new_release(settings):
    before = dependencies.release()
    settings.SITE_NAME = "Another Magazine"
    assert dependencies.release() != before


def test_every_process_of_one_release_computes_the_same_digest():
    code = "import django; django.setup(); from core import dependencies; print(dependencies.release())"
    env = {"DJANGO_SETTINGS_MODULE": "tests.settings", "PATH": "/usr/bin:/bin"}
    digests = {
        subprocess.run([sys.executable, "-c", code], cwd=django_settings.BASE_DIR, env=env, capture_output=True,
                       text=True, check=True).stdout.strip()
        for _ in range(2)
    }  # fmt: skip
    assert len(digests) == 1 and len(digests.pop()) == 16
