"""Workspace settings: cadences, daily limits and other knobs a user can change."""
