app_name = "acts"
urlpatterns = []
