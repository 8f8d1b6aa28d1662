import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.factories import make_interview
from tests.forms import form_values

pytestmark = pytest.mark.django_db


def interviewee_names(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [item.strong.get_text() for item in page.select(".interviewees li")]


def test_interviewees_appear_in_the_order_the_editor_set_not_the_order_they_were_added(client):
    interview = make_interview()
    for name, position in [("Third Speaker", 3), ("First Speaker", 1), ("Second Speaker", 2)]:
        interview.interviewees.create(name=name, role="nurse", position=position)

    response = client.get(interview.get_absolute_url())

    assert interviewee_names(response) == ["First Speaker", "Second Speaker", "Third Speaker"]
    assert "First Speaker</strong>, nurse" in response.content.decode()


def test_editor_reorders_interviewees_in_the_admin_and_the_page_follows(client, editor):
    interview = make_interview(interviewees=[("Ada Stone", "midwife"), ("Ben Cole", "porter")])
    client.force_login(editor)
    url = reverse("admin:interviews_interview_change", args=[interview.pk])
    form = form_values(client.get(url).content, "form#interview_form")
    form["interviewees-0-position"], form["interviewees-1-position"] = "2", "1"

    assert client.post(url, form).status_code == 302

    client.logout()
    assert interviewee_names(client.get(interview.get_absolute_url())) == ["Ben Cole", "Ada Stone"]


def test_an_interview_without_interviewees_has_no_empty_heading(client):
    response = client.get(make_interview().get_absolute_url())
    assert "In conversation with" not in response.content.decode()
