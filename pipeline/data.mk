.PHONY: benchmark
benchmark:
