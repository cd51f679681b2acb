from django.urls import path

from acts import views

app_name = "acts"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
]
