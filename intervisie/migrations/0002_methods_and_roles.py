"""The three methods as data (editable afterwards in the admin), the Facilitator
role, and the moderators' right to edit the methods in the Wagtail admin."""

from django.db import migrations

FREE = "free"
QUESTIONS = "questions_only"
SILENT = "inbrenger_silent"
BLIND = "blind_positions"
REVEAL = "reveal"

METHODS = [
    (
        "incidentmethode",
        "Incidentmethode",
        "De inbrenger vertelt een incident tot het moment van handelen; de groep vraagt, "
        "analyseert en schrijft ieder voor zich wat zij zouden doen.",
        [
            ("Introductie", "De inbrenger vertelt het incident tot het moment van handelen.", FREE, 10),
            ("Vragenronde", "Stel alleen feitelijke vragen; de inbrenger antwoordt.", QUESTIONS, 10),
            ("Analyse", "Wat is het kernprobleem? De inbrenger leest mee en schrijft niet.", SILENT, 10),
            ("Wat zou jij doen?", "Schrijf voor jezelf wat jij zou doen. Niemand ziet het tot de onthulling.", BLIND, 5),
            ("Onthulling", "De gespreksleider toont alle posities tegelijk.", REVEAL, 10),
            ("Wat deed de inbrenger?", "De inbrenger vertelt wat hij of zij deed.", FREE, 10),
            ("Evaluatie", "Wat neem je mee?", FREE, 5),
        ],
    ),
    (
        "moreel_beraad",
        "Moreel beraad (dilemmamethode)",
        "Een moreel dilemma stap voor stap wegen; de gespreksleider bewaakt de stappen.",
        [
            ("Dilemma", "Formuleer het dilemma: A of B, en welke schade doet elk?", FREE, 10),
            ("Feiten", "Welke feiten zijn bekend? Stel vragen.", QUESTIONS, 10),
            ("Betrokkenen en waarden", "Wie zijn betrokken en welke waarden spelen?", FREE, 10),
            ("Opties", "Welke mogelijkheden zijn er, met argumenten?", FREE, 10),
            ("Afweging", "Weeg eerst ieder voor zich: verborgen tot de onthulling.", BLIND, 10),
            ("Besluit", "De posities worden getoond; kom tot een conclusie en actie.", REVEAL, 10),
            ("Evaluatie", "Hoe ging het gesprek?", FREE, 5),
        ],
    ),
    (
        "korthagen",
        "Reflectiecirkel van Korthagen (kort)",
        "Een korte ronde langs de vijf fasen van de reflectiecirkel.",
        [
            ("Handelen", "Wat gebeurde er?", FREE, 5),
            ("Terugblikken", "Wat wilde, deed, dacht en voelde de inbrenger? Stel vragen.", QUESTIONS, 10),
            ("Bewustwording", "Wat is de kern? De inbrenger luistert.", SILENT, 10),
            ("Alternatieven", "Welke alternatieven zie je, en welke keuze?", FREE, 10),
            ("Uitproberen", "Wat gaat de inbrenger uitproberen?", FREE, 5),
        ],
    ),
]

METHOD_PERMISSIONS = [
    ("intervisie", model, f"{action}_{model}")
    for model in ("method", "phase")
    for action in ("add", "change", "delete", "view")
]


def seed_methods(Method, Phase):
    """Also run by tests and seed_demo after a flush (real models)."""
    for slug, name, description, phases in METHODS:
        method, created = Method.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        if not created:
            continue
        for order, (phase_name, instructions, rule, minutes) in enumerate(phases):
            Phase.objects.create(
                method=method,
                sort_order=order,
                name=phase_name,
                instructions=instructions,
                rule=rule,
                default_minutes=minutes,
            )


def seed(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    seed_methods(apps.get_model("intervisie", "Method"), apps.get_model("intervisie", "Phase"))

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.get_or_create(name="Facilitator")
    moderator, _created = Group.objects.get_or_create(name="Moderator")
    for app_label, model, codename in METHOD_PERMISSIONS:
        moderator.permissions.add(
            Permission.objects.get(
                content_type__app_label=app_label, content_type__model=model, codename=codename
            )
        )


def unseed(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Facilitator").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("intervisie", "0001_initial"),
        ("members", "0003_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
