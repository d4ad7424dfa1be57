"""Meetings, calls, e-mails and other touches, each with everyone who took part."""
