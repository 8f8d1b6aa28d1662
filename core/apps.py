from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    """What every section shares: the entry model, sources, authors and the cross-section pages."""

    name = "core"
    verbose_name = "Magazine"

    def ready(self):
        from core.cache import connect_invalidation
        from core.sites import sync_site_with_setting

        post_migrate.connect(sync_site_with_setting, sender=self)
        connect_invalidation()
