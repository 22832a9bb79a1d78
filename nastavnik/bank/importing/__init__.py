"""Import of the bank from XLSX and CSV."""
