from django.apps import AppConfig


class WordPressConfig(AppConfig):
    """Moving a magazine from WordPress: the import command, and old WordPress links answering 301."""

    name = "wordpress"
    verbose_name = "WordPress import"

    def group_permissions(self, group_name):
        """What core.roles.sync_groups grants here: editors manage redirects, the old links' and their own."""
        from django.contrib.redirects.models import Redirect

        from core.roles import EDITORS, model_permissions

        return model_permissions([Redirect]) if group_name == EDITORS else model_permissions([])
