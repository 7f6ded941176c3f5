"""Set everything up, then serve the site with live reload at http://127.0.0.1:8000.

Usage: python3 scripts/serve.py [extra `mkdocs serve` options, e.g. -a 127.0.0.1:8001]

An address already in use stops it at once with one line naming another address to use,
before any setup and instead of mkdocs' traceback.

Its options are `mkdocs serve`'s: `.venv/bin/python -m mkdocs serve --help` lists them.
"""

import argparse
import errno
import socket
import sys

from site_tools import dev_env

DEFAULT_ADDRESS = "127.0.0.1:8000"


def requested_address(args: list[str]) -> tuple[str, int]:
    """The host and port `mkdocs serve` would listen on with these options (the last -a wins)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("-a", "--dev-addr", default=DEFAULT_ADDRESS)
    address = parser.parse_known_args(args)[0].dev_addr
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise dev_env.SetupError(f"--dev-addr {address!r} is not HOST:PORT: use e.g. -a {DEFAULT_ADDRESS}")
    return host.strip("[]"), int(port)


def check_address_free(host: str, port: int) -> None:
    """Fail with one line if nothing could listen on host:port (bound as the live-reload server binds)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            why = "is in use (another `serve.py`?)" if error.errno == errno.EADDRINUSE else f"cannot be used ({error.strerror})"
            raise dev_env.SetupError(f"{host}:{port} {why}: stop what uses it, or serve on another port: "
                                     f"python3 scripts/serve.py -a {host}:{port + 1}") from None


def main() -> None:
    check_address_free(*requested_address(sys.argv[1:]))
    python = dev_env.prepare(with_browser=False)
    dev_env.exec_in_env(python, ["-m", "mkdocs", "serve", "--strict", "-a", DEFAULT_ADDRESS, *sys.argv[1:]])


if __name__ == "__main__":
    dev_env.answer_help(__doc__)
    dev_env.main_guard(main)
