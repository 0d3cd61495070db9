# jeugdbench: one non-recursive Makefile; the data flow is in pipeline/data.mk.
#   make          install missing packages, build, run the benchmark offline
#   make check    every test, built with AddressSanitizer and UBSan
#   make refresh  the same pipeline against CBS (or CBS_BASE=http://host:port)
#   make bench    speed and memory, written to bench/RESULTS.md
.DELETE_ON_ERROR:
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules --no-builtin-variables
.DEFAULT_GOAL := all

include pipeline/build.mk
include pipeline/lib.mk
include pipeline/config.mk
include pipeline/fetch.mk
include pipeline/transform.mk
include pipeline/stats.mk
include pipeline/report.mk
include pipeline/synth.mk
include pipeline/fuzz.mk
include pipeline/data.mk
include pipeline/tests.mk
include pipeline/bench.mk

.PHONY: all programs clean distclean help
all: programs benchmark
	@echo "report: $(abspath $(REPORT))"

programs: $(PROGRAMS)

help:
	@sed -n '2,6s/^# *//p' Makefile

clean:
	rm -rf build bin

distclean: clean
	rm -rf data reports
