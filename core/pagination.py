"""Paging long lists without counting every item on every request."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, Paginator
from django.utils.functional import cached_property

from core.cache import until_next_publish


class CountCachingPaginator(Paginator):
    """A Paginator that keeps a list's total in the cache for `LIST_COUNT_CACHE_SECONDS` (0: it does not).

    At 100,000 items, counting a list costs more than the rest of its page. The views file the total under
    the versions of what the list shows (core.views.CountCachingMixin), so a write that changes the list
    leaves the old total behind, and a total is never kept past the next scheduled publish time. Pages also
    check the total against what they find: their items are read fresh, one more than the page holds, so
    "Older »" shows only when an older item exists; a total the items contradict is counted again at once,
    and so is a page number past the cached total before it is refused. (On a list spanning sections, the
    extra item costs two more queries when its section has no item on the page.)

    The cache key is a hash of the view's own description of the list (`count_key`).
    """

    def __init__(self, object_list, per_page, *args, count_key=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.cache_key = f"list-count:{hashlib.sha256(count_key.encode()).hexdigest()}" if count_key else None
        timeout = settings.LIST_COUNT_CACHE_SECONDS if count_key else 0
        self.timeout = until_next_publish(timeout) if timeout else 0  # an item going live changes it, unwritten

    @cached_property
    def count(self):
        total = cache.get(self.cache_key) if self.timeout else None
        return self.recount() if total is None else total

    def recount(self):
        """Count the list now, and keep the total for the next requests."""
        total = Paginator.count.func(self)
        if self.timeout:
            cache.set(self.cache_key, total, self.timeout)
        self.__dict__["count"] = total
        self.__dict__.pop("num_pages", None)  # derived from the count; computed again on next use
        return total

    def page(self, number):
        if not self.timeout or self.orphans:
            return super().page(number)
        try:
            number = self.validate_number(number)
        except EmptyPage:
            self.recount()  # the list may have grown since it was counted
            number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        items = list(self.object_list[bottom : bottom + self.per_page + 1])
        if len(items) != min(self.per_page + 1, max(self.count - bottom, 0)):
            self.recount()  # the list changed since it was counted: trust the items, not the total
            number = self.validate_number(number)
        return self._get_page(items[: self.per_page], number, self)
