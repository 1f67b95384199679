#!/usr/bin/env python3
"""Load, validate, build the graph and export it as node-link JSON (for scripts and CI).

Usage: python build_graph.py [-o graph.json] [--root DIR]
Exits 1 and prints located problems when the knowledge base does not validate.
"""
import sys

from kb.cli import main

if __name__ == "__main__":
    args = sys.argv[1:]
    root = []
    if "--root" in args:
        i = args.index("--root")
        root, args = args[i:i + 2], args[:i] + args[i + 2:]
    sys.exit(main([*root, "export", "--format", "json", *args]))
