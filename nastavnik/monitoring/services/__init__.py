"""Services of monitoring: every write goes through them (CONTRIBUTING: a service acting for a
user takes ``by`` and checks the right itself)."""
