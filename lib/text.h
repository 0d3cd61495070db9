/* Small text helpers for CBS codes and keys. */
#ifndef JB_TEXT_H
#define JB_TEXT_H

#include <stddef.h>

/* Trims spaces, tabs and line ends from both ends in place; returns text. */
char *jb_trim(char *text);
/* Length of the measure stem: "JongerenMetJeugdhulp_2" -> length of "JongerenMetJeugdhulp". */
size_t jb_measure_stem_len(const char *key);
/* 1 when key's stem equals stem (or key equals stem). */
int jb_measure_matches(const char *key, const char *stem);
/* Region type of a trimmed code: "GM", "NL", "PV", "LD", "WK", "BU" or "other". */
const char *jb_region_type(const char *code);
/* 1 when text has prefix. */
int jb_starts_with(const char *text, const char *prefix);

#endif
