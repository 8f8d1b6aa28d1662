"""Rate limits and stored addresses use the reader's real address (core.clientip), whatever headers say."""

import pytest
from django_comments_xtd.models import XtdComment

from tests.factories import comment_form_data, make_article

pytestmark = pytest.mark.django_db


def post(client, article, n, **headers):
    data = comment_form_data(article, comment=f"Comment number {n}.")
    return client.post(article.get_comments_url(), data, **headers)


def test_a_forged_forwarded_for_header_does_not_evade_the_rate_limit_behind_nginx(client, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    article = make_article()
    statuses = [
        post(client, article, n, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.0.{n}.1, 203.0.113.9").status_code
        for n in range(12)
    ]
    assert statuses.count(302) == 5 and statuses.count(429) == 7
    assert set(XtdComment.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


def test_readers_behind_one_proxy_each_have_their_own_limit(client, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    article = make_article()
    for n in range(5):
        assert post(client, article, n, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 302
    assert post(client, article, 6, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.10").status_code == 302


def test_without_trusted_proxies_a_forged_header_is_ignored(client, settings):
    settings.TRUSTED_PROXIES = []
    article = make_article()
    statuses = [post(client, article, n, HTTP_X_FORWARDED_FOR=f"10.0.{n}.1").status_code for n in range(7)]
    assert statuses == [302] * 5 + [429] * 2


@pytest.mark.parametrize(
    "forwarded", ["", "garbage", "203.0.113.9, 127.0.0.1", "::1, ::1", "\x00", "1.2.3.4," * 500, "300.1.1.1"]
)
def test_no_forwarded_for_value_breaks_a_comment_post(client, settings, forwarded):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    response = post(client, make_article(), 0, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert response.status_code == 302
