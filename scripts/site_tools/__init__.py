"""The modules that the commands in scripts/, the hooks in overrides/hooks/ and the tests share.

Nothing here is run by hand (scripts/ holds the commands); `env_health.py` also runs as a file,
standard library only, under the virtual environment's Python.
"""
