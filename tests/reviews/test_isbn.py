import pytest
from django.core.exceptions import ValidationError

from reviews.validators import is_valid_isbn, validate_isbn
from tests.factories import make_review


@pytest.mark.parametrize(
    "isbn", ["0-306-40615-2", "0306406152", "978-0-306-40615-7", "9780306406157", "080442957X", "0 8044 2957 x"]
)
def test_valid_isbn_10_and_13_in_any_hyphenation(isbn):
    assert is_valid_isbn(isbn)


@pytest.mark.parametrize(
    "isbn", ["0-306-40615-3", "978-0-306-40615-8", "12345", "97803064061570", "977-0-306-40615-7", "X306406152", ""]
)
def test_invalid_isbns_are_refused_with_a_clear_message(isbn):
    assert not is_valid_isbn(isbn)
    with pytest.raises(ValidationError, match="not a valid ISBN"):
        validate_isbn(isbn)


@pytest.mark.django_db
def test_isbn_is_stored_without_hyphens():
    review = make_review(isbn="978-0-306-40615-7")
    review.refresh_from_db()
    assert review.isbn == "9780306406157"
    review.full_clean()
