"""``python -m wcograph.cli``: the same commands as the ``wcograph`` script."""

from wcograph.cli import run

if __name__ == "__main__":
    run()
