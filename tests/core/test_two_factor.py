"""Optional two-factor login for staff (STAFF_2FA, django-otp TOTP devices)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db


def code_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def log_in(**fields):
    client = Client()
    response = client.post("/admin/login/?next=/admin/", {"username": "eddie", "password": "pw-editor-123", **fields})
    return client, response


def test_without_staff_2fa_a_password_is_enough(editor, settings):
    settings.STAFF_2FA = False
    client, response = log_in()
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_with_staff_2fa_a_password_alone_does_not_let_staff_in(editor, settings):
    settings.STAFF_2FA = True
    TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client, response = log_in()
    assert response.status_code == 200 and 'name="otp_token"' in response.content.decode()
    assert client.get("/admin/").status_code == 302  # back to the login page


def test_with_staff_2fa_the_code_from_the_app_lets_staff_in(editor, settings):
    settings.STAFF_2FA = True
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client, response = log_in(otp_device=device.persistent_id, otp_token=code_for(device))
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_with_staff_2fa_a_wrong_code_is_refused(editor, settings):
    settings.STAFF_2FA = True
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    client, response = log_in(
        otp_device=device.persistent_id, otp_token="000000" if code_for(device) != "000000" else "1"
    )
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_a_session_without_a_code_is_not_let_in_once_2fa_is_on(client, editor, settings):
    settings.STAFF_2FA = True
    client.force_login(editor)
    assert client.get("/admin/").status_code == 302


def test_the_command_gives_staff_a_device_and_prints_how_to_add_it(editor):
    out = StringIO()
    call_command("add_totp_device", "eddie", stdout=out)
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).count() == 1
    assert "otpauth://totp/" in out.getvalue()


def test_the_command_refuses_unknown_users_and_readers(django_user_model):
    django_user_model.objects.create_user("rita", password="pw")
    with pytest.raises(CommandError, match="no user"):
        call_command("add_totp_device", "nobody")
    with pytest.raises(CommandError, match="not staff"):
        call_command("add_totp_device", "rita")


def test_the_qr_code_pages_of_a_device_that_does_not_exist_answer_404(admin_client):
    for page in ("config", "qrcode"):
        assert admin_client.get(f"/admin/otp_totp/totpdevice/404/{page}/").status_code == 404
