"""The banned-words list (comments.BannedWord): a comment using one of them waits for a moderator.

Words match whole, whatever the case and accents (“Médecin” matches “medecin”, “class” does not match “ass”).
The list is kept in the shared cache and dropped whenever a word is added, changed or deleted, so posting a
comment costs one cache read, not a query per word.
"""

import re
import unicodedata
from functools import lru_cache

from django.core.cache import cache

CACHE_KEY = "comments:banned-words"


def normalize(text):
    """`text` without accents, case or repeated spaces, as both the list and comments are compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


def banned_words():
    """The normalized words and phrases of the list, from the cache (one query after a change)."""
    words = cache.get(CACHE_KEY)
    if words is None:
        from comments.models import BannedWord

        words = tuple(sorted({normalize(word) for word in BannedWord.objects.values_list("word", flat=True)} - {""}))
        cache.set(CACHE_KEY, words, None)
    return words


@lru_cache(maxsize=4)
def _pattern(words):
    # Whole words: no letter or digit may touch either end. A phrase matches across any run of spaces.
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in word.split()) for word in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def find_banned_word(*texts):
    """The first banned word or phrase found in `texts`, or None."""
    words = banned_words()
    if not words:
        return None
    found = _pattern(words).search(normalize("\n".join(text or "" for text in texts)))
    return found.group(0) if found else None


def list_changed(**kwargs):
    cache.delete(CACHE_KEY)
