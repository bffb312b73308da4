#!/usr/bin/env python
"""Django's manage.py; the `rightstrack` console command is the friendlier front door."""

from rightstrack.cli import main

if __name__ == "__main__":
    main(manage=True)
