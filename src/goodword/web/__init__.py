"""The web app: pages and a JSON API over the same queries and services as the CLI."""
