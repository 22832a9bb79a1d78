"""Best practices: the regional base of effective programs of mentoring (issue 19; seed 000 App. 2
§2.3, 003 §4.8). Models are written by the part's engineer."""
