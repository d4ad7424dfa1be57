"""Tables, engines and migrations; everything above talks to the database through here."""
