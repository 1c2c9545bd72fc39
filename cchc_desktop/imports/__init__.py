"""Imports that change the data file: last period's file, and subordinate units' files.

Each import is two steps: `prepare_*` reads and checks the files and returns a preview
that changes nothing; `apply_*` writes the previewed changes in one transaction.
"""
