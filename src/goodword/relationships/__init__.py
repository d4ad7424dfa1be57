"""Who knows whom: ties between any two people, the owner included."""
