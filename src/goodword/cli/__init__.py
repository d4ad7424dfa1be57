"""The command line: parse, call one service or query, render."""
