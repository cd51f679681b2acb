from django.urls import path

from patrol import views

app_name = "patrol"
urlpatterns = [
    path("", views.review_list, name="list"),
    path("<int:finding_id>/", views.detail, name="detail"),
    path("<int:finding_id>/konfirmasi/", views.confirm, name="confirm"),
    path("<int:finding_id>/tolak/", views.reject, name="reject"),
]
