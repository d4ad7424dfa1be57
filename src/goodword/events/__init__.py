"""Events you go to and who you met there."""
