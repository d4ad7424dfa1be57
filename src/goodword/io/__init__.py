"""Import and export: parse files into plain records, then write them in one transaction."""
