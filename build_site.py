#!/usr/bin/env python3
"""civic-record's command line: ``check``, ``build`` and ``serve``. See ``--help``."""

import sys

from civic_record.cli import main

if __name__ == "__main__":
    sys.exit(main())
