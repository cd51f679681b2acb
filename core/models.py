"""The audit log (every write leaves a row, in the same transaction) and jobs (long work with progress)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The audit log is append-only.")

    def delete(self):
        raise TypeError("The audit log is append-only.")


class AuditEntry(models.Model):
    """Who did what to which record, when; append-only.

    `actor_label` keeps the actor's name even if the account is later deleted; system work (CLI without a
    user, tasks) is recorded with actor=None and a label such as "sistem".
    """

    at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("pelaku"), max_length=150)
    action = models.CharField(_("tindakan"), max_length=64, db_index=True)
    target_type = models.CharField(_("jenis objek"), max_length=64, blank=True)
    target_id = models.CharField(_("id objek"), max_length=64, blank=True)
    summary = models.TextField(_("ringkasan"), blank=True)
    changes = models.JSONField(_("perubahan"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("catatan audit")
        verbose_name_plural = _("catatan audit")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The audit log is append-only.")


class JobState(models.TextChoices):
    QUEUED = "queued", _("Menunggu")
    RUNNING = "running", _("Berjalan")
    SUCCEEDED = "succeeded", _("Selesai")
    FAILED = "failed", _("Gagal")


class Job(models.Model):
    """A piece of long work a user started and waits for: what it is, how far it got, how it ended."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("jenis"), max_length=64)
    state = models.CharField(_("status"), max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    progress_done = models.PositiveIntegerField(_("baris diproses"), default=0)
    progress_total = models.PositiveIntegerField(_("jumlah baris"), null=True, blank=True)
    input_file = models.FileField(_("berkas masukan"), upload_to="jobs/input/", blank=True)
    input_name = models.CharField(_("nama berkas"), max_length=200, blank=True)
    parameters = models.JSONField(_("parameter"), default=dict, blank=True)
    summary = models.TextField(_("ringkasan"), blank=True)
    result = models.JSONField(_("hasil"), default=dict, blank=True)
    error_file = models.FileField(_("daftar galat"), upload_to="jobs/errors/", blank=True)

    class Meta:
        verbose_name = _("tugas latar")
        verbose_name_plural = _("tugas latar")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind} {self.input_name} ({self.get_state_display()})"

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.SUCCEEDED, JobState.FAILED)

    @property
    def percent(self) -> int | None:
        if not self.progress_total:
            return None
        return min(100, round(100 * self.progress_done / self.progress_total))


class RateLimitCounter(models.Model):
    """Hits of one client on one rate-limited action within one fixed time window (see `core.ratelimit`).

    `key` is a keyed hash of the action and the client address, never the address itself.
    """

    key = models.CharField(max_length=64)
    window_start = models.BigIntegerField()  # seconds since the epoch
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("penghitung batas permintaan")
        verbose_name_plural = _("penghitung batas permintaan")
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="unique_rate_limit_window")]
        indexes = [models.Index(fields=["window_start"])]

    def __str__(self):
        return f"{self.key[:12]}@{self.window_start}: {self.hits}"
