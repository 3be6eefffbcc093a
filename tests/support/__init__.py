"""What the tests share, and the benchmarks too: the bundled knowledge base, loaded once;
synthetic knowledge bases and simulated respondents; personas; answers as files and as
typed replies; the one way to start careerfit as a process; and the run's figures.
"""
