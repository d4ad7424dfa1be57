"""Follow-ups: what to do for whom and when, once or on a cadence."""
