"""The four roles as Django groups, with their permissions."""

from django.db import migrations

ROLE_PERMISSIONS = {
    "Professional": [],
    "Ervaringsdeskundige": [],
    "Moderator": [
        ("wagtailadmin", "admin", "access_admin"),
        ("members", "auditevent", "view_auditevent"),
    ],
    "Coordinator": [
        ("wagtailadmin", "admin", "access_admin"),
        ("members", "auditevent", "view_auditevent"),
        ("members", "profile", "approve_member"),
        ("members", "profile", "view_profile"),
        ("members", "organisation", "add_organisation"),
        ("members", "organisation", "change_organisation"),
        ("members", "organisation", "view_organisation"),
    ],
}


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, permissions in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        for app_label, model, codename in permissions:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename=codename,
                )
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_organisation_organisationdomain_auditevent_profile"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
