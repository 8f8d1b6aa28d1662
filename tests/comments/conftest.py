import pytest


@pytest.fixture
def reader(django_user_model):
    """A logged-in reader: an account with no staff rights."""
    return django_user_model.objects.create_user(
        "rita", email="rita@example.org", password="pw-reader-123", first_name="Rita", last_name="Reader"
    )
