# The people of each role (scoped to Kota Bandar Lampung) and the intake data under them, shared with the cases tests.
# Neither fixture is autouse, so the pipeline's unit tests in this folder are unaffected.
from cases.tests.conftest import people  # noqa: F401
from reports.tests.conftest import intake  # noqa: F401
