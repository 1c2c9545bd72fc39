"""CCHC Desktop: periodic administrative-reform reports for Vietnamese local government."""

__version__ = "0.1.0"
