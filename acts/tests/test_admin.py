import pytest

from accounts.tests.factories import UserFactory, verified_client
from core.models import AuditEntry

pytestmark = pytest.mark.integration


@pytest.fixture
def admin_client(db):
    return verified_client(UserFactory(is_superuser=True, is_staff=True, role="admin"))


@pytest.mark.django_db
def test_changelist_searches_acts(catalogue, admin_client):
    response = admin_client.get("/admin/acts/act/", {"q": "like"})

    assert [str(act) for act in response.context["cl"].result_list] == [
        "ETK-04 — Menyukai, mengomentari, membagikan, atau mengikuti akun/grup pemenangan bakal calon",
        "DSP-06 — Menyukai, mengomentari, membagikan, atau mengikuti akun/grup pemenangan calon",
    ]


@pytest.mark.django_db
def test_admin_edit_leaves_an_audit_row(catalogue, admin_client):
    page = admin_client.get("/admin/acts/act/DSP-06/change/")
    data = {key: value for key, value in page.context["adminform"].form.initial.items() if value is not None}
    data.update(public_title="Memberi tanda suka pada akun pemenangan calon", examples='["Contoh"]')

    response = admin_client.post("/admin/acts/act/DSP-06/change/", data)

    assert response.status_code == 302
    assert list(AuditEntry.objects.filter(action="acts.act.change").values_list("target_id", "changes")) == [
        ("DSP-06", {"fields": ["examples", "public_title"]})
    ]
