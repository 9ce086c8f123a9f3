"""`python -m bench` (with scripts/ on the path): the whole benchmark run."""

from bench.run import main

main()
