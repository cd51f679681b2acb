from django.http import HttpResponse


def login_view(request):
    return HttpResponse("")


def otp_view(request):
    return HttpResponse("")


def logout_view(request):
    return HttpResponse("")
