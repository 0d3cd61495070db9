# out/: jb-report writes the HTML report run from the benchmark.
REPORT_SOURCES := out/report.c out/map_svg.c out/format.c out/html.c out/funnel_svg.c \
	out/table_html.c out/index_page.c out/region_page.c out/summary.c out/run_dir.c out/write_run.c \
	out/stats_extra.c out/trend_svg.c out/sections.c out/xlsx_export.c \
	out/changes.c out/previous_run.c out/mix_load.c out/mix_html.c out/mix_overview.c out/mix_region.c out/targets_load.c \
	out/targets_html.c
LIB_JANSSON := -ljansson
LIB_XLSXWRITER := -lxlsxwriter
REPORT_LIBS = $(LIB_CSV) $(LIB_INIH) $(LIB_JANSSON) $(LIB_XLSXWRITER)

$(eval $(call jb_program,jb-report,out/main.c $(REPORT_SOURCES),$(REPORT_LIBS)))
$(eval $(call jb_unit_test,test-out,tests/out/test_out.c $(REPORT_SOURCES),$(REPORT_LIBS)))
CLI_TESTS += tests/out/cli.sh tests/out/browser.sh
