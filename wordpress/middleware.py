from django.http import HttpResponsePermanentRedirect

from wordpress.models import ImportedObject

OLD_FRONT_PAGES = ("/", "/index.php")
ID_PARAMETERS = ("p", "page_id")  # WordPress's plain links: /?p=123 for a post, /?page_id=45 for a page


class OldPostIdRedirectMiddleware:
    """`/?p=ID` and `/?page_id=ID`, WordPress's own links to a post, answer 301 to the item it became.

    django.contrib.redirects cannot do it: it only steps in on a 404, and `/` is our home page. The item is
    looked up at each request, so the link works once a scheduled item goes live and never leads to a draft.
    The page cache lets these requests through (core.cache.PASSED_PARAMETERS); it would serve the home page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path in OLD_FRONT_PAGES and request.method in ("GET", "HEAD"):
            wordpress_id = next((request.GET[name] for name in ID_PARAMETERS if name in request.GET), "")
            if wordpress_id.isascii() and wordpress_id.isdigit():
                url = ImportedObject.objects.live_url(int(wordpress_id))
                if url:
                    return HttpResponsePermanentRedirect(url)
        return self.get_response(request)
