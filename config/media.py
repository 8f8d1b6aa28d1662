"""Where readers' browsers fetch media from when they are kept in an S3-compatible bucket (django-storages).

Settings need the address before any storage exists: MEDIA_URL (which core.figures takes for "our media" in
bodies) and the Content-Security-Policy's `img-src` are derived from it, so an administrator sets the bucket once.
tests/storage/test_settings.py holds it to what S3Storage.url() makes.
"""

from urllib.parse import urlsplit


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
