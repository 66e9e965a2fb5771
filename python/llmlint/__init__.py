"""llmlint: find direct LLM API calls outside a usage-tracking context.

This package only finds the native ``llmlint`` binary that the wheel installs into the environment's scripts
directory (``bin/`` of a virtualenv), so that ``python -m llmlint`` works as well as ``llmlint``.
"""

import os
import sys
import sysconfig

__all__ = ["find_llmlint_bin"]


def _user_scheme() -> str:
    if hasattr(sysconfig, "get_preferred_scheme"):  # Python 3.10+
        return sysconfig.get_preferred_scheme("user")
    if os.name == "nt":
        return "nt_user"
    if sys.platform == "darwin" and sys._framework:  # type: ignore[attr-defined]
        return "osx_framework_user"
    return "posix_user"


def find_llmlint_bin() -> str:
    """The path of the llmlint binary installed with this package.

    Looked for in the scripts directory of the running interpreter's environment, then in the user scheme's
    (``pip install --user``), then in a ``bin/`` directory beside the package (``pip install --target``).
    """
    exe = "llmlint" + (sysconfig.get_config_var("EXE") or "")
    candidates = [os.path.join(sysconfig.get_path("scripts"), exe)]
    try:
        candidates.append(os.path.join(sysconfig.get_path("scripts", scheme=_user_scheme()), exe))
    except KeyError:
        pass
    candidates.append(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bin", exe))
    for path in candidates:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    raise FileNotFoundError("llmlint binary not found; looked in: " + ", ".join(candidates))
