import io

import qrcode
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Give a staff member an authenticator-app device for two-factor login (STAFF_2FA=1), and show its QR code."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="authenticator app", help="What the device is called in the admin.")

    def handle(self, username, name, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"There is no user {username!r}.") from error
        if not user.is_staff:
            raise CommandError(f"{username} is not staff: only staff log in to the admin.")
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        code = qrcode.QRCode(border=1)
        code.add_data(device.config_url)
        picture = io.StringIO()
        code.print_ascii(out=picture, invert=True)
        self.stdout.write(picture.getvalue())
        self.stdout.write(f"Scan this with {username}'s authenticator app, or enter: {device.config_url}")
        self.stdout.write("Keep it secret: whoever has it can make codes. Delete the device in the admin to revoke it.")
