"""``python -m wcograph.cli``: the same commands as the ``wcograph`` script."""

import sys

from wcograph.cli import main

if __name__ == "__main__":
    sys.exit(main())
