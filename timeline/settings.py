"""Which events file to show: ``-- --data PATH``, else ``TIMELINE_DATA``, else the default."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

DEFAULT_DATA = Path("data/events.json")
ENV_VAR = "TIMELINE_DATA"


def data_path(argv: Sequence[str], env: Mapping[str, str]) -> Path:
    """The dataset path from script arguments (``streamlit run app.py -- --data X``) or env.

    Read by hand rather than with argparse: the app asks on every rerun.
    """
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--data" and i + 1 < len(args) and args[i + 1]:
            return Path(args[i + 1])
        if arg.startswith("--data=") and len(arg) > len("--data="):
            return Path(arg.removeprefix("--data="))
    if env.get(ENV_VAR):
        return Path(env[ENV_VAR])
    return DEFAULT_DATA


UPLOAD_ENV_VAR = "TIMELINE_MAX_UPLOAD_MB"
DEFAULT_MAX_UPLOAD_MB = 5.0


def max_upload_bytes(env: Mapping[str, str]) -> int:
    """The upload size cap: ``TIMELINE_MAX_UPLOAD_MB`` megabytes (default 5), ignored if invalid."""
    try:
        megabytes = float(env.get(UPLOAD_ENV_VAR, DEFAULT_MAX_UPLOAD_MB))
    except ValueError:
        megabytes = DEFAULT_MAX_UPLOAD_MB
    if not 0 < megabytes <= 1024:
        megabytes = DEFAULT_MAX_UPLOAD_MB
    return int(megabytes * 1024 * 1024)


PUBLIC_URL_VAR = "TIMELINE_PUBLIC_URL"


def public_url(env: Mapping[str, str], secrets: Mapping[str, object] | None = None) -> str | None:
    """The public base URL that share links and embed snippets use, if one is set.

    ``TIMELINE_PUBLIC_URL`` as a root key of ``.streamlit/secrets.toml`` (Community
    Cloud's Secrets box), else as an environment variable; None when unset or blank.
    Checked where it is used (:func:`timeline.sharing.public_base`).
    """
    for source in (secrets or {}, env):
        value = source.get(PUBLIC_URL_VAR)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
