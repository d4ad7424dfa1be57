"""Warm introductions: who you know who knows who you want to meet."""
