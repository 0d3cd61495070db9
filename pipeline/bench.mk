# make bench: speed and memory, each bench/*.sh writing bench/results/<name>.md,
# gathered into bench/RESULTS.md.  Not part of make check.
BENCH_SCRIPTS := $(sort $(wildcard bench/*.sh))
.PHONY: bench
bench: programs $(TEST_PROGRAMS) $(DEV_DEPS_STAMP)
	@mkdir -p bench/results
	@for script in $(BENCH_SCRIPTS); do \
		echo "bench: $$script"; \
		BIN=$(BIN) sh $$script || exit 1; \
	done
	@{ echo "# Benchmark results"; echo; \
	   echo "Made by \`make bench\` on $$(nproc) cores ($$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1))."; \
	   echo "Each section names the command that produced it."; \
	   for part in bench/results/*.md; do echo; cat "$$part"; done; } >bench/RESULTS.md.tmp
	@mv bench/RESULTS.md.tmp bench/RESULTS.md
	@echo "bench: bench/RESULTS.md"
