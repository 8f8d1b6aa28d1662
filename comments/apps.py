from django.apps import AppConfig


class CommentsConfig(AppConfig):
    """The discussion under every item: the comments page, open and closed threads, moderation."""

    name = "comments"
    verbose_name = "Discussion"

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_save
        from django_comments_xtd import get_model as get_comment_model
        from django_comments_xtd.models import publish_or_unpublish_on_pre_save
        from django_comments_xtd.moderation import moderator
        from django_comments_xtd.signals import confirmation_received

        from comments import banned_words, pagekeys
        from comments.models import BannedWord, SectionPolicy
        from comments.moderation import EntryModerator, refuse_confirmation_on_closed_thread
        from comments.policies import policy_written
        from core.dependencies import track
        from core.registry import entry_models

        for model in entry_models():
            if model not in moderator._registry:
                moderator.register(model, EntryModerator)
        confirmation_received.connect(refuse_confirmation_on_closed_thread, dispatch_uid="refuse-closed-thread")
        pagekeys.connect()
        track(SectionPolicy, policy_written)
        post_save.connect(banned_words.list_changed, sender=BannedWord, dispatch_uid="banned-words-saved")
        post_delete.connect(banned_words.list_changed, sender=BannedWord, dispatch_uid="banned-words-deleted")
        # xtd hides every reply under a comment saved as removed, and publishes them all, held ones included, when
        # it is saved as public again. Our replies stay where they are, under a "removed" placeholder.
        pre_save.disconnect(publish_or_unpublish_on_pre_save, sender=get_comment_model()._meta.label)

    def admin_urls(self, site):
        """The moderators' desk, inside the admin (core.admin_site): its login, its look, its CSRF checks."""
        from django.urls import path

        from comments.desk_views import LogView, QueueView

        return [
            path("moderation/", site.admin_view(QueueView.as_view(admin_site=site)), name="moderation"),
            path("moderation/log/", site.admin_view(LogView.as_view(admin_site=site)), name="moderation-log"),
        ]

    def group_permissions(self, group_name):
        """What core.roles.sync_groups grants each staff group here: moderating comments and closing threads.

        Editors moderate too, as WordPress editors do, and set each section's closing days; moderators get nothing
        here that edits content.
        """
        from django.contrib.auth.models import Permission
        from django.db.models import Q

        from comments.models import CLOSE_THREADS, MODERATE_COMMENTS

        if group_name not in ("Editors", "Moderators"):
            return Permission.objects.none()
        # Editors decide how long each section's threads stay open, as they decide what the section publishes.
        section_policies = Q(content_type__app_label="comments", content_type__model="sectionpolicy")
        if group_name != "Editors":
            section_policies = Q(pk__in=[])
        rights = Q()
        for name in (MODERATE_COMMENTS, CLOSE_THREADS):
            app_label, codename = name.split(".")
            rights |= Q(content_type__app_label=app_label, codename=codename)
        return Permission.objects.filter(
            rights
            | Q(content_type__app_label="django_comments_xtd", codename__in=["view_xtdcomment", "change_xtdcomment"])
            | Q(content_type__app_label="django_comments", content_type__model="commentflag")
            | Q(content_type__app_label="comments", codename="view_threadchange")
            | Q(content_type__app_label="comments", content_type__model="ban", codename__in=["add_ban", "view_ban"])
            # Each chooses how they hear of held comments: their own preference only (comments.admin).
            | Q(
                content_type__app_label="comments",
                codename__in=[f"{action}_moderatormailpreference" for action in ("add", "change", "view")],
            )
            | section_policies
            | Q(content_type__app_label="comments", content_type__model="bannedword")  # the list is theirs to keep
            | Q(content_type__app_label="comments", codename="view_commentedit")
        )

    def waiting(self, request):
        """What the admin's front page (core.waiting) shows those who moderate: comments held for a decision."""
        from django_comments_xtd import get_model as get_comment_model

        from comments.models import MODERATE_COMMENTS
        from comments.queue import queue_url
        from comments.threads import HELD
        from core.waiting import Waiting

        if not request.user.has_perm(MODERATE_COMMENTS):
            return []
        held = get_comment_model().norel_objects.filter(HELD).count()
        return [Waiting("Comments held for moderation", held, queue_url())]

    def seed_demo(self, stdout):
        """Called by `manage.py seed_demo`: sections' closing days, and comments on the demo items, open, closed and
        auto-closed threads."""
        from comments.demo import seed_comments, seed_policies

        seed_policies(stdout)
        return seed_comments(stdout)
