/*
 * flamegraph.c — the SVG flame graph and its inline script
 * (flamegraph.h).
 */
#include "flamegraph.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "../core/utf8.h"

/* Geometry, in pixels, close to flamegraph.pl's defaults so the graphs
 * read alike. */
#define IMAGE_W  1200.0
#define PAD_X    10.0
#define FRAME_H  16.0
#define HEAD_H   56.0
#define FOOT_H   28.0
#define FONT_PX  12
#define CHAR_W   7.0 /* average glyph width at FONT_PX, for labels */
#define MIN_W_PX 0.1 /* narrower frames are left out */

/* A frame of the merged call tree. */
typedef struct node {
  char *name;
  uint64_t after;  /* samples of the drawn profile through this frame */
  uint64_t before; /* samples of the earlier profile, when comparing */
  struct node **kids;
  size_t n, cap;
} node;

static void node_free(node *n) {
  if (n == NULL) return;
  for (size_t i = 0; i < n->n; i++)
    node_free(n->kids[i]);
  free(n->kids);
  free(n->name);
  free(n);
}

static node *node_new(const char *name, size_t len) {
  node *n = calloc(1, sizeof(*n));
  if (n == NULL) return NULL;
  n->name = strndup(name, len);
  if (n->name == NULL) {
    free(n);
    return NULL;
  }
  return n;
}

static node *node_child(node *parent, const char *name, size_t len) {
  for (size_t i = 0; i < parent->n; i++)
    if (strlen(parent->kids[i]->name) == len &&
        memcmp(parent->kids[i]->name, name, len) == 0)
      return parent->kids[i];
  if (parent->n == parent->cap) {
    size_t cap = parent->cap == 0 ? 4 : parent->cap * 2;
    node **grown = realloc(parent->kids, cap * sizeof(*grown));
    if (grown == NULL) return NULL;
    parent->kids = grown;
    parent->cap = cap;
  }
  node *kid = node_new(name, len);
  if (kid != NULL) parent->kids[parent->n++] = kid;
  return kid;
}

/* Adds every stack of `f` to the tree under `root`, into `after` or
 * `before`. */
static int tree_add(node *root, const ys_folded *f, bool before) {
  for (size_t i = 0; i < f->n; i++) {
    uint64_t c = f->stacks[i].count;
    node *at = root;
    if (before)
      at->before += c;
    else
      at->after += c;
    for (const char *p = f->stacks[i].frames; *p;) {
      size_t len = strcspn(p, ";");
      at = node_child(at, p, len);
      if (at == NULL) return YS_ENOMEM;
      if (before)
        at->before += c;
      else
        at->after += c;
      p += len;
      if (*p == ';') p++;
    }
  }
  return 0;
}

static int by_name(const void *a, const void *b) {
  return strcmp((*(node *const *)a)->name, (*(node *const *)b)->name);
}

/* Alphabetical order of siblings, as flamegraph.pl draws them: the x
 * position means nothing but makes two graphs comparable by eye. */
static size_t tree_sort(node *n) {
  size_t depth = 0;
  /* A leaf has no array to sort (qsort's pointer must not be NULL). */
  if (n->n > 1) qsort(n->kids, n->n, sizeof(*n->kids), by_name);
  for (size_t i = 0; i < n->n; i++) {
    size_t d = tree_sort(n->kids[i]) + 1;
    if (d > depth) depth = d;
  }
  return depth;
}

/* Writes `s` escaped for XML text and attributes; invalid UTF-8 and
 * control characters become '?', which XML 1.0 cannot carry otherwise. */
static void put_escaped(FILE *out, const char *s, size_t max_chars) {
  const unsigned char *p = (const unsigned char *)s;
  size_t n = strlen(s), chars = 0;
  for (size_t i = 0; i < n && chars < max_chars; chars++) {
    size_t len = ys_utf8_char_len(p + i, n - i);
    unsigned char c = p[i];
    if (len == 0 || (len == 1 && c < 0x20)) {
      fputc('?', out);
      i += len == 0 ? 1 : len;
      continue;
    }
    if (c == '&')
      fputs("&amp;", out);
    else if (c == '<')
      fputs("&lt;", out);
    else if (c == '>')
      fputs("&gt;", out);
    else if (c == '"')
      fputs("&quot;", out);
    else if (c == '\'')
      fputs("&apos;", out);
    else
      fwrite(p + i, 1, len, out);
    i += len;
  }
}

