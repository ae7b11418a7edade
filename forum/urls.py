from django.urls import path

from . import views

app_name = "forum"

urlpatterns = [
    path("", views.index, name="index"),
    path("zoeken/", views.search, name="search"),
    path("categorie/<slug:slug>/", views.category, name="category"),
    path("categorie/<slug:slug>/nieuw/", views.new_thread, name="new_thread"),
    path("gesprek/<int:pk>/", views.thread, name="thread"),
    path("gesprek/<int:pk>/ongelezen/", views.first_unread, name="first_unread"),
    path("gesprek/<int:pk>/volgen/", views.subscribe, name="subscribe"),
    path("bericht/<int:pk>/bewerken/", views.edit_post, name="edit_post"),
    path("bericht/<int:pk>/verwijderen/", views.delete_post, name="delete_post"),
    path("bericht/<int:pk>/reactie/", views.react, name="react"),
    path("bericht/<int:pk>/melden/", views.flag, name="flag"),
    path("moderatie/", views.moderation, name="moderation"),
    path("moderatie/bericht/<int:pk>/", views.moderate_post, name="moderate_post"),
    path("moderatie/gesprek/<int:pk>/", views.moderate_thread, name="moderate_thread"),
    path("moderatie/bericht/<int:pk>/lid/", views.moderate_member, name="moderate_member"),
    path("moderatie/lid/<int:pk>/opheffen/", views.lift_suspension, name="lift_suspension"),
]
