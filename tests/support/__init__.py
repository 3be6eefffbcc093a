"""Builders used only by tests and benchmarks: synthetic knowledge bases, simulated respondents."""
