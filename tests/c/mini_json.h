/*
 * A small JSON reader for the C tests: reads a whole document into a tree,
 * keeping each value's span of the source text (so that a part of a corpus
 * case can be passed on to the library as it is written). Test code only:
 * it trusts its input to be the project's own files and the library's own
 * responses, and stops the test on anything else.
 */
#ifndef MINI_JSON_H
#define MINI_JSON_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { J_NULL, J_BOOL, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT } jtype;

typedef struct jvalue {
    jtype type;
    int boolean;
    double number;
    char *string;          /* J_STRING: decoded, NUL-terminated */
    size_t len;            /* J_ARRAY, J_OBJECT: number of elements */
    struct jvalue *items;  /* J_ARRAY, J_OBJECT: the elements */
    char **keys;           /* J_OBJECT: the keys, decoded */
    const char *start;     /* the value's text in the source */
    size_t span;           /* its length */
} jvalue;

typedef struct {
    const char *p;
    const char *end;
} jreader;

static void j_fail(const char *what) {
    fprintf(stderr, "mini_json: %s\n", what);
    exit(2);
}

static void j_space(jreader *r) {
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t')) {
        r->p++;
    }
}

static void *j_alloc(size_t n) {
    void *p = calloc(n ? n : 1, 1);
    if (!p) {
        j_fail("out of memory");
    }
    return p;
}

static void j_utf8(char **out, unsigned long cp) {
    char *o = *out;
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | (cp >> 6));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | (cp >> 12));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xF0 | (cp >> 18));
        *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    *out = o;
}

static unsigned long j_hex4(jreader *r) {
    unsigned long v = 0;
    int i;
    if (r->end - r->p < 4) {
        j_fail("short \\u escape");
    }
    for (i = 0; i < 4; i++) {
        char c = *r->p++;
        v <<= 4;
        if (c >= '0' && c <= '9') {
            v |= (unsigned long)(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            v |= (unsigned long)(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            v |= (unsigned long)(c - 'A' + 10);
        } else {
            j_fail("bad \\u escape");
        }
    }
    return v;
}

static char *j_string(jreader *r) {
    const char *s;
    char *out, *o;
    if (r->p >= r->end || *r->p != '"') {
        j_fail("expected a string");
    }
    s = ++r->p;
    while (r->p < r->end && *r->p != '"') {
        r->p += (*r->p == '\\') ? 2 : 1;
    }
    if (r->p >= r->end) {
        j_fail("unterminated string");
    }
    out = o = (char *)j_alloc((size_t)(r->p - s) + 1);
    r->p = s;
    while (*r->p != '"') {
        char c = *r->p++;
        if (c != '\\') {
            *o++ = c;
            continue;
        }
        c = *r->p++;
        switch (c) {
        case 'n': *o++ = '\n'; break;
        case 't': *o++ = '\t'; break;
        case 'r': *o++ = '\r'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'u': {
            unsigned long cp = j_hex4(r);
            if (cp >= 0xD800 && cp < 0xDC00 && r->end - r->p >= 6 && r->p[0] == '\\' &&
                r->p[1] == 'u') {
                unsigned long lo;
                r->p += 2;
                lo = j_hex4(r);
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            j_utf8(&o, cp);
            break;
        }
        default: *o++ = c; break;
        }
    }
    r->p++;
    *o = '\0';
    return out;
}

static void j_value(jreader *r, jvalue *v);

static void j_push(jvalue *v, size_t *cap) {
    if (v->len == *cap) {
        size_t n = *cap ? *cap * 2 : 4;
        jvalue *items = (jvalue *)j_alloc(n * sizeof *items);
        char **keys = (char **)j_alloc(n * sizeof *keys);
        if (v->len) {
            memcpy(items, v->items, v->len * sizeof *items);
            memcpy(keys, v->keys, v->len * sizeof *keys);
        }
        free(v->items);
        free(v->keys);
        v->items = items;
        v->keys = keys;
        *cap = n;
    }
}

static void j_value(jreader *r, jvalue *v) {
    size_t cap = 0;
    memset(v, 0, sizeof *v);
    j_space(r);
    if (r->p >= r->end) {
        j_fail("unexpected end");
    }
    v->start = r->p;
    if (*r->p == '{' || *r->p == '[') {
        int object = *r->p == '{';
        char close = object ? '}' : ']';
        v->type = object ? J_OBJECT : J_ARRAY;
        r->p++;
        j_space(r);
        if (r->p < r->end && *r->p == close) {
            r->p++;
        } else {
            for (;;) {
                j_push(v, &cap);
                if (object) {
                    j_space(r);
                    v->keys[v->len] = j_string(r);
                    j_space(r);
                    if (r->p >= r->end || *r->p != ':') {
                        j_fail("expected ':'");
                    }
                    r->p++;
                }
                j_value(r, &v->items[v->len]);
                v->len++;
                j_space(r);
                if (r->p < r->end && *r->p == ',') {
                    r->p++;
                    continue;
                }
                if (r->p < r->end && *r->p == close) {
                    r->p++;
                    break;
                }
                j_fail("expected ',' or a closing bracket");
            }
        }
    } else if (*r->p == '"') {
        v->type = J_STRING;
        v->string = j_string(r);
    } else if (r->end - r->p >= 4 && strncmp(r->p, "null", 4) == 0) {
        v->type = J_NULL;
        r->p += 4;
    } else if (r->end - r->p >= 4 && strncmp(r->p, "true", 4) == 0) {
        v->type = J_BOOL;
        v->boolean = 1;
        r->p += 4;
    } else if (r->end - r->p >= 5 && strncmp(r->p, "false", 5) == 0) {
        v->type = J_BOOL;
        r->p += 5;
    } else {
        char *after;
        v->type = J_NUMBER;
        v->number = strtod(r->p, &after);
        if (after == r->p) {
            j_fail("unexpected character");
        }
        r->p = after;
    }
    v->span = (size_t)(r->p - v->start);
}

/* Reads `len` bytes of `text` (which must outlive the tree). */
static jvalue j_parse(const char *text, size_t len) {
    jreader r;
    jvalue v;
    r.p = text;
    r.end = text + len;
    j_value(&r, &v);
    j_space(&r);
    if (r.p != r.end) {
        j_fail("text after the value");
    }
    return v;
}

static void j_free(jvalue *v) {
    size_t i;
    free(v->string);
    for (i = 0; i < v->len; i++) {
        j_free(&v->items[i]);
        if (v->type == J_OBJECT) {
            free(v->keys[i]);
        }
    }
    free(v->items);
    free(v->keys);
    memset(v, 0, sizeof *v);
}

/* The member `key` of object `v`, or NULL. */
static const jvalue *j_get(const jvalue *v, const char *key) {
    size_t i;
    if (!v || v->type != J_OBJECT) {
        return NULL;
    }
    for (i = 0; i < v->len; i++) {
        if (strcmp(v->keys[i], key) == 0) {
            return &v->items[i];
        }
    }
    return NULL;
}

/* The string member `key` of `v`, or NULL. */
static const char *j_str(const jvalue *v, const char *key) {
    const jvalue *m = j_get(v, key);
    return (m && m->type == J_STRING) ? m->string : NULL;
}

/* Reads a whole file into a NUL-terminated buffer; its length to *len. */
static char *j_read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        j_fail("cannot size the file");
    }
    buf = (char *)j_alloc((size_t)n + 1);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
        j_fail("cannot read the file");
    }
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

#endif /* MINI_JSON_H */
