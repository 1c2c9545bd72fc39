"""Errors the user can act on, each carrying a sentence in the user's language."""

from __future__ import annotations


class KnownError(Exception):
    """A failure with a known cause (bad file, bad value, full disk) and a message for the clerk."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TemplateError(KnownError):
    """A template file that cannot be used."""


class ReportError(KnownError):
    """A report whose content breaks the template or the exchange format."""


class CriteriaError(KnownError):
    """A PAR-index criteria file (or an answer to it) that cannot be used."""
