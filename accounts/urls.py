from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("masuk/", views.login_view, name="login"),
    path("kode/", views.otp_view, name="otp"),
    path("keluar/", views.logout_view, name="logout"),
]
