"""Every WebSocket route of the platform. The apps add theirs here as they arrive."""

from django.urls import path, re_path

from forum.consumers import ThreadConsumer
from intervisie.consumers import SessionConsumer
from notifications.consumers import NotificationConsumer

from . import live

websocket_urlpatterns = [
    path("ws/ping/", live.PingConsumer.as_asgi()),
    path("ws/forum/threads/<int:pk>/", ThreadConsumer.as_asgi()),
    path("ws/notifications/", NotificationConsumer.as_asgi()),
    path("ws/intervisie/<int:pk>/", SessionConsumer.as_asgi()),
    # Last: any other address is refused, not a ValueError from the router.
    re_path(r"", live.NoRouteConsumer.as_asgi()),
]
