from django.urls import path  # noqa: F401  (the board's addresses follow)

app_name = "cooperation"

urlpatterns = []