/* Number of characters of a label that fit `w` pixels (flamegraph.pl
 * draws none below three). */
static size_t label_chars(double w) {
  double c = (w - 6) / CHAR_W;
  return c < 3 ? 0 : (size_t)c;
}

static uint32_t hash_name(const char *s) {
  uint32_t h = 2166136261u;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

/* The "hot" palette of flamegraph.pl, from the name so that one function
 * keeps its colour in every graph; grey for samples outside the
 * benchmark. */
static void plain_colour(const char *name, char *buf, size_t len) {
  if (name[0] == '[' && strncmp(name, "[outside", 8) == 0) {
    snprintf(buf, len, "rgb(160,160,160)");
    return;
  }
  uint32_t h = hash_name(name);
  unsigned r = 205 + (h & 0xff) * 50 / 255;
  unsigned g = ((h >> 8) & 0xff) * 230 / 255;
  unsigned b = ((h >> 16) & 0xff) * 55 / 255;
  snprintf(buf, len, "rgb(%u,%u,%u)", r, g, b);
}

/* What the counts of the graph count. */
static const char *unit_of(const ys_flame_options *o) {
  return o->unit != NULL ? o->unit : "samples";
}

/* Drawing state shared by the recursion. */
typedef struct canvas {
  FILE *out;
  uint64_t total;        /* the drawn profile's samples */
  uint64_t before_total; /* the earlier profile's, when comparing */
  const char *unit;      /* what the counts count */
  bool diff;
  double max_delta; /* largest |change| in percentage points */
  double bottom;    /* y of the bottom of the root frame */
} canvas;

static double share_delta(const canvas *c, const node *n) {
  double after = 100.0 * (double)n->after / (double)c->total;
  double before =
      c->before_total ? 100.0 * (double)n->before / (double)c->before_total : 0;
  return after - before;
}

static void find_max_delta(canvas *c, const node *n) {
  double d = share_delta(c, n);
  if (d < 0) d = -d;
  if (d > c->max_delta) c->max_delta = d;
  for (size_t i = 0; i < n->n; i++)
    find_max_delta(c, n->kids[i]);
}

/* Red for growth, blue for shrinkage, white for none, as difffolded
 * output is drawn. */
static void diff_colour(const canvas *c, const node *n, char *buf, size_t len) {
  double d = share_delta(c, n);
  double k = c->max_delta > 0 ? (d < 0 ? -d : d) / c->max_delta : 0;
  unsigned fade = (unsigned)(255 - 190 * k);
  if (d > 0)
    snprintf(buf, len, "rgb(255,%u,%u)", fade, fade);
  else
    snprintf(buf, len, "rgb(%u,%u,255)", fade, fade);
}

static void draw(canvas *c, const node *n, uint64_t start, size_t depth) {
  double scale = (IMAGE_W - 2 * PAD_X) / (double)c->total;
  double w = (double)n->after * scale;
  if (w < MIN_W_PX) return;
  double x = PAD_X + (double)start * scale;
  double y = c->bottom - (double)(depth + 1) * FRAME_H;
  char fill[32];
  if (c->diff)
    diff_colour(c, n, fill, sizeof(fill));
  else
    plain_colour(n->name, fill, sizeof(fill));
  FILE *out = c->out;
  fprintf(out,
          "<g class=\"f\" data-s=\"%llu\" data-n=\"%llu\" data-d=\"%zu\" "
          "data-name=\"",
          (unsigned long long)start, (unsigned long long)n->after, depth);
  put_escaped(out, n->name, SIZE_MAX);
  fputs("\"><title>", out);
  put_escaped(out, n->name, SIZE_MAX);
  double pct = 100.0 * (double)n->after / (double)c->total;
  fprintf(out, " (%llu %s, %.2f%%", (unsigned long long)n->after, c->unit, pct);
  if (c->diff)
    fprintf(out, "; before %.2f%%, %+.2f points",
            c->before_total
                ? 100.0 * (double)n->before / (double)c->before_total
                : 0.0,
            share_delta(c, n));
  fputs(")</title>", out);
  fprintf(out,
          "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%.1f\" "
          "fill=\"%s\" rx=\"2\"/><text x=\"%.2f\" y=\"%.1f\">",
          x, y, w, FRAME_H - 1, fill, x + 3, y + FRAME_H - 4.5);
  size_t fit = label_chars(w);
  size_t len = strlen(n->name);
  if (fit > 0 && len <= fit) {
    put_escaped(out, n->name, SIZE_MAX);
  } else if (fit > 2) {
    put_escaped(out, n->name, fit - 2);
    fputs("..", out);
  }
  fputs("</text></g>\n", out);
  uint64_t at = start;
  for (size_t i = 0; i < n->n; i++) {
    draw(c, n->kids[i], at, depth + 1);
    at += n->kids[i]->after;
  }
}

/* Click to zoom, hover for details, "Search" with a regular expression,
 * Ctrl-F for search and Escape to reset. Plain ES5, no external files. */
static const char script[] =
    "var W="
    "1180"
    ",PAD=10,frames=[],total=0;\n"
    "function num(g,k){return +g.getAttribute('data-'+k);}\n"
    "function byId(i){return document.getElementById(i);}\n"
    "function fit(g,w){var t=g.querySelector('text'),name=g.getAttribute("
    "'data-name'),c=Math.floor((w-6)/7);\n"
    " t.textContent=c<3?'':(name.length<=c?name:name.slice(0,c-2)+'..');}\n"
    "function place(g,x,w){var r=g.querySelector('rect');r.setAttribute('x',"
    "x);r.setAttribute('width',w);\n"
    " g.querySelector('text').setAttribute('x',x+3);fit(g,w);}\n"
    "function zoom(z){var s0=z?num(z,'s'):0,n0=z?num(z,'n'):total,d0=z?num(z,"
    "'d'):0;\n"
    " frames.forEach(function(g){var s=num(g,'s'),n=num(g,'n'),d=num(g,'d');"
    "\n"
    "  if(d>=d0&&s>=s0&&s+n<=s0+n0){g.style.display='';g.style.opacity='';"
    "place(g,PAD+(s-s0)/n0*W,n/n0*W);}\n"
    "  else if(d<d0&&s<=s0&&s+n>=s0+n0){g.style.display='';g.style.opacity="
    "'0.5';place(g,PAD,W);}\n"
    "  else g.style.display='none';});\n"
    " byId('reset').style.display=z?'':'none';}\n"
    "function search(){var term=window.prompt('Search frames (regular "
    "expression):','');\n"
    " if(term===null)return;var re;try{re=new RegExp(term);}catch(e){"
    "window.alert('Not a regular expression: '+e.message);return;}\n"
    " var iv=[];frames.forEach(function(g){var r=g.querySelector('rect');\n"
    "  if(!r.hasAttribute('data-fill'))r.setAttribute('data-fill',"
    "r.getAttribute('fill'));\n"
    "  if(term!==''&&re.test(g.getAttribute('data-name'))){r.setAttribute("
    "'fill','rgb(230,0,230)');iv.push([num(g,'s'),num(g,'s')+num(g,'n')]);}"
    "\n"
    "  else r.setAttribute('fill',r.getAttribute('data-fill'));});\n"
    " iv.sort(function(a,b){return a[0]-b[0];});var sum=0,end=-1;\n"
    " iv.forEach(function(v){if(v[0]>=end){sum+=v[1]-v[0];end=v[1];}else if("
    "v[1]>end){sum+=v[1]-end;end=v[1];}});\n"
    " byId('matched').textContent=term===''?'':'Matched: '+(100*sum/total)."
    "toFixed(1)+'%';}\n"
    "(function(){frames=[].slice.call(document.querySelectorAll('g.f'));\n"
    " frames.forEach(function(g){if(num(g,'d')===0)total=num(g,'n');\n"
    "  g.addEventListener('click',function(){zoom(g);});\n"
    "  g.addEventListener('mouseover',function(){byId('details')."
    "textContent=g.querySelector('title').textContent;});\n"
    "  g.addEventListener('mouseout',function(){byId('details').textContent="
    "' ';});});\n"
    " byId('reset').addEventListener('click',function(){zoom(null);});\n"
    " byId('search').addEventListener('click',search);\n"
    " window.addEventListener('keydown',function(e){if((e.ctrlKey||e.metaKey)"
    "&&e.key==='f'){e.preventDefault();search();}\n"
    "  else if(e.key==='Escape')zoom(null);});})();\n";

static void write_head(FILE *out, double height, const ys_flame_options *o,
                       uint64_t total) {
  fprintf(out,
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
          "<svg version=\"1.1\" xmlns=\"http://www.w3.org/2000/svg\" "
          "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\">\n",
          IMAGE_W, height, IMAGE_W, height);
  fprintf(out,
          "<style>text{font-family:Verdana,sans-serif;font-size:%dpx;"
          "fill:#000}g.f{cursor:pointer}g.f:hover rect{stroke:#000;"
          "stroke-width:0.5}.btn{cursor:pointer;fill:#0645ad}"
          "#title{font-size:17px}</style>\n",
          FONT_PX);
  fprintf(out,
          "<defs><linearGradient id=\"bg\" x1=\"0\" y1=\"0\" x2=\"0\" "
          "y2=\"1\"><stop offset=\"5%%\" stop-color=\"#eeeeee\"/><stop "
          "offset=\"95%%\" stop-color=\"#eeeeb0\"/></linearGradient></defs>\n"
          "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" "
          "fill=\"url(#bg)\"/>\n",
          IMAGE_W, height);
  fprintf(out,
          "<text id=\"title\" x=\"%.0f\" y=\"24\" "
          "text-anchor=\"middle\">",
          IMAGE_W / 2);
  put_escaped(out, o->title != NULL ? o->title : "Flame graph", SIZE_MAX);
  fputs("</text>\n", out);
  fprintf(out, "<text x=\"%.0f\" y=\"42\" text-anchor=\"middle\">",
          IMAGE_W / 2);
  if (o->subtitle != NULL) put_escaped(out, o->subtitle, SIZE_MAX);
  fprintf(out, "%s%llu %s</text>\n", o->subtitle != NULL ? " \xc2\xb7 " : "",
          (unsigned long long)total, unit_of(o));
  fprintf(out,
          "<text id=\"reset\" class=\"btn\" x=\"%.0f\" y=\"24\" "
          "style=\"display:none\">Reset zoom</text>\n"
          "<text id=\"search\" class=\"btn\" x=\"%.0f\" y=\"24\" "
          "text-anchor=\"end\">Search</text>\n"
          "<text id=\"matched\" x=\"%.0f\" y=\"%.0f\" "
          "text-anchor=\"end\"> </text>\n"
          "<text id=\"details\" x=\"%.0f\" y=\"%.0f\"> </text>\n",
          PAD_X, IMAGE_W - PAD_X, IMAGE_W - PAD_X, height - 10, PAD_X,
          height - 10);
}

int ys_flamegraph_write(const ys_folded *after, const ys_flame_options *o,
                        FILE *out) {
  node *root = node_new("all", 3);
  if (root == NULL) return YS_ENOMEM;
  int rc = tree_add(root, after, false);
  if (rc == 0 && o->before != NULL) rc = tree_add(root, o->before, true);
  if (rc != 0) {
    node_free(root);
    return rc;
  }
  size_t depth = tree_sort(root);
  double height = HEAD_H + (double)(depth + 1) * FRAME_H + FOOT_H;
  canvas c = {.out = out,
              .unit = unit_of(o),
              .total = root->after,
              .before_total = root->before,
              .diff = o->before != NULL,
              .bottom = height - FOOT_H};
  write_head(out, height, o, root->after);
  fputs("<g id=\"frames\">\n", out);
  if (c.total > 0) {
    if (c.diff) find_max_delta(&c, root);
    draw(&c, root, 0, 0);
  }
  fputs("</g>\n<script type=\"text/ecmascript\"><![CDATA[\n", out);
  fputs(script, out);
  fputs("]]></script>\n</svg>\n", out);
  node_free(root);
  return ferror(out) ? YS_EIO : 0;
}
