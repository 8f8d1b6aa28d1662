from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_save


class CoreConfig(AppConfig):
    """What every section shares: the entry model, sources, authors and the cross-section pages."""

    name = "core"
    verbose_name = "Magazine"

    def ready(self):
        from taggit.models import Tag

        from core import frontcache, pagekeys, revisions
        from core.sites import sync_site_with_setting
        from core.tags import fill_slug

        post_migrate.connect(sync_site_with_setting, sender=self)
        pre_save.connect(fill_slug, sender=Tag, dispatch_uid="core-tag-slug")  # taggit's model, not ours to change
        pagekeys.connect()
        revisions.register_models()
        frontcache.backends()  # one that cannot be loaded stops the start, not every page
