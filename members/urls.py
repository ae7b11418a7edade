from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("profiel/", views.profile, name="profile"),
    path("gegevens/", views.my_data, name="my_data"),
    path("gegevens/download/", views.download_my_data, name="download_my_data"),
]
