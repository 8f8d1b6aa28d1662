"""Where readers' browsers fetch media from when they are kept in an S3-compatible bucket (django-storages).

Settings need the address before any storage exists: MEDIA_URL (which core.figures takes for "our media" in
bodies) and the Content-Security-Policy's `img-src` are derived from it, so an administrator sets the bucket once.
tests/storage/test_settings.py holds it to what S3Storage.url() makes.
"""

from urllib.parse import urlsplit

S3_STORAGE = "storages.backends.s3.S3Storage"


def bucket_settings(
    bucket, *, endpoint_url="", region_name="", custom_domain="", access_key_id="", secret_access_key=""
):
    """Django settings keeping media in `bucket`, under django-storages' names (blank values: its defaults).

    STORAGES["default"] is S3_STORAGE beside them; tests/s3server.py applies the same settings to a test bucket.
    """
    return {
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": endpoint_url or None,
        "AWS_S3_REGION_NAME": region_name or None,
        "AWS_S3_CUSTOM_DOMAIN": custom_domain or None,
        "AWS_ACCESS_KEY_ID": access_key_id or None,
        "AWS_SECRET_ACCESS_KEY": secret_access_key or None,
        "AWS_QUERYSTRING_AUTH": False,  # plain public links: signed ones would expire inside cached pages
        "AWS_S3_FILE_OVERWRITE": False,  # as on disk: a second "photo.jpg" gets a name of its own, never replaces
        "MEDIA_URL": bucket_media_url(bucket, endpoint_url, custom_domain),
    }


def bucket_media_url(bucket, endpoint_url=None, custom_domain=None, url_protocol="https:"):
    """The address, ending in "/", under which S3Storage links the bucket's files (its `querystring_auth` off).

    A custom domain (a CDN, or the provider's public host) wins; else an endpoint of your own (MinIO, Ceph,
    moto...) is addressed path-style, as boto does for one; else Amazon's own host for the bucket.
    """
    if custom_domain:
        return f"{url_protocol}//{custom_domain.strip('/')}/"
    if endpoint_url:
        return f"{endpoint_url.rstrip('/')}/{bucket}/"
    return f"https://{bucket}.s3.amazonaws.com/"


def origin(url):
    """ "https://cdn.example.org" of "https://cdn.example.org/media/x.jpg": what a CSP source names."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
