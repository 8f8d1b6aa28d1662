from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    """The interviews section."""

    name = "interviews"
    verbose_name = "Interviews"

    def ready(self):
        from core.dependencies import item_key, track
        from interviews.models import Interviewee

        # Interviewees show on their interview's page: a change to one remakes that page (core.dependencies).
        track(Interviewee, lambda person, created: [item_key("interviews.interview", person.interview_id)])
