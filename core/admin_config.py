from django.contrib.admin.apps import AdminConfig


class MagazineAdminConfig(AdminConfig):
    """Django's admin app, with our admin site (core.admin_site) as the default `admin.site`."""

    default_site = "core.admin_site.MagazineAdminSite"
