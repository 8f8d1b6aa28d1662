"""A local S3-compatible server for tests: moto's, on a free port of 127.0.0.1, never a cloud account.

Usable outside pytest too, e.g. to give gunicorn processes one shared bucket:

    with moto_bucket() as bucket:
        subprocess.Popen([...gunicorn...], env=os.environ | bucket.env())
        bucket.names()  # what the site stored

The server runs in a thread of the calling process and is stopped when the `with` block ends.
"""

import logging
from contextlib import contextmanager
from dataclasses import dataclass

import boto3
from moto.server import ThreadedMotoServer

from config.media import S3_STORAGE, bucket_settings

REGION = "us-east-1"  # moto's default, where a bucket needs no location constraint
CREDENTIALS = {"access_key_id": "testing", "secret_access_key": "testing"}  # moto accepts any


@dataclass(frozen=True)
class MotoBucket:
    endpoint_url: str  # "http://127.0.0.1:PORT"
    name: str

    def env(self, custom_domain=""):
        """The environment a site process needs to keep its media in this bucket (config/settings.py reads it)."""
        variables = {
            "AWS_STORAGE_BUCKET_NAME": self.name,
            "AWS_S3_ENDPOINT_URL": self.endpoint_url,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_ACCESS_KEY_ID": CREDENTIALS["access_key_id"],
            "AWS_SECRET_ACCESS_KEY": CREDENTIALS["secret_access_key"],
        }
        return variables | ({"AWS_S3_CUSTOM_DOMAIN": custom_domain} if custom_domain else {})

    def settings(self, storages, custom_domain=""):
        """Django settings for this process to use the bucket, as config/settings.py derives them from `env()`.

        `storages` is the current STORAGES, whose "default" is replaced.
        """
        return bucket_settings(
            self.name, endpoint_url=self.endpoint_url, region_name=REGION, custom_domain=custom_domain, **CREDENTIALS
        ) | {"STORAGES": {**storages, "default": {"BACKEND": S3_STORAGE}}}

    def client(self):
        """A boto3 S3 client on the server, to look at the bucket the way the site cannot be trusted to."""
        return boto3.client(
            "s3", endpoint_url=self.endpoint_url, region_name=REGION,
            aws_access_key_id=CREDENTIALS["access_key_id"], aws_secret_access_key=CREDENTIALS["secret_access_key"],
        )  # fmt: skip

    def names(self, prefix=""):
        """The names of every object in the bucket (under `prefix`), sorted."""
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=self.name, Prefix=prefix)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", ()))

    def read(self, key):
        """The bytes of object `key`."""
        return self.client().get_object(Bucket=self.name, Key=key)["Body"].read()

    def empty(self):
        """Delete every object, so the next test starts from an empty bucket."""
        client, names = self.client(), self.names()
        for start in range(0, len(names), 1000):  # S3 deletes up to 1,000 objects a request
            batch = [{"Key": name} for name in names[start : start + 1000]]
            client.delete_objects(Bucket=self.name, Delete={"Objects": batch, "Quiet": True})


@contextmanager
def moto_server():
    """Start moto's server on a free port of 127.0.0.1; yield its endpoint URL; stop it afterwards."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's server logs every request it answers
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@contextmanager
def moto_bucket(name="magazine-media"):
    """Start moto's server on a free port and create an empty bucket `name` in it; yield it as a MotoBucket."""
    with moto_server() as endpoint_url:
        bucket = MotoBucket(endpoint_url, name)
        bucket.client().create_bucket(Bucket=name)
        yield bucket
