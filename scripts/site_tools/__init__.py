"""The modules that the commands in scripts/, the hooks in overrides/hooks/ and the tests share.

An installable package of this repository (pyproject.toml), installed into .venv by the set-up.

Nothing here is run by hand (scripts/ holds the commands); `env_health.py` also runs as a file,
standard library only, under the virtual environment's Python.
"""
