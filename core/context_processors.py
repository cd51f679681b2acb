from django.conf import settings


def sinetra(request):
    """Values every page may show."""
    return {"SITE_URL": settings.SITE_URL, "DEBUG": settings.DEBUG}
