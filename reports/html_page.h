/*
 * html_page.h — the frame every HTML page of the program shares: the
 * head with its one stylesheet (every chart class's colours), and the
 * closing with the table-sorting script, so that the run's report and the
 * history page (history_chart.h) look alike and both stay self-contained:
 * no address outside the page, well-formed XML.
 */
#ifndef YS_HTML_PAGE_H
#define YS_HTML_PAGE_H

#include <stdio.h>

/* Writes the doctype, the head (charset, viewport, `title` escaped, the
 * inline stylesheet) and opens <body>. Writes go to `out` unchecked: the
 * caller checks the stream once at its end (ys_report_finish). */
void ys_html_page_open(FILE *out, const char *title);

/* Writes the sorting script for tables of class "sortable" and closes
 * <body> and <html>. */
void ys_html_page_close(FILE *out);

#endif
