"""What you offer and who your ideal client is."""
