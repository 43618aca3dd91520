from django.shortcuts import redirect
from django.templatetags.static import static


def favicon(request):
    # Resolved per request: the hashed name exists only after collectstatic.
    return redirect(static("favicon.svg"), permanent=True)
