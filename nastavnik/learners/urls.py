"""Learners, their representatives, participants outside the staff (issue 20): ``/learners/``."""

app_name = "learners"

urlpatterns: list = [
    # filled by the learners part: list, detail, create, edit, leave, import, representatives,
    # non-staff participants, the bank entry of a learner
]
