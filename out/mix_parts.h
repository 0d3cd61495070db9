/*
 * What the mix sections of the overview (mix_overview.c) and of a
 * municipality's page (mix_region.c) share: notes, links, legends and
 * stacked bars.
 */
#ifndef JB_OUT_MIX_PARTS_H
#define JB_OUT_MIX_PARTS_H

#include <stdio.h>

#include "mix.h"

#define MIX_COLOURS 8   /* classes mix-0 .. mix-7, then again */
#define BAR_LEFT 240
#define BAR_RIGHT 14
#define BAR_WIDTH 720
#define BAR_ROW 24

/* The source line: CBS and its table, or the synthetic label. */
void jb_mix_source_note(FILE *fp, const struct jb_mix *mix);
/* Opens the meta paragraph with the period (* when provisional). */
void jb_mix_period_meta(FILE *fp, const struct jb_mix *mix);
/* A share as text in the mix's unit ("%" when none is configured). */
void jb_mix_share_text(char *buf, size_t size, double share, const struct jb_mix *mix);
/* A link to a municipality's page from root ("gemeente/" or ""), or just its name. */
void jb_mix_region_link(FILE *fp, const char *root, const char *code, const char *name);
/* The colour legend: one entry per category. */
void jb_mix_legend(FILE *fp, const struct jb_mix_unit *unit);
/* One bar of 100% split into the shares, with a label (linked when code is set). */
void jb_mix_stacked_bar(FILE *fp, const struct jb_mix *mix, const struct jb_mix_unit *categories,
			const double *shares, double y, const char *label, const char *code,
			const char *root);
/* The unit's share of each category, in order, into shares. */
void jb_mix_unit_shares(const struct jb_mix_unit *unit, double *shares);
/* A sortable table cell: the value in unit (or with decimals), a dash when missing. */
void jb_mix_number_cell(FILE *fp, double value, int decimals, const char *unit);

#endif
