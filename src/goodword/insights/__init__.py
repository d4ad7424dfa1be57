"""What networking brought: won business attributed to advocates, chains and events."""
