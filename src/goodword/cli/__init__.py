"""The command line: parse, call one service or query, render.

The modules that declare commands do without `from __future__ import annotations`: Typer
reads every command's parameters at each start, and string annotations would have it
compile and evaluate each of them (several hundred) every time.
"""
