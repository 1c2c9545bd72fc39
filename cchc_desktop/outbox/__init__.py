"""Sending packages by mail: the account, the message of a revision, SMTP, and the outbox's runs.

The outbox itself (what is queued, its state) is in the data file (storage/outbox.py); this
package builds what goes in it and sends it. Nothing here knows a window: the command line
(`cchc-desktop outbox`, `send`) and the window call the same functions.
"""
