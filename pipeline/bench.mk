# make bench: speed and memory, each bench/*.sh writing bench/results/<name>.md,
# gathered into bench/RESULTS.md (make bench-results gathers without running).
# Not part of make check.
BENCH_SCRIPTS := $(sort $(wildcard bench/*.sh))
.PHONY: bench bench-results
bench: programs $(TEST_PROGRAMS) $(DEV_DEPS_STAMP)
	@mkdir -p bench/results
	@for script in $(BENCH_SCRIPTS); do \
		echo "bench: $$script"; \
		BIN=$(BIN) sh $$script || exit 1; \
	done
	+@$(MAKE) --no-print-directory bench-results

bench-results:
	@{ echo "# Benchmark results"; echo; \
	   echo "Gathered from bench/results/ by \`make bench\` (which runs bench/*.sh first)."; \
	   echo "Each section names the command, the machine and the time it was made."; \
	   for part in bench/results/*.md; do echo; cat "$$part"; done; } >bench/RESULTS.md.tmp
	@mv bench/RESULTS.md.tmp bench/RESULTS.md
	@echo "bench: bench/RESULTS.md"
