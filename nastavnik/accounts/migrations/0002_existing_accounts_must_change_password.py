"""Before the accounts app nobody could set their own password: every account but the
superusers' (``createsuperuser``) got one somebody else chose — the «temporary» password of a role
assignment shown to the curator, or one typed in the admin. Those owners must set their own at
their next login. The demo accounts (their e-mails at ``demo.nastavnik.example``, the domain of
``demo.data.DEMO_USER_MAIL_DOMAIN``) keep their published password."""

from django.conf import settings
from django.db import migrations

DEMO_MAIL_DOMAIN = "@demo.nastavnik.example"


def flag(apps, schema_editor):
    app_label, model_name = settings.AUTH_USER_MODEL.split(".")
    User = apps.get_model(app_label, model_name)
    AccountStatus = apps.get_model("accounts", "AccountStatus")
    users = (
        User.objects.filter(is_superuser=False)
        .exclude(password="")
        .exclude(password__startswith="!")  # unusable: no password to change
        .exclude(email__iendswith=DEMO_MAIL_DOMAIN)
    )
    AccountStatus.objects.bulk_create(
        [AccountStatus(user_id=pk, must_change_password=True) for pk in users.values_list("pk", flat=True)],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(flag, migrations.RunPython.noop)]
