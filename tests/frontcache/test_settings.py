"""Front caches are set up by the environment; one half set up is refused at start, not found out at the first write."""

import pytest

from tests.core.test_settings import run_check


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"VARNISH_PURGE_URLS": "varnish.internal:6081"}, "is not an http:// or https:// address"),
        ({"FASTLY_SERVICE_ID": "SU1Z0isxPaozGVKXdv0eY"}, "FASTLY_SERVICE_ID and FASTLY_API_TOKEN go together"),
        ({"CLOUDFLARE_API_TOKEN": "cf-token"}, "CLOUDFLARE_ZONE_ID and CLOUDFLARE_API_TOKEN go together"),
    ],
)
def test_a_front_cache_half_set_up_is_refused_at_start(env, message):
    result = run_check(DEBUG="1", **env)
    assert result.returncode != 0 and message in result.stderr


def test_a_front_cache_that_cannot_be_loaded_is_refused_at_start():
    result = run_check(DEBUG="1", FRONT_CACHE_BACKENDS="core.frontcache.Akamai")
    assert result.returncode != 0 and "FRONT_CACHE_BACKENDS" in result.stderr and "Akamai" in result.stderr
