"""The personnel papers of the model package: the order on the payment to mentors and the
supplementary agreement to a mentor's employment contract (seed 004 §1.6.4, 000 §3.4; ТК РФ
ст. 60.2, 72, 151), the orders replacing a mentor and ending mentoring early, issued from the
participants' requests (seed 000 §5.1.1, §5.2.1; 001 §4.4.3), and the order rewarding mentors
(seed 004 §5, 000 §3.4, 003 §4.8).

The request orders are offered on the page of a decided request: :func:`request_papers` is
registered with ``mentoring.services.requests`` by ``documents.apps`` (mentoring imports no
document code).
"""

from nastavnik.documents.specs.personnel.agreement import MentorPaymentAgreementSpec
from nastavnik.documents.specs.personnel.awards import (
    AWARDS,
    OrderAwardForm,
    OrderMentorAwardSpec,
    award_kinds,
)
from nastavnik.documents.specs.personnel.pay import (
    OrderMentorPaymentSpec,
    OrderPaymentForm,
    amount_text,
    parse_amount,
)
from nastavnik.documents.specs.personnel.requests import (
    OrderMentoringEndSpec,
    OrderMentorReplacementSpec,
    request_papers,
)

__all__ = [
    "AWARDS",
    "MentorPaymentAgreementSpec",
    "OrderAwardForm",
    "OrderMentorAwardSpec",
    "OrderMentorPaymentSpec",
    "OrderMentorReplacementSpec",
    "OrderMentoringEndSpec",
    "OrderPaymentForm",
    "amount_text",
    "award_kinds",
    "parse_amount",
    "request_papers",
]
