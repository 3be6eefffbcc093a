"""Let ``python -m careerfit`` behave exactly like the ``careerfit`` script."""

from careerfit.cli import main

main()
