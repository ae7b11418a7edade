import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from leerwerkplaats.models import HelpPage, InformationPage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"lid{n}@example.org")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Lid{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class HelpPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HelpPage

    title = factory.Sequence(lambda n: f"Hulppagina {n}")
    slug = factory.Sequence(lambda n: f"hulppagina-{n}")
    intro = "Voor wie deze pagina is."
    last_checked = datetime.date(2026, 1, 15)
    body = factory.LazyFunction(
        lambda: [
            {
                "type": "contact",
                "value": {
                    "name": "Veilig Thuis Rotterdam-Rijnmond",
                    "description": "Voor advies.",
                    "phone": "0800-2000",
                    "hours": "24 uur per dag, 7 dagen per week",
                    "free": True,
                    "anonymous": True,
                    "link_url": "",
                    "link_text": "",
                },
            }
        ]
    )


class InformationPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InformationPage

    title = factory.Sequence(lambda n: f"Informatie {n}")
    slug = factory.Sequence(lambda n: f"informatie-{n}")
    body = "<p>Tekst.</p>"
