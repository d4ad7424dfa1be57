"""Nurture and give first: the daily agenda, tiers, the ladder, introductions, the brief."""
