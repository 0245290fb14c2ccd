"""``new``: start a record (being written)."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind")
    parser.add_argument("id")


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError
