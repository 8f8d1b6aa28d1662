"""Other people's apps under the names editors and moderators use: the admin's headings and breadcrumbs show them.

Listed in INSTALLED_APPS in place of each library's own config; only the name changes (labels, tables and
migrations stay the library's).
"""

from axes.apps import AppConfig as AxesConfig
from django_comments.apps import DjangoCommentsAdminConfig
from django_comments_xtd.apps import CommentsXtdConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig
from taggit.apps import TaggitAppConfig


class CommentsConfig(CommentsXtdConfig):
    verbose_name = "Comments"  # not "Comments Xtd"


class CommentFlagsConfig(DjangoCommentsAdminConfig):
    verbose_name = "Comment flags"  # not "Django_Comments"


class TagsConfig(TaggitAppConfig):
    verbose_name = "Tags"  # not "Taggit"


class TwoFactorConfig(TOTPConfig):
    verbose_name = "Two-factor login"  # not "Otp_Totp"


class LoginLockoutConfig(AxesConfig):
    verbose_name = "Login lock-out"  # not "Axes"
