"""An interview's revisions hold its interviewees: restoring the interview restores who was in it."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from interviews.models import Interview
from tests.factories import make_interview
from tests.forms import form_values

pytestmark = pytest.mark.django_db


def test_restoring_an_interview_restores_its_interviewees(client, editor, settings):
    settings.PAGE_CACHE_SECONDS = 600
    client.force_login(editor)
    interview = make_interview(title="Two voices", interviewees=[("Ada Mills", "nurse"), ("Ben Ode", "porter")])
    url = reverse("admin:interviews_interview_change", args=[interview.pk])
    client.post(url, form_values(client.get(url).content.decode(), "#interview_form"))  # the version to go back to
    data = form_values(client.get(url).content.decode(), "#interview_form")
    data |= {"interviewees-0-DELETE": "on", "interviewees-1-role": "head porter", "interviewees-2-name": "Cleo Grant"}
    assert client.post(url, data).status_code == 302
    assert [str(p) for p in interview.interviewees.all()] == ["Cleo Grant", "Ben Ode, head porter"]
    reader = Client()
    assert "Cleo Grant" in reader.get(interview.get_absolute_url()).content.decode()

    newer, older = Version.objects.get_for_object(interview)
    compare = reverse("admin:interviews_interview_compare", args=[interview.pk])
    page = client.get(compare, {"old": older.pk, "new": newer.pk}).content.decode()
    assert "Interviewees" in page and "Ada Mills, nurse" in page and "Cleo Grant" in page

    restore = reverse("admin:interviews_interview_revision", args=[interview.pk, older.pk])
    form = form_values(client.get(restore).content.decode(), "#interview_form")
    assert client.post(restore, form).status_code == 302
    interview = Interview.objects.get(pk=interview.pk)
    assert [str(p) for p in interview.interviewees.all()] == ["Ada Mills, nurse", "Ben Ode, porter"]
    page = reader.get(interview.get_absolute_url()).content.decode()
    assert "Ada Mills" in page and "Cleo Grant" not in page
