"""The regional contest of municipal models of mentoring (issue 19; seed 000 §4.3.1, App. 2 §2.5).
Models are written by the part's engineer."""
