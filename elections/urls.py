from django.urls import path

from elections import views

app_name = "elections"
urlpatterns = [
    path("", views.election_list, name="list"),
    path("<slug:slug>/", views.election_detail, name="detail"),
    path("<slug:slug>/kontestasi/<int:contest_id>/", views.contest_detail, name="contest"),
]
