"""People, their handles, organisations, tags and notes."""
