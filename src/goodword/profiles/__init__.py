"""A person across every domain: their whole timeline, merging two records, forgetting one."""
