"""The admin site: Django's own, asking staff for a one-time code as well when STAFF_2FA is on (django-otp).

With STAFF_2FA=1 a staff member logs in with their password and a code from an authenticator app (TOTP), and
a session that has not given a code is not let in. Devices are added with `manage.py add_totp_device USER`
or in the admin (OTP / TOTP devices). Read at every request, so tests and deployments can switch it.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.admin import AdminSite
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite


class MagazineAdminSite(OTPAdminSite):
    # The index lists every model already; without the side menu a laptop's 1366 px fit an item list's columns.
    enable_nav_sidebar = False

    def __init__(self, name="admin"):
        super().__init__(name)

    @property
    def login_form(self):
        return OTPAdminAuthenticationForm if settings.STAFF_2FA else None

    @property
    def login_template(self):
        return OTPAdminSite.login_template if settings.STAFF_2FA else None

    def index(self, request, extra_context=None):
        from core.waiting import what_waits  # it reads the models, which are not loaded when the site is made

        return super().index(request, {"waiting": what_waits(request), **(extra_context or {})})

    def has_permission(self, request):
        if settings.STAFF_2FA:
            return super().has_permission(request)  # verified by a device in this session, too
        return AdminSite.has_permission(self, request)

    def get_urls(self):
        """Django's admin URLs, after the pages other apps add: an app config's `admin_urls(site)` lists them.

        So the comments app adds the moderators' desk without core knowing about comments.
        """
        extra = []
        for config in apps.get_app_configs():
            if hasattr(config, "admin_urls"):
                extra += config.admin_urls(self)
        return extra + super().get_urls()
