"""Guards for requests the admin (Django's and third-party apps') would answer with a server error."""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import BadRequest, ValidationError
from django.urls import reverse


class AdminInputMiddleware:
    """Answer 400 to an admin request carrying input the admin passes to the database unchecked.

    - a NUL character anywhere in the query string: PostgreSQL refuses NUL in text, and list filters and the
      autocomplete hand their parameters to it as they come (our own views check theirs);
    - an action posted on ids that are not ids of the list's model, or out of the database's range.
    Only a hand-made request carries either: the admin's own pages never send them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in _query_text(request) and request.path.startswith(reverse("admin:index")):
            raise BadRequest("A NUL character in the query string.")
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        model_admin = getattr(view, "model_admin", None)  # set on every ModelAdmin view by ModelAdmin.get_urls()
        if model_admin is None or request.method != "POST" or ACTION_CHECKBOX_NAME not in request.POST:
            return None
        pk = model_admin.model._meta.pk
        try:
            for value in request.POST.getlist(ACTION_CHECKBOX_NAME):
                pk.run_validators(pk.to_python(value))
        except ValidationError as error:
            raise BadRequest("An action on ids that are not ids of this list.") from error
        return None


def _query_text(request):
    return "".join(key + "".join(values) for key, values in request.GET.lists())
