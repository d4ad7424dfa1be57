"""Who refers you: relationship strength, prospect fit and advocate scores, explained."""
