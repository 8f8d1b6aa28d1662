"""Production static files: collectstatic with WhiteNoise's manifest storage covers every asset pages use."""

import re

import pytest
from django.core.management import call_command

MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture
def collected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


def static_paths(page):
    return set(re.findall(r"/static/([^\"'\s)]+)", page))


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/admin/blog/article/add/"])
def test_pages_link_hashed_compressed_files_that_collectstatic_wrote(client, editor, collected, url):
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    paths = static_paths(response.content.decode())
    assert paths
    for path in paths:
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", path), f"{path} is not a hashed name"
        assert (collected / path).is_file(), path
        if path.endswith((".css", ".js")):
            assert (collected / f"{path}.gz").is_file(), path
    if "admin" in url:  # django-prose-editor's editor and its import map go through the manifest too
        assert any(path.startswith("django_prose_editor/editor.") for path in paths)
