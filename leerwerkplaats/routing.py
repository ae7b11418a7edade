"""Every WebSocket route of the platform. The apps add theirs here as they arrive."""

from django.urls import path

from . import live

websocket_urlpatterns = [
    path("ws/ping/", live.PingConsumer.as_asgi()),
]
