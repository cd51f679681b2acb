from django.urls import path

from core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("tugas/<uuid:job_id>/", views.job_detail, name="job_detail"),
    path("tugas/<uuid:job_id>/galat.csv", views.job_errors, name="job_errors"),
]
