"""The reader's own address, even behind proxies, and never one a reader can choose by sending a header.

A proxy appends the address it received the request from to `X-Forwarded-For`. Reading that header from the
right, every address that is one of our TRUSTED_PROXIES was added by a proxy of ours; the first one that is not
is the client (anything further left was sent by the client itself and may be forged). A request that does not
come from a trusted proxy is answered by its own REMOTE_ADDR, whatever headers it carries.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies):
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy.strip())


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def is_trusted_proxy(address):
    return address is not None and any(address in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request):
    """The client's IP address as text (rate limits, the login lock-out, the address stored with a comment)."""
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return "0.0.0.0"  # not a real socket (a test client or a misconfigured server): one shared bucket
    if not is_trusted_proxy(remote):
        return str(remote)
    for part in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(part)
        if address is None:
            break  # a proxy of ours would not have written this: believe nothing further left
        if not is_trusted_proxy(address):
            return str(address)
    return str(remote)
