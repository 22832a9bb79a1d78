"""Incentives of mentors: material payments, non-material measures and awards, nominations, and
the mentors' effectiveness criteria (issue 19; seed 000 §3.4, 001 §6, 004 §5). Models are written
by the part's engineer."""
