import pytest
from django.test import RequestFactory

from core.clientip import client_ip


def request_from(remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request_from("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


@pytest.mark.parametrize(
    ("forwarded", "client"),
    [
        ("203.0.113.9", "203.0.113.9"),  # nginx in front of us
        ("203.0.113.9, 127.0.0.1", "203.0.113.9"),  # as nginx builds it behind another proxy of ours
        ("1.2.3.4, 203.0.113.9", "203.0.113.9"),  # a reader's forged address stays on the left
        ("1.2.3.4, 203.0.113.9, 10.1.2.3", "203.0.113.9"),  # a load balancer in a trusted network, then nginx
        ("2001:db8::5", "2001:db8::5"),
        ("", "127.0.0.1"),
        ("garbage", "127.0.0.1"),
        ("203.0.113.9, garbage", "127.0.0.1"),  # a proxy of ours would not write that: believe nothing left of it
        ("\x00, ,;", "127.0.0.1"),
        ("10.0.0.1, 127.0.0.1", "127.0.0.1"),  # only proxies: the nearest is all we know
    ],
)
def test_behind_trusted_proxies_the_rightmost_untrusted_address_is_the_client(settings, forwarded, client):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    assert client_ip(request_from("127.0.0.1", forwarded)) == client


def test_a_request_not_from_a_trusted_proxy_cannot_choose_its_address(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request_from("198.51.100.7", "10.0.0.9")) == "198.51.100.7"
    assert client_ip(request_from("198.51.100.7")) == "198.51.100.7"


def test_a_missing_remote_address_is_one_shared_bucket_not_an_error(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_ip(request_from("", "203.0.113.9")) == "0.0.0.0"
