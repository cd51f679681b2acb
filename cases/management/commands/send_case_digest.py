from django.core.management.base import BaseCommand
from django.utils import timezone

from cases.digest import send_daily_digest


class Command(BaseCommand):
    help = "Mengirim ringkasan harian kasus yang mendekati/melewati batas waktu dan keputusan PPK yang terlambat."

    def handle(self, *args, **options):
        sent = send_daily_digest(today=timezone.localdate())
        self.stdout.write(f"{sent} surel ringkasan terkirim.")
