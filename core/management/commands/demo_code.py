from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.services import current_totp_code


class Command(BaseCommand):
    help = "Mencetak kode dua langkah (TOTP) yang berlaku sekarang untuk akun demo."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        # Only demo accounts: for real accounts this would defeat the second factor.
        device = TOTPDevice.objects.filter(user__username=username, user__is_demo=True, confirmed=True).first()
        if device is None:
            raise CommandError(f"'{username}' bukan akun demo dengan autentikator.")
        self.stdout.write(current_totp_code(device))
