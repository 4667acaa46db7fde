"""Bring your own data: ACLED, UCDP GED, GTD and plain spreadsheets into the schema.

``read_table`` turns a file's bytes into text cells, ``detect_format`` names the
source from the header, one module per source maps its columns and precision codes
(``acled``, ``ucdp``, ``gtd``, ``plain``), and ``import_table`` validates, geocodes
the rows that lack coordinates and flags likely duplicates.  Every input row ends in
the result or in the rejected rows, with its reasons.
"""
