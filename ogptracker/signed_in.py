"""Pages of a signed-in user are kept by no cache, the browser's included."""

from django.utils.cache import patch_cache_control


class SignedInNoStoreMiddleware:
    """`Cache-Control: private, no-store` on every answer to a signed-in user.

    Without it a lead's report form or «My commitments» stays in the browser's
    cache after they sign out, for the next person at a shared computer to open
    with the Back button. The user is already loaded by then on every page that
    shows who is signed in; an anonymous visit without a session reads nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
