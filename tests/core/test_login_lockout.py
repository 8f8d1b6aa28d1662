"""Admin login protection (django-axes): ten failures for one account or from one address lock logins a while."""

import logging

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed attempts to log in"


def log_in(username, password, address="198.51.100.7", client=None, **headers):
    client = client or Client(REMOTE_ADDR=address, **headers)
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def test_ten_failures_for_one_account_lock_it_even_with_the_right_password(editor):
    for n in range(9):
        assert LOCKED not in log_in("eddie", f"wrong-{n}", address=f"203.0.113.{n}").content.decode()
    assert LOCKED in log_in("eddie", "wrong-10", address="203.0.113.10").content.decode()

    response = log_in("eddie", "pw-editor-123", address="203.0.113.77")

    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert log_in("someone-else", "wrong", address="203.0.113.78").status_code == 200  # others go on


def test_the_message_is_the_same_whether_or_not_the_account_exists(editor):
    for n in range(10):
        log_in("eddie", "wrong", address=f"203.0.113.{n}")
        log_in("nobody-here", "wrong", address=f"203.0.113.{n + 20}")

    real, ghost = log_in("eddie", "wrong", address="192.0.2.1"), log_in("nobody-here", "wrong", address="192.0.2.2")

    assert real.status_code == ghost.status_code == 429
    assert real.content.decode().replace("eddie", "") == ghost.content.decode().replace("nobody-here", "")


def test_ten_failures_from_one_address_lock_that_address_for_every_account(editor):
    for n in range(10):
        log_in(f"guess-{n}", "wrong")
    assert log_in("eddie", "pw-editor-123").status_code == 429
    assert log_in("eddie", "pw-editor-123", address="192.0.2.50").status_code == 302


def test_behind_a_trusted_proxy_each_reader_is_counted_by_their_own_address(editor, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for n in range(10):  # forged addresses on the left change nothing: nginx appends the real one
        log_in(f"guess-{n}", "wrong", address="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 203.0.113.5")
    assert log_in("eddie", "pw-editor-123", address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    assert log_in("eddie", "pw-editor-123", address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 302


def test_an_administrator_unlocks_an_account_with_a_command(editor):
    for n in range(10):
        log_in("eddie", "wrong", address=f"203.0.113.{n}")
    assert log_in("eddie", "pw-editor-123", address="192.0.2.9").status_code == 429

    call_command("axes_reset_username", "eddie")

    assert log_in("eddie", "pw-editor-123", address="192.0.2.9").status_code == 302


def test_failed_logins_are_logged_with_the_account_and_address(editor, caplog):
    with caplog.at_level(logging.INFO, logger="axes"):
        log_in("eddie", "wrong", address="203.0.113.44")
    assert any("eddie" in record.getMessage() and "203.0.113.44" in record.getMessage() for record in caplog.records)
