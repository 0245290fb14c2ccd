"""``fmt``: record files in one canonical form (being written)."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true")
    parser.add_argument("paths", nargs="*")


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError
