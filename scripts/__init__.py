"""Commands a person runs on this project; see README.md for each one."""
