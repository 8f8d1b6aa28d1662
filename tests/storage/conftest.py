"""Media in a bucket: moto's S3 server, started once for the session on a free port of 127.0.0.1 (tests/s3server.py)."""

import pytest

from tests.s3server import moto_bucket


@pytest.fixture(scope="session")
def moto():
    with moto_bucket() as bucket:
        yield bucket


@pytest.fixture
def bucket(moto, settings):
    """This test's media go to the moto bucket, emptied first, as they would with AWS_STORAGE_BUCKET_NAME set."""
    moto.empty()
    for name, value in moto.settings(settings.STORAGES).items():
        setattr(settings, name, value)
    return moto
