"""``python -m llmlint ARGS``: runs the installed llmlint binary with the same arguments and exit status."""

import os
import subprocess
import sys

from llmlint import find_llmlint_bin


def main() -> None:
    binary = find_llmlint_bin()
    if sys.platform == "win32":
        sys.exit(subprocess.call([binary, *sys.argv[1:]]))
    os.execv(binary, [binary, *sys.argv[1:]])


if __name__ == "__main__":
    main()
